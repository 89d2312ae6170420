package dev.subinterp.cli;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.io.PrintStream;

/**
 * The training run of the JDK's start-up cache ({@code scripts/build-aot}, part of {@code make build}):
 * the commands a one-off {@code runner exec} most often is, so that the classes they load are in the
 * cache, loaded and linked, for the next JVM. Not a command of the CLI; its output is discarded.
 */
public final class StartupTraining {
    private static final String[][] COMMANDS = {
            {"exec", "-c", "import sys\nprint(sum(range(10)), sys.argv)"},
            {"exec", "-c", "def load(config):\n    return config['missing']\n\nload({})"},
            {"exec", "--json", "-c", "print(input())"},
            {"exec", "--lang", "js", "-c", "console.log([1, 2, 3].map(x => x * 2).join(','))"},
            {"exec", "--lang", "js", "-c", "null.property"},
    };

    private StartupTraining() {
    }

    public static void main(String[] args) {
        PrintStream discard = new PrintStream(OutputStream.nullOutputStream(), true);
        for (String[] command : COMMANDS) {
            RunnerCli.run(command, new ByteArrayInputStream("line\n".getBytes()), discard, discard);
        }
        System.exit(0);
    }
}
