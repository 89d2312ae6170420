package dev.subinterp.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.subinterp.interpreter.ExcInfo;
import dev.subinterp.interpreter.ExecutionFailed;
import dev.subinterp.interpreter.Interpreter;
import dev.subinterp.interpreter.Interpreters;
import dev.subinterp.interpreter.Language;
import dev.subinterp.interpreter.NameNotDefined;
import dev.subinterp.value.NotShareableError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code runner demo}: a short, readable showcase. A Python and a JS interpreter side by side, a value
 * crossing from one to the other as JSON, isolation of globals, and guest errors caught by the host.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Show two interpreters (Python and JS) exchanging JSON and reporting guest errors.")
final class DemoCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", description = "The demo programs (default: test-fixtures/demo).")
    Path dir = Path.of("test-fixtures", "demo");

    private final PrintStream out;
    private int step;

    DemoCommand(Streams streams) {
        this.out = streams.out();
    }

    @Override
    public Integer call() throws IOException {
        long started = System.nanoTime();
        try (Interpreters runtime = new Interpreters()) {
            say("JIT " + (runtime.isJitEnabled() ? "on" : "off") + " (Truffle runtime: " + runtime.truffleRuntimeName() + ")");
            try (Interpreter python = timed("create a Python interpreter", () -> runtime.create(Language.PYTHON));
                 Interpreter js = timed("create a JavaScript interpreter", () -> runtime.create(Language.JS))) {
                python.exec(Files.readString(dir.resolve("wordstats.py")), dir.resolve("wordstats.py").toString());
                js.exec(Files.readString(dir.resolve("report.js")), dir.resolve("report.js").toString());
                say("interpreters " + runtime.listAll() + " each have their own globals and thread");

                List<String> words = List.of("interpreter", "isolation", "graal", "json", "bytes");
                JsonNode summary = python.call("summarize", words);
                say("Python summarize(" + words + ")\n      -> " + summary);
                JsonNode line = js.call("render", summary);
                say("JavaScript render(<that JSON>)\n      -> " + line.asText());

                try {
                    js.getMainAttr("secret");
                } catch (NameNotDefined e) {
                    say("JavaScript cannot see Python's globals: " + e.getMessage());
                }

                try {
                    python.call("summarize", 42);
                } catch (ExecutionFailed e) {
                    report("Python raised, the host caught it", e.excInfo());
                }
                try {
                    js.call("check", Map.of("words", 0));
                } catch (ExecutionFailed e) {
                    report("JavaScript raised, the host caught it", e.excInfo());
                }
                try {
                    python.exec("counter = make_counter()");
                    python.getMainAttr("counter");
                } catch (NotShareableError e) {
                    say("a closure cannot cross, as in multiprocessing: " + e.getMessage());
                }
            }
        }
        say(String.format("done in %.1f s", (System.nanoTime() - started) / 1e9));
        return ExitCodes.OK;
    }

    private void report(String what, ExcInfo info) {
        say(what + ": " + info.type() + " at " + info.sourceName() + ":" + info.line() + ":" + info.column()
                + "\n      " + info.formatted());
    }

    private <T> T timed(String what, Callable<T> action) {
        long start = System.nanoTime();
        try {
            T result = action.call();
            say(String.format("%s: %.0f ms", what, (System.nanoTime() - start) / 1e6));
            return result;
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void say(String text) {
        out.printf("%2d. %s%n", ++step, text);
        out.flush();
    }
}
