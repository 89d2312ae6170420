package dev.subinterp.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.subinterp.error.ErrorKind;
import dev.subinterp.interpreter.ExcInfo;
import dev.subinterp.interpreter.ExecutionFailed;
import dev.subinterp.interpreter.Interpreter;
import dev.subinterp.interpreter.InterpreterError;
import dev.subinterp.interpreter.InterpreterExited;
import dev.subinterp.interpreter.Interpreters;
import dev.subinterp.interpreter.Language;
import dev.subinterp.policy.PolicyException;
import dev.subinterp.policy.PolicyLoader;
import dev.subinterp.policy.SandboxPolicy;
import dev.subinterp.transform.BuiltinTransform;
import dev.subinterp.transform.SourceTransform;
import dev.subinterp.transform.TransformException;
import dev.subinterp.transform.TransformedSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code runner exec}: runs one program in a fresh interpreter and exits like the guest did. */
@Command(name = "exec",
        mixinStandardHelpOptions = true,
        description = {"Run a Python or JavaScript program in a fresh, isolated interpreter.",
                "Exit codes: 0 success, 1 the guest raised, 2 usage or configuration error, "
                        + "124 time limit reached, 125 another limit reached (or the guest's own sys.exit status)."})
final class ExecCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--lang", paramLabel = "python|js", description = "The language (default: from the file extension .py, .js, .mjs; python for -c and -).")
    String lang;

    @Option(names = "--policy", paramLabel = "NAME|FILE", description = "A preset (trusted, default, strict) or a policy JSON file. Default: default.")
    String policy;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Time limit for the program, like 500ms, 2s or 1m (overrides the policy's).")
    Duration timeout;

    @Option(names = "--json", description = "Print one JSON object (status, exit_code, stdout, stderr, error, duration_ms) instead of the guest's output.")
    boolean json;

    @Option(names = "--transform", paramLabel = "NAME|FILE",
            description = {"Rewrite the program's syntax tree before it runs (repeat to chain; they apply in order): a built-in "
                    + "(" + BuiltinTransform.SPECS + ") or a file that defines transform(tree).",
                    "What coverage and print-capture gather is printed to standard error after the run (with --json: under \"transforms\")."})
    List<String> transforms = List.of();

    @picocli.CommandLine.Mixin
    PackagesOption packages;

    @Option(names = "-c", paramLabel = "CODE", description = "The program text.")
    String code;

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", description = "The program file, or - to read it from standard input.")
    String file;

    @Parameters(index = "1..*", paramLabel = "ARG", description = "Arguments for the program (Python: sys.argv[1:]).")
    List<String> programArgs = List.of();

    private final Streams streams;
    /** What the transforms gathered during the run (coverage, printed lines), by variable. */
    private final Map<String, JsonNode> transformResults = new LinkedHashMap<>();

    ExecCommand(Streams streams) {
        this.streams = streams;
    }

    @Override
    public Integer call() {
        long started = System.nanoTime();
        Captured captured = json ? new Captured() : null;
        OutputStream guestOut = json ? captured.out : streams.out();
        OutputStream guestErr = json ? captured.err : streams.err();
        Outcome outcome;
        try {
            Program program = program();
            SandboxPolicy sandbox = policy == null ? PolicyLoader.defaultPolicy()
                    : PolicyLoader.presetOrFile(policy, streams.host().workingDirectory());
            outcome = run(program, sandbox, guestOut, guestErr);
        } catch (UsageError | PolicyException | TransformException | InterpreterError e) {
            outcome = Outcome.failed(e);
        }
        if (json) {
            printJson(outcome, captured, (System.nanoTime() - started) / 1_000_000);
        } else {
            PrintStream err = streams.err();
            transformResults.forEach((variable, value) -> err.println("runner: " + variable + " = " + value));
            if (outcome.report != null) {
                err.print(outcome.report.endsWith("\n") ? outcome.report : outcome.report + "\n");
            }
            err.flush();
        }
        return outcome.exitCode;
    }

    private Outcome run(Program program, SandboxPolicy sandbox, OutputStream out, OutputStream err) {
        try (Interpreters runtime = streams.runtimes().apply(sandbox)) {
            try {
                runtime.packages(packages.resolved(streams.host()));   // the program's and its transforms' interpreters
            } catch (IllegalArgumentException e) {
                throw new UsageError("--packages: " + e.getMessage());
            }
            if (!runtime.isJitEnabled()) {
                streams.err().println("runner: warning: the JIT is off (Truffle runtime: " + runtime.truffleRuntimeName()
                        + "); guest code runs interpreter-only, many times slower. scripts/runner turns it on.");
            }
            // The program's interpreter is its main one, as python3 FILE's is: get_current() == get_main(), id 0.
            Interpreter.Builder options = runtime.newInterpreter(program.language).asMain().stdout(out).stderr(err)
                    .stdin(program.fromStdin ? InputStream.nullInputStream() : streams.in())
                    .arguments(argv(program))
                    .scriptDirectory(program.directory(streams.host().workingDirectory()));
            if (timeout != null) {
                options.timeLimit(timeout);
            }
            Interpreter created;
            try {
                created = options.create();
            } catch (IllegalArgumentException e) {   // (two JS package directories)
                throw new UsageError("--packages: " + e.getMessage());
            }
            try (Interpreter interpreter = created) {
                if (program.isFile() && program.language == Language.PYTHON) {
                    interpreter.prepareMain(java.util.Map.of("__file__", program.name));   // as python3 FILE does
                }
                if (transforms.isEmpty()) {
                    interpreter.exec(program.source, program.name);
                } else {
                    runTransformed(runtime, interpreter, program);
                }
            }
            return Outcome.ok();
        }
    }

    /** Rewrites the program with the --transform chain (in a tools interpreter of the same runtime), then runs it. */
    private void runTransformed(Interpreters runtime, Interpreter interpreter, Program program) {
        TransformedSource rewritten;
        try (SourceTransform chain = TransformCommand.chain(runtime, program.language, transforms, timeout, streams.err(),
                streams.host().workingDirectory())) {
            rewritten = chain.apply(program.source, program.name);
        }
        try {
            rewritten.exec(interpreter);
        } finally {
            if (!interpreter.isClosed()) {
                transformResults.putAll(rewritten.results(interpreter));
            }
        }
    }

    private String[] argv(Program program) {
        String[] argv = new String[programArgs.size() + 1];
        argv[0] = program.name.equals("<string>") ? "-c" : program.name.equals("<stdin>") ? "-" : program.name;
        for (int i = 0; i < programArgs.size(); i++) {
            argv[i + 1] = programArgs.get(i);
        }
        return argv;
    }

    private Program program() {
        if ((code == null) == (file == null)) {
            throw new UsageError("runner exec: give the program either as -c CODE, as FILE, or as - for standard input");
        }
        try {
            Language language = ProgramText.chosen(lang);
            if (code != null) {
                return new Program(code, "<string>", language != null ? language : Language.PYTHON, false);
            }
            ProgramText text = ProgramText.read(file, language, streams.in(), streams.host().workingDirectory());
            return new Program(text.source(), text.name(), text.language(), text.name().equals(ProgramText.STDIN));
        } catch (ProgramText.Unreadable e) {
            throw new UsageError("runner exec: " + e.getMessage());
        }
    }

    private void printJson(Outcome outcome, Captured captured, long durationMs) {
        ObjectNode result = JSON.createObjectNode();
        result.put("status", outcome.status);
        result.put("exit_code", outcome.exitCode);
        result.put("stdout", captured.out.toString(StandardCharsets.UTF_8));
        result.put("stderr", captured.err.toString(StandardCharsets.UTF_8));
        if (outcome.error != null) {
            ObjectNode error = result.putObject("error");
            error.put("type", outcome.error.type());
            error.put("message", outcome.error.message());
            error.put("traceback", outcome.error.traceback());
            error.put("line", outcome.error.line());
            error.put("column", outcome.error.column());
        } else if (outcome.report != null) {
            ObjectNode error = result.putObject("error");
            error.put("type", outcome.status);
            error.put("message", outcome.report);
            error.putNull("traceback");
            error.putNull("line");
            error.putNull("column");
        } else {
            result.putNull("error");
        }
        if (!transforms.isEmpty()) {
            transformResults.forEach(result.putObject("transforms")::set);
        }
        result.put("duration_ms", durationMs);
        streams.out().println(result.toString());
        streams.out().flush();
    }

    private record Program(String source, String name, Language language, boolean fromStdin) {
        /** What the policy's ${scriptDir} root means: the file's directory, else the working directory. */
        boolean isFile() {
            return !name.equals("<string>") && !name.equals("<stdin>");
        }

        Path directory(Path workingDirectory) {
            Path parent = isFile() ? workingDirectory.resolve(name).getParent() : null;
            return parent != null ? parent : workingDirectory;
        }
    }

    /** How the run ended: status word and exit code, plus what to tell the user. */
    private record Outcome(String status, int exitCode, String report, ExcInfo error) {
        static Outcome ok() {
            return new Outcome("ok", ExitCodes.OK, null, null);
        }

        /** How a run that failed with {@code error} ended: its status word, exit code and report, by kind. */
        static Outcome failed(RuntimeException error) {
            ErrorKind kind = ErrorKind.of(error);
            int code = ExitCodes.of(kind);
            return switch (kind) {
                case GUEST_RAISED -> {
                    ExcInfo info = ((ExecutionFailed) error).excInfo();
                    yield new Outcome("error", code, info.traceback(), info);
                }
                case EXITED -> {
                    int status = ((InterpreterExited) error).status();   // exits as the guest asked
                    yield new Outcome(status == 0 ? "ok" : "exit", status, null, null);
                }
                case TIME_LIMIT -> new Outcome("timeout", code, "runner: " + ExitCodes.describe(error), null);
                case OUTPUT_LIMIT, MEMORY, RESOURCE_LIMIT -> new Outcome("limit", code, "runner: " + ExitCodes.describe(error), null);
                case PROGRAM_REFUSED -> new Outcome("error", code, "runner exec: " + error.getMessage(), null);
                case TRANSFORM_FAILED -> new Outcome("usage_error", code, "runner exec: " + error.getMessage(), null);
                case USAGE, CONFIGURATION, NOT_SHAREABLE -> new Outcome("usage_error", code, error.getMessage(), null);
                case CRASHED, CLOSED, CANCELLED, CHANNEL_CLOSED, WOULD_BLOCK, INTERNAL ->
                        new Outcome("error", code, "runner: " + error.getMessage(), null);
            };
        }
    }

    /** Guest output kept for the JSON report. */
    private static final class Captured {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
    }

    /** A command line that names no program, or one that cannot be read; the message is the whole report. */
    private static final class UsageError extends RuntimeException implements ErrorKind.Classified {
        UsageError(String message) {
            super(message);
        }

        @Override
        public ErrorKind kind() {
            return ErrorKind.USAGE;
        }
    }
}
