package dev.subinterp.plugin;

/** A call the plugin host cannot make: no such plugin, or a function the plugin does not export. */
public final class PluginException extends RuntimeException {
    public PluginException(String message) {
        super(message);
    }
}
