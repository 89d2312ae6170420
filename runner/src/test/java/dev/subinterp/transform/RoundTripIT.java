package dev.subinterp.transform;

import dev.subinterp.internal.transform.AstTools;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.subinterp.interpreter.Interpreter;
import dev.subinterp.interpreter.Interpreters;
import dev.subinterp.interpreter.Language;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Lossless JSON: every file of a corpus goes parse -> JSON text -> (the host reads and writes it with
 * Jackson) -> tree, which must equal the parsed tree, positions included; and printing that tree and
 * parsing it again must give the same tree. Python: GraalPy's whole bundled standard library. JS: the
 * sources of acorn, escodegen, estraverse and esutils (the parser and printer themselves) and the JS
 * programs of test-fixtures.
 *
 * <p>An integration test: failsafe runs it in-process with the Graal JIT on (see the POM), where the
 * standard library takes about three minutes instead of four interpreter-only.
 */
class RoundTripIT {
    /** One runtime for both round trips: the second starts on the engine the first warmed. */
    private static final Interpreters RUNTIME = new Interpreters();

    @org.junit.jupiter.api.AfterAll
    static void closeRuntime() {
        RUNTIME.close();
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    /** What the host does to the tree on its way: Jackson reads the JSON text and writes it again. */
    private static final UnaryOperator<JsonNode> THROUGH_JACKSON = tree -> {
        try {
            return JSON.readTree(JSON.writeValueAsString(tree));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    };

    @Test
    void everyFileOfGraalPysStandardLibrary() throws IOException {
        Interpreters runtime = RUNTIME;
        System.out.println("JIT: " + runtime.isJitEnabled() + " (" + runtime.truffleRuntimeName() + ")");
        Path stdlib;
        try (Interpreter probe = runtime.create(Language.PYTHON)) {
            probe.exec("import ast, os\nstdlib = os.path.dirname(ast.__file__)");
            stdlib = Path.of(probe.getMainAttr("stdlib").asText());
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(stdlib)) {
            files = walk.filter(p -> p.toString().endsWith(".py") && Files.isRegularFile(p)).sorted().toList();
        }
        Report report = new Report();
        // Two lanes, one tools interpreter each: the machine has two cores.
        java.util.concurrent.ExecutorService lanes = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            List<java.util.concurrent.Future<?>> done = new ArrayList<>();
            for (int lane = 0; lane < 2; lane++) {
                int first = lane;
                done.add(lanes.submit(() -> {
                    try (SourceTransform tools = SourceTransform.builder(runtime, Language.PYTHON).build()) {
                        for (int i = first; i < files.size(); i += 2) {
                            report.check(tools, files.get(i), stdlib.relativize(files.get(i)).toString());
                        }
                    }
                    return null;
                }));
            }
            for (java.util.concurrent.Future<?> lane : done) {
                lane.get();
            }
        } catch (InterruptedException | java.util.concurrent.ExecutionException e) {
            throw new AssertionError(e);
        } finally {
            lanes.shutdownNow();
        }
        report.print("GraalPy standard library (" + stdlib + ")");
        assertTrue(report.passed > 700, "expected the whole standard library, got " + report.passed + " files");
        assertEquals(List.of(), report.failures);
    }

    @Test
    void jsParserAndPrinterSourcesAndTheJsFixtures() throws IOException {
        Report report = new Report();
        try (SourceTransform tools = SourceTransform.builder(RUNTIME, Language.JS).build();
             Stream<Path> fixtures = Files.walk(Path.of("..", "test-fixtures"))) {
            for (String library : List.of("acorn/dist/acorn.js", "escodegen/escodegen.js", "estraverse/estraverse.js",
                    "esutils/lib/ast.js", "esutils/lib/code.js", "esutils/lib/keyword.js", "esutils/lib/utils.js")) {
                String source = AstTools.JsLibraries.text(library);
                report.check(tools, source, library);
            }
            for (Path file : fixtures.filter(p -> p.toString().endsWith(".js") || p.toString().endsWith(".mjs")).sorted().toList()) {
                report.check(tools, file, file.toString());
            }
        }
        report.print("JS corpus");
        assertTrue(report.passed > 40, "expected the libraries and the fixtures, got " + report.passed);
        assertEquals(List.of(), report.failures);
    }

    /** Counts what passed, what the parser itself refuses (not part of the check) and what failed. */
    private static final class Report {
        int passed;
        int notParsed;
        int notUtf8;
        final List<String> failures = new ArrayList<>();
        final long started = System.nanoTime();

        void check(SourceTransform tools, Path file, String name) {
            String source;
            try {
                source = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
            } catch (CharacterCodingException e) {
                synchronized (this) {
                    notUtf8++;   // a test file in another encoding (a coding cookie); the host reads programs as UTF-8
                }
                return;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            check(tools, source, name);
        }

        synchronized void count(Runnable update) {
            update.run();
        }

        void check(SourceTransform tools, String source, String name) {
            try {
                String problem = tools.roundTripProblem(source, name, THROUGH_JACKSON);
                count(() -> {
                    if (problem == null) {
                        passed++;
                    } else {
                        failures.add(name + ": " + problem);
                    }
                });
            } catch (SourceSyntaxError e) {
                count(() -> notParsed++);   // the parser refuses it (test files with deliberate syntax errors)
            } catch (RuntimeException e) {
                count(() -> failures.add(name + ": " + e));
            }
        }

        void print(String corpus) {
            System.out.printf("round trip, %s: %d files equal, %d not accepted by the parser, %d not UTF-8, %d failed, %.1f s%n",
                    corpus, passed, notParsed, notUtf8, failures.size(), (System.nanoTime() - started) / 1e9);
        }
    }
}
