package dev.subinterp.interpreter;

import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The one line an application sees when its runtimes run guest code interpreter-only (no Graal JIT):
 * many times slower on hot code, which it would otherwise never learn. Said once per JVM, on standard
 * error, with the fix; {@code -Dpolyglot.engine.WarnInterpreterOnly=false} (Truffle's own switch for
 * its warning) turns it off.
 */
final class InterpreterOnlyNotice {
    static final String TEXT = "subinterp: no JIT compiler, guest code runs interpreter-only (many times slower on hot code); "
            + "README.md \"Turning the Graal JIT on\" says how; -Dpolyglot.engine.WarnInterpreterOnly=false hides this line";
    private static final InterpreterOnlyNotice STANDARD_ERROR = new InterpreterOnlyNotice(System.err);

    private final PrintStream out;
    private final AtomicBoolean said = new AtomicBoolean();

    InterpreterOnlyNotice(PrintStream out) {
        this.out = out;
    }

    static void sayOnceIfNeeded(Interpreters runtime) {
        STANDARD_ERROR.sayIfNeeded(runtime.isJitEnabled(), System.getProperty("polyglot.engine.WarnInterpreterOnly"));
    }

    /** Says it the first time the JIT is off, unless {@code switchValue} (the property) is {@code false}. */
    void sayIfNeeded(boolean jitEnabled, String switchValue) {
        if (!jitEnabled && !"false".equalsIgnoreCase(switchValue) && said.compareAndSet(false, true)) {
            out.println(TEXT);
        }
    }
}
