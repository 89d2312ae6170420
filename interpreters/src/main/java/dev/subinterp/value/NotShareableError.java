package dev.subinterp.value;

import dev.subinterp.error.ErrorKind;

/**
 * A value that cannot cross between interpreters: only JSON values and bytes do. Like Python's
 * {@code NotShareableError}, a {@code TypeError}-like error: the message names the JSON path of the
 * offending value and its type, e.g. {@code $.items[3]: function is not shareable}.
 */
public final class NotShareableError extends IllegalArgumentException implements ErrorKind.Classified {
    private final String path;
    private final String typeName;

    public NotShareableError(String path, String typeName, String reason) {
        super(path + ": " + reason);
        this.path = path;
        this.typeName = typeName;
    }

    /** The error for a value of type {@code typeName} at {@code path}. */
    public static NotShareableError of(String path, String typeName) {
        return new NotShareableError(path, typeName, typeName + " is not shareable (only JSON values and bytes cross between interpreters)");
    }

    /** The error for a list or map at {@code path} inside {@link Shareable#MAX_DEPTH} others already. */
    public static NotShareableError tooDeep(JsonPath path, String typeName) {
        return new NotShareableError(path.toString(), typeName, "nesting deeper than " + Shareable.MAX_DEPTH + " is not shareable");
    }

    /** The error for an integer at {@code path} with more than {@link Shareable#MAX_INTEGER_DIGITS} digits. */
    public static NotShareableError integerTooLong(JsonPath path, String typeName) {
        return new NotShareableError(path.toString(), typeName,
                "integer of more than " + Shareable.MAX_INTEGER_DIGITS + " digits is not shareable");
    }

    /** Always {@link ErrorKind#NOT_SHAREABLE}. */
    @Override
    public ErrorKind kind() {
        return ErrorKind.NOT_SHAREABLE;
    }

    /** The JSON path of the value that could not cross ({@code $} for the value itself). */
    public String path() {
        return path;
    }

    /** The type of the offending value, as its own language names it. */
    public String typeName() {
        return typeName;
    }
}
