package dev.subinterp.install;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.subinterp.interpreter.ExecutionFailed;
import dev.subinterp.interpreter.Interpreter;
import dev.subinterp.interpreter.Interpreters;
import dev.subinterp.interpreter.Language;
import dev.subinterp.policy.PolicyLoader;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Installs npm packages into {@code DIR/node_modules} with the machine's npm, after a trial: npm
 * installs them into an empty staging directory first, and each package asked for must load in a
 * sandboxed GraalJS interpreter there. One that needs a Node built-in GraalJS lacks ({@code fs},
 * {@code net}, ...) is reported by name and nothing reaches DIR.
 */
public final class NpmInstaller {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern MISSING_BUILTIN = Pattern.compile("Cannot load module: '([^']+)'");

    private NpmInstaller() {
    }

    /**
     * @param specs       as npm takes them ({@code lodash@4}, a tarball path made absolute)
     * @param environment npm's environment (its configuration: {@code npm_config_registry}, ...)
     * @return 0 installed (or already there), 1 not installed
     */
    public static int install(Path target, List<String> specs, Map<String, String> environment, PrintStream out, PrintStream err)
            throws IOException, InterruptedException {
        Path staging = Files.createTempDirectory("runner-npm-");
        try {
            if (npm(staging, specs, environment, out, err) != 0) {
                err.println("runner: npm could not install " + String.join(" ", specs) + " (above)");
                return 1;
            }
            List<String> refused = trial(staging, err);
            if (!refused.isEmpty()) {
                err.println("runner: nothing was installed in " + target);
                return 1;
            }
        } finally {
            deleteTree(staging);
        }
        Files.createDirectories(target);
        if (npm(target, specs, environment, out, err) != 0) {
            err.println("runner: npm could not install " + String.join(" ", specs) + " in " + target + " (above)");
            return 1;
        }
        List<String> installed = new ArrayList<>();
        for (String name : dependencies(target)) {
            installed.add(name + " " + JSON.readTree(target.resolve("node_modules").resolve(name).resolve("package.json").toFile())
                    .path("version").asText());
        }
        out.println("runner: installed in " + target + ": " + String.join(", ", installed));
        return 0;
    }

    /** Loads each package asked for in a sandboxed GraalJS interpreter; returns those that failed, each reported. */
    private static List<String> trial(Path staging, PrintStream err) throws IOException {
        List<String> refused = new ArrayList<>();
        try (Interpreters runtime = new Interpreters(PolicyLoader.defaultPolicy())) {
            for (String name : dependencies(staging)) {
                try (Interpreter js = runtime.newInterpreter(Language.JS).packages(staging)
                        .stdout(OutputStream.nullOutputStream()).stderr(OutputStream.nullOutputStream()).create()) {
                    String quoted = JSON.writeValueAsString(name);
                    if (isEsModule(staging.resolve("node_modules").resolve(name))) {
                        js.exec("import * as trial from " + quoted + ";", "trial.mjs");
                    } else {
                        js.exec("require(" + quoted + ")");
                    }
                } catch (ExecutionFailed e) {
                    Matcher builtin = MISSING_BUILTIN.matcher(e.getMessage());
                    err.println("runner: " + name + (builtin.find()
                            ? " needs Node's built-in module '" + builtin.group(1) + "', which GraalJS does not have"
                            : " does not load in GraalJS: " + e.getMessage()));
                    refused.add(name);
                }
            }
        }
        return refused;
    }

    /** Whether the package is an ES module package ({@code "type": "module"}): imported, not required. */
    private static boolean isEsModule(Path packageDirectory) throws IOException {
        return JSON.readTree(packageDirectory.resolve("package.json").toFile()).path("type").asText().equals("module");
    }

    /** The packages {@code prefix}'s package.json depends on: those asked for, in a fresh prefix. */
    private static List<String> dependencies(Path prefix) throws IOException {
        JsonNode manifest = JSON.readTree(prefix.resolve("package.json").toFile());
        List<String> names = new ArrayList<>();
        manifest.path("dependencies").fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static int npm(Path prefix, List<String> specs, Map<String, String> environment, PrintStream out, PrintStream err)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("npm", "install", "--prefix", prefix.toString(),
                "--no-audit", "--no-fund", "--no-update-notifier"));
        command.addAll(specs);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.PIPE);
        builder.environment().clear();
        builder.environment().putAll(environment);
        Process npm;
        try {
            npm = builder.start();
        } catch (IOException e) {
            err.println("runner: npm is not installed or not on PATH (" + e.getMessage() + "); JS packages are installed with npm");
            return 1;
        }
        npm.getOutputStream().close();
        try (InputStream output = npm.getInputStream()) {
            output.transferTo(out);
        }
        return npm.waitFor();
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
