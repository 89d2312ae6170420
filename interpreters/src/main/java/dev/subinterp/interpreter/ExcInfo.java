package dev.subinterp.interpreter;

/**
 * A snapshot of an uncaught guest exception (PEP 734's {@code excinfo}). The exception itself stays
 * in its interpreter: objects never cross, only this description does.
 *
 * @param type       the exception's type name: {@code ZeroDivisionError}, {@code SyntaxError}, JS {@code RangeError}
 * @param message    the exception's message ({@code str(e)} in Python, {@code e.message} in JS)
 * @param formatted  one line, type and message, as Python's {@code format_exception_only}
 * @param traceback  the full display the guest language would print for it (PEP 734's {@code errdisplay})
 * @param sourceName the name of the source where it was raised, or null if unknown
 * @param line       1-based line where it was raised, or 0 if unknown
 * @param column     1-based column where it was raised, or 0 if unknown
 * @param typeQualname the type's qualified name (Python {@code __qualname__}; JS: the type name)
 * @param typeModule the module the type was defined in (Python {@code __module__}), or null
 */
public record ExcInfo(String type, String message, String formatted, String traceback,
                      String sourceName, int line, int column, String typeQualname, String typeModule) {
}
