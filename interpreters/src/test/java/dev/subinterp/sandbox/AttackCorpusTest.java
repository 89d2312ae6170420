package dev.subinterp.sandbox;

import dev.subinterp.interpreter.ExecutionFailed;
import dev.subinterp.interpreter.Interpreter;
import dev.subinterp.interpreter.InterpreterClosedError;
import dev.subinterp.interpreter.InterpreterError;
import dev.subinterp.interpreter.InterpreterExited;
import dev.subinterp.interpreter.InterpreterThreads;
import dev.subinterp.interpreter.Interpreters;
import dev.subinterp.interpreter.Language;
import dev.subinterp.interpreter.LimitExceeded;
import dev.subinterp.interpreter.OutputLimitExceeded;
import dev.subinterp.interpreter.TimeLimitExceeded;
import dev.subinterp.policy.PolicyLoader;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs every program of {@code test-fixtures/attacks/} in a fresh interpreter under the {@code strict}
 * preset and fails if any escapes (prints ESCAPED), ends otherwise than its header expects, hangs, or
 * hurts the host. Header of each file (Python {@code #}, JS {@code //}):
 * <pre>
 * # attack: what it tries
 * # expect: denied | time-limit | output-limit | limit | exited | completed [or ...]
 * </pre>
 */
class AttackCorpusTest {
    private static final Path CORPUS = Path.of("..", "test-fixtures", "attacks");
    private static final Pattern EXPECT = Pattern.compile("^(?:#|//)\\s*expect:\\s*(.+)$", Pattern.MULTILINE);
    private static final Set<String> OUTCOMES = Set.of("denied", "time-limit", "output-limit", "limit", "exited", "completed");
    /** Longer than strict's 10 s time limit plus the cancel that follows an ignored interrupt. */
    private static final long HANG_SECONDS = 60;

    record Attack(Path file, Language language, Set<String> expected) {
        String name() {
            return file.getFileName().toString();
        }
    }

    record Result(Attack attack, String outcome, String output, String detail) {
        boolean escaped() {
            return output.contains("ESCAPED");
        }

        boolean asExpected() {
            return attack.expected.contains(outcome) && !escaped();
        }
    }

    static List<Attack> corpus() throws IOException {
        try (Stream<Path> files = Files.list(CORPUS)) {
            List<Attack> attacks = new ArrayList<>();
            for (Path file : files.sorted().toList()) {
                String name = file.getFileName().toString();
                if (!name.endsWith(".py") && !name.endsWith(".js")) {
                    continue;
                }
                Matcher m = EXPECT.matcher(Files.readString(file));
                if (!m.find()) {
                    throw new IllegalStateException(name + ": no '# expect:' line");
                }
                Set<String> expected = Arrays.stream(m.group(1).trim().split("\\s+or\\s+")).collect(Collectors.toSet());
                if (!OUTCOMES.containsAll(expected)) {
                    throw new IllegalStateException(name + ": unknown outcome in '" + m.group(1) + "'; use " + OUTCOMES);
                }
                attacks.add(new Attack(file, name.endsWith(".py") ? Language.PYTHON : Language.JS, expected));
            }
            return attacks;
        }
    }

    static Result run(Interpreters runtime, Attack attack) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        String outcome;
        String detail;
        try (Interpreter interp = runtime.newInterpreter(attack.language()).stdout(output).stderr(output)
                .scriptDirectory(attack.file().toAbsolutePath().getParent()).create()) {
            interp.exec(Files.readString(attack.file()), attack.name());
            outcome = "completed";
            detail = "";
        } catch (TimeLimitExceeded e) {
            outcome = "time-limit";
            detail = e.getMessage();
        } catch (OutputLimitExceeded e) {
            outcome = "output-limit";
            detail = e.getMessage();
        } catch (LimitExceeded e) {
            outcome = "limit";
            detail = e.getMessage();
        } catch (InterpreterExited e) {
            outcome = "exited";
            detail = e.getMessage();
        } catch (ExecutionFailed e) {
            outcome = "denied";
            detail = e.excInfo().type() + ": " + e.excInfo().message();
        } catch (InterpreterClosedError e) {
            outcome = "closed";
            detail = e.getMessage();
        } catch (InterpreterError e) {
            outcome = "denied";   // refused by GraalVM itself (e.g. a SecurityException for process creation)
            detail = e.getMessage();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } finally {
            // Interpreters the attack created (bombs) must not eat the next attack's allowance.
            runtime.listAll().forEach(Interpreter::close);
            // Nor the heap it filled: the heap guard would stop the next attack for it.
            awaitHeapBelowHalf();
        }
        String text = output.toString(StandardCharsets.UTF_8);
        return new Result(attack, outcome, text.length() > 2000 ? text.substring(0, 2000) : text, detail);
    }

    @Test
    void everyAttackIsContainedUnderStrict() throws Exception {
        List<Attack> attacks = corpus();
        assertTrue(attacks.size() >= 40, "the corpus has " + attacks.size() + " attacks");
        java.util.Set<Thread> interpreterThreadsBefore = InterpreterThreads.alive();
        // Two strict runtimes, each running its half one attack at a time: an attack's leftovers are
        // closed before the next one starts in the same runtime.
        List<Result> results = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        ExecutorService lanes = Executors.newFixedThreadPool(2);
        try (Interpreters left = new Interpreters(PolicyLoader.preset("strict"));
             Interpreters right = new Interpreters(PolicyLoader.preset("strict"))) {
            List<CompletableFuture<List<Result>>> halves = List.of(
                    CompletableFuture.supplyAsync(() -> runAll(left, every(attacks, 0)), lanes),
                    CompletableFuture.supplyAsync(() -> runAll(right, every(attacks, 1)), lanes));
            for (CompletableFuture<List<Result>> half : halves) {
                try {
                    results.addAll(half.get(HANG_SECONDS * attacks.size(), TimeUnit.SECONDS));
                } catch (TimeoutException e) {
                    failures.add("the corpus hung");
                }
            }
            for (Result r : results) {
                System.out.printf("%-45s expected %-28s got %-12s %s%n", r.attack().name(), r.attack().expected(), r.outcome(),
                        r.detail().lines().findFirst().orElse(""));
                if (!r.asExpected()) {
                    failures.add(r.attack().name() + ": expected " + r.attack().expected() + ", got " + r.outcome()
                            + (r.escaped() ? " and it ESCAPED" : "") + " (" + r.detail() + ")\n" + r.output());
                }
            }
            // The host survived: a new interpreter in each runtime still works.
            for (Interpreters runtime : List.of(left, right)) {
                try (Interpreter py = runtime.create(Language.PYTHON)) {
                    assertEquals(7, py.call("max", 3, 7).asInt());
                }
            }
        } finally {
            lanes.shutdownNow();
        }
        assertEquals(List.of(), failures, String.join("\n\n", failures));
        assertEquals(attacks.size(), results.size());
        assertEquals(java.util.Set.of(), InterpreterThreads.stillAliveAfter(interpreterThreadsBefore, java.time.Duration.ofSeconds(10)),
                "no interpreter thread is left behind");
    }

    /** Waits (20 s at most) until a collection leaves the heap less than half full. */
    private static void awaitHeapBelowHalf() {
        Runtime heap = Runtime.getRuntime();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        do {
            System.gc();
            if (heap.totalMemory() - heap.freeMemory() < heap.maxMemory() / 2) {
                return;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        } while (System.nanoTime() < deadline);
    }

    private static List<Result> runAll(Interpreters runtime, List<Attack> attacks) {
        List<Result> results = new ArrayList<>();
        for (Attack attack : attacks) {
            results.add(run(runtime, attack));
        }
        return results;
    }

    private static List<Attack> every(List<Attack> attacks, int offset) {
        List<Attack> half = new ArrayList<>();
        for (int i = offset; i < attacks.size(); i += 2) {
            half.add(attacks.get(i));
        }
        return half;
    }

}
