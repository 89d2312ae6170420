package dev.subinterp.cli;

import picocli.CommandLine;

import java.io.InputStream;
import java.io.PrintStream;

/** The standard streams a command uses, so that tests can run the CLI in-process. */
record Streams(InputStream in, PrintStream out, PrintStream err) {

    /** Hands the streams to each command object picocli creates that takes them in its constructor. */
    record Factory(InputStream in, PrintStream out, PrintStream err) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            try {
                return type.getDeclaredConstructor(Streams.class).newInstance(new Streams(in, out, err));
            } catch (NoSuchMethodException takesNoStreams) {
                return CommandLine.defaultFactory().create(type);
            }
        }
    }
}
