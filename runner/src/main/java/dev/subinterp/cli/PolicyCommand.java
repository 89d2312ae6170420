package dev.subinterp.cli;

import dev.subinterp.policy.PolicyException;
import dev.subinterp.policy.PolicyJson;
import dev.subinterp.policy.PolicyLoader;
import dev.subinterp.policy.SandboxPolicy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code runner policy show|check}: what a policy allows, and whether a policy file is valid. */
@Command(name = "policy",
        mixinStandardHelpOptions = true,
        description = {"Inspect sandbox policies: the presets (trusted, default, strict) or policy JSON files.",
                "Exit codes: 0 valid, 2 invalid (the message names the file, the JSON path and what is allowed)."},
        subcommands = {PolicyCommand.Show.class, PolicyCommand.Check.class})
final class PolicyCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "missing command: use 'runner policy show NAME|FILE' or 'runner policy check FILE'");
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Print the effective policy as JSON: every key, with what the file leaves out filled in from its base preset.")
    static final class Show implements java.util.concurrent.Callable<Integer> {
        @Parameters(paramLabel = "NAME|FILE", description = "A preset (trusted, default, strict) or a policy JSON file.")
        String policy;

        private final Streams streams;

        Show(Streams streams) {
            this.streams = streams;
        }

        @Override
        public Integer call() {
            try {
                streams.out().println(PolicyJson.toText(PolicyLoader.presetOrFile(policy)));
                return ExitCodes.OK;
            } catch (PolicyException e) {
                streams.err().println("runner: " + e.getMessage());
                return ExitCodes.USAGE;
            }
        }
    }

    @Command(name = "check", mixinStandardHelpOptions = true, description = "Validate a policy file (or preset).")
    static final class Check implements java.util.concurrent.Callable<Integer> {
        @Parameters(paramLabel = "FILE", description = "The policy JSON file.")
        String file;

        private final Streams streams;

        Check(Streams streams) {
            this.streams = streams;
        }

        @Override
        public Integer call() {
            try {
                SandboxPolicy policy = PolicyLoader.presetOrFile(file);
                streams.out().println(file + ": valid (languages " + String.join(", ", policy.languages())
                        + "; files " + policy.fileAccess().jsonName() + "; host access " + policy.hostAccess().jsonName()
                        + "; isolation " + policy.isolation().jsonName() + ")");
                return ExitCodes.OK;
            } catch (PolicyException e) {
                streams.err().println("runner: " + e.getMessage());
                return ExitCodes.USAGE;
            }
        }
    }
}
