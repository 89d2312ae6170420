package dev.subinterp.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.subinterp.error.ErrorKind;
import dev.subinterp.interpreter.ExecutionFailed;
import dev.subinterp.interpreter.InterpreterError;
import dev.subinterp.plugin.ManifestException;
import dev.subinterp.plugin.PluginException;
import dev.subinterp.plugin.PluginHost;
import dev.subinterp.value.NotShareableError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code runner plugin call DIR FUNCTION [JSON]}: tries one plugin from the shell; {@code runner plugin install DIR}: its packages. */
@Command(name = "plugin",
        mixinStandardHelpOptions = true,
        description = "Try plugins (directories with a plugin.json) from the shell.",
        subcommands = {PluginCommand.Call.class, PluginCommand.Install.class})
final class PluginCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                "missing command: use 'runner plugin call DIR FUNCTION [JSON]' or 'runner plugin install DIR'");
    }

    @Command(name = "install", mixinStandardHelpOptions = true,
            description = {"Install the packages the plugin in DIR declares (plugin.json's \"packages\" and \"requirements\","
                    + " a JS plugin's package.json) into DIR/.packages, which only that plugin imports from.",
                    "Exit codes: 0 installed (or nothing to install), 1 the install failed, 2 bad manifest or usage."})
    static final class Install implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "DIR", description = "The plugin's directory.")
        Path directory;

        private final Streams streams;

        Install(Streams streams) {
            this.streams = streams;
        }

        @Override
        public Integer call() throws Exception {
            dev.subinterp.plugin.PluginManifest manifest;
            try {
                manifest = dev.subinterp.plugin.PluginManifest.load(streams.host().workingDirectory().resolve(directory).normalize());
            } catch (ManifestException e) {
                streams.err().println("runner: " + e.getMessage());
                return ExitCodes.USAGE;
            }
            if (!manifest.declaresPackages()) {
                streams.out().println("runner: plugin '" + manifest.name() + "' declares no packages");
                return ExitCodes.OK;
            }
            Path target = manifest.packagesDirectory();
            // package files a manifest names (a wheel, a tarball) are relative to the plugin's directory
            List<String> specs = manifest.packages().stream()
                    .map(spec -> spec.endsWith(".whl") || spec.endsWith(".tgz") ? manifest.directory().resolve(spec).normalize().toString() : spec)
                    .toList();
            if (manifest.language() == dev.subinterp.interpreter.Language.JS) {
                return dev.subinterp.install.NpmInstaller.install(target, specs, streams.host().variables(), streams.out(), streams.err());
            }
            List<Path> requirements = manifest.requirementsFile() == null ? List.of() : List.of(manifest.requirementsFile());
            return dev.subinterp.install.PythonInstaller.install(target, specs, requirements, List.of(),
                    streams.host().variables(), streams.out(), streams.err());
        }
    }

    @Command(name = "call", mixinStandardHelpOptions = true,
            description = {"Load the plugin in DIR, call FUNCTION, print its JSON result.",
                    "JSON is the argument list as a JSON array (anything else is the one argument; default: none).",
                    "Host functions the manifest lists are stand-ins given with --host-function NAME=JSON (each returns that JSON);",
                    "one not given fails when the plugin calls it.",
                    "Exit codes: 0 success, 1 the plugin raised, 2 bad manifest or usage, 124 time limit, 125 another limit."})
    static final class Call implements Callable<Integer> {
        private static final ObjectMapper JSON = new ObjectMapper();

        @Parameters(index = "0", paramLabel = "DIR", description = "The plugin's directory.")
        Path directory;

        @Parameters(index = "1", paramLabel = "FUNCTION", description = "An exported function.")
        String function;

        @Parameters(index = "2", arity = "0..1", paramLabel = "JSON", description = "The arguments, e.g. '[\"text\", 3]'.")
        String arguments;

        @picocli.CommandLine.Option(names = "--host-function", paramLabel = "NAME=JSON",
                description = "Offer the host function NAME, answering every call with JSON (a stand-in for the application's).")
        java.util.Map<String, String> hostFunctions = new java.util.LinkedHashMap<>();

        @picocli.CommandLine.Mixin
        PackagesOption packages;

        @picocli.CommandLine.Option(names = "--policy-ceiling", paramLabel = "NAME|FILE",
                description = "The most the plugin's policy may ask for (default: default); a preset or a policy file.")
        String ceiling = "default";

        private final Streams streams;

        Call(Streams streams) {
            this.streams = streams;
        }

        @Override
        public Integer call() {
            JsonNode args;
            try {
                args = arguments == null ? null : JSON.readTree(arguments);
            } catch (JsonProcessingException e) {
                return fail(ExitCodes.USAGE, "JSON: not valid JSON (column " + e.getLocation().getColumnNr() + "): " + e.getOriginalMessage());
            }
            PluginHost.Builder builder;
            try {
                builder = PluginHost.builder().policyCeiling(dev.subinterp.policy.PolicyLoader.presetOrFile(ceiling))
                        .packages(packages.resolved(streams.host()));
            } catch (dev.subinterp.policy.PolicyException e) {
                return failed(e);
            }
            try {
                // Host functions the manifest lists but the command line does not give: offered, and failing
                // with a hint when called, so that the plugin's other functions can still be tried.
                for (String name : dev.subinterp.plugin.PluginManifest.load(directory.toAbsolutePath().normalize()).hostFunctions()) {
                    if (!hostFunctions.containsKey(name)) {
                        builder.hostFunction(name, argument -> {
                            throw new IllegalStateException("runner plugin call does not offer '" + name
                                    + "'; give a stand-in with --host-function " + name + "=JSON");
                        });
                    }
                }
            } catch (ManifestException e) {
                return failed(e);
            }
            for (var stub : hostFunctions.entrySet()) {
                try {
                    JsonNode answer = JSON.readTree(stub.getValue());
                    builder.hostFunction(stub.getKey(), argument -> answer);
                } catch (JsonProcessingException | IllegalArgumentException e) {
                    return fail(ExitCodes.USAGE, "--host-function " + stub.getKey() + ": " + e.getMessage());
                }
            }
            try (PluginHost host = builder.build()) {
                String name = host.load(directory);
                streams.out().println(host.call(name, function, positional(args)).toString());
                return ExitCodes.OK;
            } catch (ManifestException | PluginException | NotShareableError | InterpreterError | dev.subinterp.policy.PolicyException e) {
                return failed(e);
            } catch (IllegalArgumentException e) {   // a --packages directory that does not exist
                return fail(ExitCodes.USAGE, "--packages: " + e.getMessage());
            }
        }

        /** The JSON argument as the call's arguments: an array is the list of them, anything else the one, none: none. */
        private static Object[] positional(JsonNode args) {
            if (args == null) {
                return new Object[0];
            }
            if (!args.isArray()) {
                return new Object[]{args};
            }
            Object[] each = new Object[args.size()];
            for (int i = 0; i < each.length; i++) {
                each[i] = args.get(i);
            }
            return each;
        }

        /** Tells the user what went wrong (the traceback, if the plugin raised) and returns the exit code for its kind. */
        private int failed(RuntimeException error) {
            ErrorKind kind = ErrorKind.of(error);
            if (kind == ErrorKind.GUEST_RAISED) {
                String traceback = ((ExecutionFailed) error).excInfo().traceback();
                streams.err().print(traceback.endsWith("\n") ? traceback : traceback + "\n");
                return ExitCodes.of(kind);
            }
            return fail(ExitCodes.of(kind), error.getMessage());
        }

        private int fail(int code, String message) {
            streams.err().println("runner: " + message);
            return code;
        }
    }
}
