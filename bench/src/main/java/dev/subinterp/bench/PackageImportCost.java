package dev.subinterp.bench;

import dev.subinterp.interpreter.Interpreter;
import dev.subinterp.interpreter.Interpreters;
import dev.subinterp.interpreter.Language;

import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the first, second, tenth and hundredth interpreter of one runtime pay to import the same
 * package: a fresh interpreter each time, on the runtime's one engine, timed around the import alone
 * (creating and closing the interpreter are not counted). GraalVM shares parsed code between the
 * contexts of an engine (same source text, same name) and the JIT's compiled code once it is warm.
 *
 * <pre>
 * scripts/runner packages install --lang python --target /tmp/py tabulate
 * scripts/runner packages install --lang js --target /tmp/js lodash@4
 * RUNNER_MAIN=dev.subinterp.bench.PackageImportCost RUNNER_CLASSPATH="bench/target/classes:bench/target/lib/*" \
 *   scripts/runner /tmp/py "import tabulate" /tmp/js "require('lodash')"
 * </pre>
 * CPython's figures for the same imports: scripts/bench/package_imports.py.
 */
public final class PackageImportCost {
    private static final int INTERPRETERS = 100;
    private static final int[] REPORTED = {1, 2, 10, 100};

    private PackageImportCost() {
    }

    public static void main(String[] args) {
        for (int i = 0; i + 1 < args.length; i += 2) {
            Language language = args[i + 1].contains("require(") ? Language.JS : Language.PYTHON;
            measure(language, Path.of(args[i]), args[i + 1]);
        }
    }

    private static void measure(Language language, Path packages, String statement) {
        List<Double> millis = new ArrayList<>();
        try (Interpreters runtime = new Interpreters().packages(packages)) {
            for (int n = 1; n <= INTERPRETERS; n++) {
                try (Interpreter interpreter = runtime.newInterpreter(language)
                        .stdout(OutputStream.nullOutputStream()).stderr(OutputStream.nullOutputStream()).create()) {
                    long start = System.nanoTime();
                    interpreter.exec(statement);
                    millis.add((System.nanoTime() - start) / 1e6);
                }
            }
        }
        StringBuilder line = new StringBuilder(language.id() + " " + statement + ", a new interpreter each time (ms):");
        for (int n : REPORTED) {
            line.append(String.format(" #%d %.1f", n, millis.get(n - 1)));
        }
        List<Double> last = new ArrayList<>(millis.subList(INTERPRETERS - 10, INTERPRETERS));
        last.sort(null);
        line.append(String.format(", median of #91-#100 %.1f", (last.get(4) + last.get(5)) / 2));
        System.out.println(line);
    }
}
