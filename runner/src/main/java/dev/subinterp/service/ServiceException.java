package dev.subinterp.service;

/** The runner service cannot be used: its directory is unsafe, it did not start, or it went away. */
public class ServiceException extends Exception {
    public ServiceException(String message) {
        super(message);
    }
}
