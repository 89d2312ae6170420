package dev.subinterp.cli;

import dev.subinterp.interpreter.HostEnvironment;
import dev.subinterp.interpreter.Interpreters;
import dev.subinterp.policy.SandboxPolicy;
import dev.subinterp.service.ServiceDirectory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/** {@code runner}: the command line. The only place in the project that prints or exits. */
@Command(name = "runner",
        mixinStandardHelpOptions = true,
        versionProvider = VersionInfo.class,
        description = "Run Python and JavaScript in isolated GraalVM interpreters; only JSON and bytes cross between them.",
        footer = {"", "scripts/runner runs 'exec' in a warm background service, started on first use:",
                "  runner daemon start [--idle-timeout DURATION] | status | stop",
                "  runner --no-daemon exec ...   runs it in-process instead"})
public final class RunnerCli implements Runnable {
    /** The subcommands, in the order help lists them. */
    private static final Map<String, Class<?>> COMMANDS = commands(ExecCommand.class, TransformCommand.class, MapCommand.class,
            PolicyCommand.class, PluginCommand.class, PackagesCommand.class, DemoCommand.class, BenchCommand.class);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        quietLibraryJitNotice();
        System.exit(run(args, System.in, System.out, System.err));
    }

    /** The command line says that the JIT is off in its own words (exec), so the library's line would repeat it. */
    static void quietLibraryJitNotice() {
        if (System.getProperty("polyglot.engine.WarnInterpreterOnly") == null) {
            System.setProperty("polyglot.engine.WarnInterpreterOnly", "false");
        }
    }

    /** Runs the command line with the given streams and returns its exit code. */
    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        HostEnvironment current = HostEnvironment.current();
        // Guests never see the warm service's directory (its log holds other commands' output), whatever their roots.
        HostEnvironment host = new HostEnvironment(current.workingDirectory(), current.variables(),
                java.util.List.of(ServiceDirectory.locate(current.variables()).path()));
        return run(args, in, out, err, host, Interpreters::new);
    }

    /**
     * Runs the command line for another process (a service client): relative paths start from
     * {@code host}'s working directory, guests see its environment, and {@code exec} gets its runtime
     * from {@code runtimes} (which may share a warm engine). Returns the exit code.
     */
    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err, HostEnvironment host,
                          Function<SandboxPolicy, Interpreters> runtimes) {
        CommandLine cli = new CommandLine(new RunnerCli(), new Streams.Factory(new Streams(in, out, err, host, runtimes)));
        // Building a subcommand's model reflects over all its options: the one named is enough (a
        // command in the warm service takes ~2 ms instead of ~15); help and errors get them all.
        Class<?> named = args.length > 0 ? COMMANDS.get(args[0]) : null;
        COMMANDS.forEach((name, type) -> {
            if (named == null || named == type) {
                cli.addSubcommand(name, type);
            }
        });
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        cli.setExitCodeExceptionMapper(e -> ExitCodes.USAGE);
        // What a command did not handle is still reported as one line, never as a Java stack trace.
        cli.setExecutionExceptionHandler((e, command, parsed) -> {
            String message = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
            command.getErr().println("runner " + command.getCommandName() + ": " + e.getClass().getSimpleName() + ": " + message);
            return ExitCodes.of(dev.subinterp.error.ErrorKind.of(e));
        });
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    private static Map<String, Class<?>> commands(Class<?>... types) {
        Map<String, Class<?>> byName = new LinkedHashMap<>();
        for (Class<?> type : types) {
            byName.put(type.getAnnotation(Command.class).name(), type);
        }
        return byName;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command: use 'runner exec ...' (see runner --help)");
    }
}
