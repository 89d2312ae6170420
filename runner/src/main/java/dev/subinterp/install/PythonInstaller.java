package dev.subinterp.install;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.EnvironmentAccess;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Installs Python packages into a directory with GraalPy's own pip (the one GraalPy's {@code ensurepip}
 * bundles, so GraalPy's package patches apply), wheels only. This is the host installing packages, not a
 * guest: pip runs in a Context of its own with full access, never in a sandboxed interpreter. It stages
 * the install and refuses a distribution that brings native code (see {@code pip_install.py}).
 */
public final class PythonInstaller {
    private PythonInstaller() {
    }

    /**
     * @param target           the package directory (made if missing)
     * @param specs            as pip takes them: names with versions, wheel files (absolute)
     * @param requirementFiles {@code -r} files (absolute)
     * @param pipOptions       further pip options ({@code --index-url}, {@code --find-links}, {@code --no-index})
     * @param environment      pip's environment (its configuration: {@code PIP_INDEX_URL}, ...)
     * @return 0 installed (or already there), 1 not installed
     */
    public static synchronized int install(Path target, List<String> specs, List<Path> requirementFiles, List<String> pipOptions,
                                           Map<String, String> environment, PrintStream out, PrintStream err) {
        try {
            if (pip == null) {
                pip = start(environment);
            }
            Value result = pip.getBindings("python").getMember("install").execute(target.toString(), specs.toArray(String[]::new),
                    requirementFiles.stream().map(Path::toString).toArray(String[]::new), pipOptions.toArray(String[]::new));
            for (int i = 0; i < result.getArrayElement(1).getArraySize(); i++) {
                out.println(result.getArrayElement(1).getArrayElement(i).asString());
            }
            for (int i = 0; i < result.getArrayElement(2).getArraySize(); i++) {
                err.println(result.getArrayElement(2).getArrayElement(i).asString());
            }
            return result.getArrayElement(0).asInt();
        } catch (PolyglotException e) {
            if (e.isExit()) {
                return e.getExitStatus() == 0 ? 0 : 1;
            }
            err.println("runner: pip failed: " + e.getMessage());
            return 1;
        }
    }

    /**
     * The one Context pip runs in, for the life of this JVM: GraalPy's native layer loads native modules
     * (termios, which pip imports) into one context per process only. The command line installs once per
     * JVM; a JVM that installs again (tests) reuses it, with the environment it was made with.
     */
    private static Context pip;

    private static Context start(Map<String, String> environment) {
        Context.Builder builder = Context.newBuilder("python")
                .allowAllAccess(true)
                .allowEnvironmentAccess(EnvironmentAccess.NONE)
                .environment(environment)
                // the native POSIX layer: pip needs sockets with name resolution, which the emulated one lacks
                .option("python.PosixModuleBackend", "native")
                .option("engine.WarnInterpreterOnly", "false")
                // (GraalPy warns that the native layer writes to file descriptors 1 and 2 directly: pip's output
                // reaches this process's own stdout and stderr, which is where the command line prints)
                .logHandler(java.io.OutputStream.nullOutputStream())
                .out(System.out)
                .err(System.err);
        Context context = builder.build();
        context.eval(Source.newBuilder("python", driver(), "pip_install.py").buildLiteral());
        return context;
    }

    private static String driver() {
        try (InputStream in = PythonInstaller.class.getResourceAsStream("pip_install.py")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("the runner jar lacks pip_install.py", e);
        }
    }
}
