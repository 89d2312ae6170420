package dev.subinterp.cli;

import dev.subinterp.error.ErrorKind;
import dev.subinterp.interpreter.InterpreterError;
import dev.subinterp.interpreter.Interpreters;
import dev.subinterp.interpreter.Language;
import dev.subinterp.policy.PolicyException;
import dev.subinterp.policy.PolicyLoader;
import dev.subinterp.transform.BuiltinTransform;
import dev.subinterp.transform.SourceTransform;
import dev.subinterp.transform.Transform;
import dev.subinterp.transform.TransformException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code runner transform}: parse a program, rewrite its tree, print the result. */
@Command(name = "transform",
        mixinStandardHelpOptions = true,
        description = {"Parse a Python or JavaScript program, run transforms over its syntax tree (in order), and print the rewritten source.",
                "A transform is a built-in (" + BuiltinTransform.SPECS + ") or a file of the program's language that defines transform(tree) and returns the new tree "
                        + "(Python: an ast.Module; JS: an ESTree Program).",
                "Exit codes: 0 printed, 1 the program does not parse or a transform refused it, 2 usage error or a transform failed, "
                        + "124 a step ran past --timeout (or the policy's time limit), 125 another limit reached."})
final class TransformCommand implements Callable<Integer> {
    @Option(names = "--with", paramLabel = "NAME|FILE", description = "A transform to apply; repeat to chain them.")
    List<String> transforms = List.of();

    @picocli.CommandLine.Mixin
    PackagesOption packages;

    @Option(names = "--json-ast", description = "Print the rewritten tree as JSON (Python: {\"_type\": ...} nodes; JS: ESTree) instead of source.")
    boolean jsonAst;

    @Option(names = "--lang", paramLabel = "python|js", description = "The language (default: from the file extension).")
    String lang;

    @Option(names = "--policy", paramLabel = "NAME|FILE", description = "The policy the transforms run under (default: default).")
    String policy;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Time limit for each step (parsing, each transform, printing), like 500ms, 2s or 1m.")
    Duration timeout;

    @Parameters(paramLabel = "FILE", description = "The program, or - for standard input.")
    String file;

    private final Streams streams;

    TransformCommand(Streams streams) {
        this.streams = streams;
    }

    @Override
    public Integer call() {
        try {
            Path directory = streams.host().workingDirectory();
            ProgramText program = ProgramText.read(file, ProgramText.chosen(lang), streams.in(), directory);
            try (Interpreters runtime = streams.runtimes().apply(policy == null ? PolicyLoader.defaultPolicy()
                    : PolicyLoader.presetOrFile(policy, directory));
                 SourceTransform chain = chain(runtime.packages(packages.resolved(streams.host())), program.language(), transforms,
                         timeout, streams.err(), directory)) {
                String out = jsonAst ? chain.applyToTree(program.source(), program.name()).toString()
                        : chain.applyToSource(program.source(), program.name());
                streams.out().print(out.endsWith("\n") ? out : out + "\n");
                streams.out().flush();
                return ExitCodes.OK;
            }
        } catch (ProgramText.Unreadable | PolicyException | TransformException | InterpreterError e) {
            return fail(ExitCodes.describe(e), ExitCodes.ofTransformStep(ErrorKind.of(e)));
        } catch (IllegalArgumentException e) {   // a --packages directory that does not exist
            return fail("--packages: " + e.getMessage(), ExitCodes.USAGE);
        }
    }

    private int fail(String message, int code) {
        streams.err().println("runner transform: " + message);
        streams.err().flush();
        return code;
    }

    /**
     * The chain the command line's transform specs name, for {@code language}; each step is limited to
     * {@code timeLimit} (null: the policy's); transforms print to {@code output}.
     *
     * @throws TransformException a spec that names no built-in and no readable file, or a file of another language
     */
    static SourceTransform chain(Interpreters runtime, Language language, List<String> specs, Duration timeLimit, OutputStream output,
                                 Path directory) {
        SourceTransform.Builder builder = SourceTransform.builder(runtime, language).output(output).timeLimit(timeLimit);
        for (String spec : specs) {
            builder.then(Transform.fromSpec(spec, directory));
        }
        return builder.build();
    }
}
