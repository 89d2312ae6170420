package example.embedding;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.subinterp.interpreter.ExecutionFailed;
import dev.subinterp.interpreter.Interpreter;
import dev.subinterp.interpreter.Interpreters;
import dev.subinterp.interpreter.Language;
import dev.subinterp.interpreter.NameNotDefined;
import dev.subinterp.plugin.PluginHost;
import dev.subinterp.pool.InterpreterPoolExecutor;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An application that embeds the library as any Maven project would: Python and JavaScript
 * interpreters called with Java records, a pool, a package from PyPI, a plugin. Run it with the Graal JIT:
 * {@code mvn package exec:exec} in this directory (see pom.xml).
 */
public final class Main {
    /** A value of the application's own: it crosses as {"x": ..., "y": ...}. */
    public record Point(double x, double y) {
    }

    /** What the words plugin returns. */
    public record Stats(int words, String longest) {
    }

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        Path plugins = Path.of(args.length > 0 ? args[0] : "plugins");
        // installed at build time by graalpy-maven-plugin (pom.xml): its external directory
        Path packages = Path.of(args.length > 1 ? args[1] : "target/python-packages");
        try (Interpreters runtime = new Interpreters()) {
            System.out.println("jit: " + (runtime.isJitEnabled() ? "on" : "off"));

            try (Interpreter py = runtime.create(Language.PYTHON); Interpreter js = runtime.create(Language.JS)) {
                py.exec("""
                        def norm(p):
                            return (p['x'] ** 2 + p['y'] ** 2) ** 0.5

                        def scale(p, k):
                            return {'x': p['x'] * k, 'y': p['y'] * k}
                        """);
                double length = py.call(Double.class, "norm", new Point(3, 4));
                Point doubled = py.call(Point.class, "scale", new Point(3, 4), 2);
                System.out.println("python: norm " + length + ", scaled " + doubled);

                js.exec("function shout(words) { return Object.fromEntries(words.map(w => [w, w.toUpperCase()])); }");
                Map<String, String> loud = js.call(new TypeReference<Map<String, String>>() { }, "shout", List.of("graal", "python"));
                System.out.println("javascript: " + loud);

                try {
                    py.call("missing");
                } catch (NameNotDefined e) {
                    System.out.println("not defined: " + e.getMessage());
                }
                try {
                    py.exec("def divide(a, b):\n    return a / b\n");
                    py.call("divide", 1, 0);
                } catch (ExecutionFailed e) {
                    System.out.println("raised: " + e.getMessage());
                }
            }
        }

        try (InterpreterPoolExecutor pool = InterpreterPoolExecutor.builder(Language.PYTHON).size(2)
                .initializer("def square(n):\n    return n * n\n").build()) {
            List<Integer> squares = new ArrayList<>();
            for (int n = 1; n <= 5; n++) {
                squares.add(pool.submitCall(Integer.class, "square", n).get());
            }
            System.out.println("pool: " + squares);
        }

        // Guests import packages from directories the runtime names, read-only under every policy.
        try (Interpreters withPackages = new Interpreters().packages(packages);
             Interpreter py = withPackages.create(Language.PYTHON)) {
            py.exec("from tabulate import tabulate\n"
                    + "def table(rows):\n    return tabulate(rows, headers=['system', 'cores'], tablefmt='tsv')\n");
            String table = py.call(String.class, "table", List.of(List.of("this machine", 2)));
            System.out.println("package: " + table.lines().toList());
        }

        try (PluginHost host = PluginHost.builder().build()) {
            String words = host.load(plugins.resolve("words"));
            Stats stats = host.call(Stats.class, words, "stats", "isolated interpreters for the JVM");
            System.out.println("plugin: " + stats);
        }
    }
}
