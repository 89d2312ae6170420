package dev.subinterp.interpreter;

import dev.subinterp.error.ErrorKind;

/**
 * A call or {@code getMainAttr} named something that the interpreter's {@code __main__} (JS: its
 * global scope) does not define, as Python's {@code NameError} would say. A {@link ErrorKind#USAGE} error:
 * the interpreter stays as it was.
 */
public final class NameNotDefined extends InterpreterError {
    private final int interpreterId;
    private final String what;
    private final String name;

    /** {@code what}: "function" for a call, "name" for a variable. */
    public NameNotDefined(int interpreterId, String what, String name) {
        super("interpreter " + interpreterId + " has no " + what + " '" + name + "' in __main__", ErrorKind.USAGE);
        this.interpreterId = interpreterId;
        this.what = what;
        this.name = name;
    }

    /** The interpreter that was asked. */
    public int interpreterId() {
        return interpreterId;
    }

    /** What was looked for: "function" or "name". */
    public String what() {
        return what;
    }

    /** The name it does not define. */
    public String name() {
        return name;
    }
}
