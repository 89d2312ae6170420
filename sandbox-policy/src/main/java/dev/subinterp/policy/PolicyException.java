package dev.subinterp.policy;

/**
 * A policy that cannot be used: the message names the file, the JSON path and what is allowed,
 * e.g. {@code my.json: $.fileAccess: "rw" is not one of none, read-only, read-write}.
 */
public final class PolicyException extends RuntimeException {
    private final String source;
    private final String jsonPath;

    public PolicyException(String source, String jsonPath, String problem) {
        super(source + ": " + jsonPath + ": " + problem);
        this.source = source;
        this.jsonPath = jsonPath;
    }

    /** The file or preset the policy came from. */
    public String source() {
        return source;
    }

    /** Where in the document the problem is ({@code $} for the whole document). */
    public String jsonPath() {
        return jsonPath;
    }
}
