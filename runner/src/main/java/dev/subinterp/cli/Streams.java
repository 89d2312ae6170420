package dev.subinterp.cli;

import picocli.CommandLine;

import java.io.InputStream;
import java.io.PrintStream;

/** The standard streams a command uses, so that tests can run the CLI in-process. */
record Streams(InputStream in, PrintStream out, PrintStream err) {

    /** Hands the streams to each command object picocli creates. */
    record Factory(InputStream in, PrintStream out, PrintStream err) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            Streams streams = new Streams(in, out, err);
            if (type == ExecCommand.class) {
                return type.cast(new ExecCommand(streams));
            }
            if (type == DemoCommand.class) {
                return type.cast(new DemoCommand(streams));
            }
            if (type == MapCommand.class) {
                return type.cast(new MapCommand(streams));
            }
            if (type == BenchCommand.class) {
                return type.cast(new BenchCommand(streams));
            }
            return CommandLine.defaultFactory().create(type);
        }
    }
}
