package dev.subinterp.plugin;

import dev.subinterp.error.ErrorKind;

/**
 * A plugin manifest that cannot be used: the message names the file, the JSON path and the reason,
 * e.g. {@code plugins/stats/plugin.json: $.poolSize: 0 is not a whole number from 1 to 64}.
 */
public final class ManifestException extends RuntimeException implements ErrorKind.Classified {
    private final String file;
    private final String jsonPath;

    public ManifestException(String file, String jsonPath, String problem) {
        super(file + ": " + jsonPath + ": " + problem);
        this.file = file;
        this.jsonPath = jsonPath;
    }

    /** Always {@link ErrorKind#CONFIGURATION}. */
    @Override
    public ErrorKind kind() {
        return ErrorKind.CONFIGURATION;
    }

    /** The manifest file. */
    public String file() {
        return file;
    }

    /** Where in the manifest the problem is ({@code $} for the whole document). */
    public String jsonPath() {
        return jsonPath;
    }
}
