package dev.subinterp.cli;

import dev.subinterp.install.NpmInstaller;
import dev.subinterp.install.PythonInstaller;
import dev.subinterp.interpreter.Language;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code runner packages install}: PyPI and npm packages into a directory that guests import from. */
@Command(name = "packages",
        mixinStandardHelpOptions = true,
        description = "Install packages for guests (then: runner exec --packages DIR).",
        subcommands = {PackagesCommand.Install.class})
final class PackagesCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                "missing command: use 'runner packages install --lang python|js --target DIR SPEC...'");
    }

    @Command(name = "install", mixinStandardHelpOptions = true,
            description = {"Install packages and their dependencies into DIR.",
                    "Python: GraalPy's own pip, wheels only (SPEC as pip takes it: tabulate, python-dateutil==2.9.0, a .whl file;"
                            + " -r requirements.txt); pip's configuration and PIP_* variables apply.",
                    "JS: npm, into DIR/node_modules (SPEC as npm takes it: lodash@4, a .tgz file).",
                    "A package that needs a C extension (Python) or a Node built-in GraalJS lacks (JS) is reported by name"
                            + " and nothing is installed. Installing what is already there changes nothing.",
                    "Exit codes: 0 installed, 1 the install failed, 2 usage."})
    static final class Install implements Callable<Integer> {
        @Option(names = "--lang", required = true, paramLabel = "python|js", description = "The packages' language.")
        String language;

        @Option(names = "--target", required = true, paramLabel = "DIR", description = "The package directory (made if missing).")
        Path target;

        @Option(names = {"-r", "--requirement"}, paramLabel = "FILE", description = "Python: install from a requirements file (repeatable).")
        List<Path> requirements = new ArrayList<>();

        @Option(names = "--index-url", paramLabel = "URL", description = "Python: the package index (pip's --index-url).")
        String indexUrl;

        @Option(names = "--find-links", paramLabel = "DIR|URL", description = "Python: also look for wheels here (repeatable).")
        List<String> findLinks = new ArrayList<>();

        @Option(names = "--no-index", description = "Python: use no package index, only --find-links and wheel files.")
        boolean noIndex;

        @Parameters(paramLabel = "SPEC", arity = "0..*", description = "The packages.")
        List<String> specs = new ArrayList<>();

        private final Streams streams;

        Install(Streams streams) {
            this.streams = streams;
        }

        @Override
        public Integer call() {
            Language lang;
            try {
                lang = Language.fromName(language);
            } catch (IllegalArgumentException e) {
                return usage("--lang: '" + language + "' is not python or js");
            }
            if (specs.isEmpty() && requirements.isEmpty()) {
                return usage("no packages named: give SPEC... (or -r FILE for Python)");
            }
            Path dir = resolve(target);
            if (Files.exists(dir) && !Files.isDirectory(dir)) {
                return usage("--target: " + target + " is not a directory");
            }
            List<Path> requirementFiles = new ArrayList<>();
            for (Path file : requirements) {
                if (!Files.isRegularFile(resolve(file))) {
                    return usage("-r: " + file + " is not a file");
                }
                requirementFiles.add(resolve(file));
            }
            List<String> given = new ArrayList<>();
            for (String spec : specs) {
                given.add(isArchive(spec) ? resolve(Path.of(spec)).toString() : spec);   // npm and pip read local files as paths
            }
            try {
                if (lang == Language.JS) {
                    if (!requirementFiles.isEmpty() || indexUrl != null || !findLinks.isEmpty() || noIndex) {
                        return usage("-r, --index-url, --find-links and --no-index are for Python; npm reads its registry from its configuration");
                    }
                    return NpmInstaller.install(dir, given, streams.host().variables(), streams.out(), streams.err());
                }
                return PythonInstaller.install(dir, given, requirementFiles, pipOptions(), streams.host().variables(),
                        streams.out(), streams.err());
            } catch (IOException e) {
                streams.err().println("runner: " + e.getMessage());
                return 1;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 1;
            }
        }

        private List<String> pipOptions() {
            List<String> options = new ArrayList<>();
            if (indexUrl != null) {
                options.addAll(List.of("--index-url", indexUrl));
            }
            for (String links : findLinks) {
                boolean local = !links.contains("://");
                options.addAll(List.of("--find-links", local ? resolve(Path.of(links)).toString() : links));
            }
            if (noIndex) {
                options.add("--no-index");
            }
            return options;
        }

        private static boolean isArchive(String spec) {
            return spec.endsWith(".whl") || spec.endsWith(".tgz") || spec.endsWith(".tar.gz");
        }

        /** A path the caller gave, from the caller's working directory. */
        private Path resolve(Path path) {
            return streams.host().workingDirectory().resolve(path).toAbsolutePath().normalize();
        }

        private int usage(String message) {
            streams.err().println("runner: " + message);
            return ExitCodes.USAGE;
        }
    }
}
