package dev.subinterp.plugin;

import dev.subinterp.error.ErrorKind;

/** A call the plugin host cannot make: no such plugin, or a function the plugin does not export. */
public final class PluginException extends RuntimeException implements ErrorKind.Classified {
    public PluginException(String message) {
        super(message);
    }

    /** Always {@link ErrorKind#USAGE}. */
    @Override
    public ErrorKind kind() {
        return ErrorKind.USAGE;
    }
}
