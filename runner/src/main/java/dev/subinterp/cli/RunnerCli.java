package dev.subinterp.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;

/** {@code runner}: the command line. The only place in the project that prints or exits. */
@Command(name = "runner",
        mixinStandardHelpOptions = true,
        versionProvider = VersionInfo.class,
        description = "Run Python and JavaScript in isolated GraalVM interpreters; only JSON and bytes cross between them.",
        subcommands = {ExecCommand.class, TransformCommand.class, MapCommand.class, PolicyCommand.class, PluginCommand.class, DemoCommand.class, BenchCommand.class})
public final class RunnerCli implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args, System.in, System.out, System.err));
    }

    /** Runs the command line with the given streams and returns its exit code. */
    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        CommandLine cli = new CommandLine(new RunnerCli(), new Streams.Factory(in, out, err));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        cli.setExitCodeExceptionMapper(e -> ExitCodes.USAGE);
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command: use 'runner exec ...' (see runner --help)");
    }
}
