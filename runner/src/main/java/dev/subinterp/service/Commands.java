package dev.subinterp.service;

import dev.subinterp.interpreter.HostEnvironment;
import dev.subinterp.interpreter.Interpreters;
import dev.subinterp.policy.SandboxPolicy;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.function.Function;

/**
 * What the service runs for each client: a command line, handed to it from above (the CLI) so that
 * the service never depends on the commands it serves.
 */
@FunctionalInterface
public interface Commands {
    /**
     * Runs one command line for a client process and returns its exit code: relative paths start from
     * {@code host}'s working directory, guests see its environment, and interpreters come from a
     * runtime that {@code runtimes} gives for the command's policy (it may share a warm engine).
     */
    int run(String[] args, InputStream in, PrintStream out, PrintStream err, HostEnvironment host,
            Function<SandboxPolicy, Interpreters> runtimes);
}
