package dev.subinterp.cli;

import dev.subinterp.interpreter.HostEnvironment;
import dev.subinterp.interpreter.Interpreters;
import dev.subinterp.policy.SandboxPolicy;
import picocli.CommandLine;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.function.Function;

/**
 * What a command runs against: its standard streams, the working directory and environment of the
 * process that asked for it (this JVM's, or a service client's), and how it gets a runtime for a
 * policy (a new one, or one on a service's warm engine). Tests run the CLI in-process through it.
 */
record Streams(InputStream in, PrintStream out, PrintStream err, HostEnvironment host,
               Function<SandboxPolicy, Interpreters> runtimes) {

    /** Hands the streams to each command object picocli creates that takes them in its constructor. */
    record Factory(Streams streams) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            try {
                return type.getDeclaredConstructor(Streams.class).newInstance(streams);
            } catch (NoSuchMethodException takesNoStreams) {
                return CommandLine.defaultFactory().create(type);
            }
        }
    }
}
