package dev.subinterp.spark;

/**
 * A guest function could not run on an executor at all: its initializer raised, or its policy or
 * package directories were refused there. The message names the function and says why (for an
 * initializer, with the guest's traceback); Spark fails the job with it.
 */
public final class GuestFunctionFailed extends RuntimeException {
    public GuestFunctionFailed(String message) {
        super(message);
    }

    /**
     * The guest function's failure behind a failed Spark job, if that is why it failed (Spark hands the
     * driver the task's exception as a cause, or only its text).
     */
    public static java.util.Optional<String> reasonIn(Throwable jobFailure) {
        for (Throwable cause = jobFailure; cause != null; cause = cause.getCause()) {
            if (cause instanceof GuestFunctionFailed failed) return java.util.Optional.of(failed.getMessage());
        }
        String text = String.valueOf(jobFailure.getMessage());
        String marker = GuestFunctionFailed.class.getName() + ": ";
        int at = text.indexOf(marker);
        if (at < 0) return java.util.Optional.empty();
        String rest = text.substring(at + marker.length());
        int trace = rest.indexOf("\n\tat ");
        return java.util.Optional.of(trace < 0 ? rest : rest.substring(0, trace));
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;   // the message is the whole story; no Java frames for the job's failure text
    }
}
