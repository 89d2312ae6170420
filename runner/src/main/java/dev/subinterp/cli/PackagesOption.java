package dev.subinterp.cli;

import dev.subinterp.interpreter.HostEnvironment;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code --packages DIR}, for every command that runs guest code: package directories guests import from. */
final class PackagesOption {
    @Option(names = "--packages", paramLabel = "DIR",
            description = "A package directory (runner packages install --target DIR) the guest imports from, read-only;"
                    + " repeatable (a JavaScript guest requires from the one with node_modules).")
    List<Path> directories = new ArrayList<>();

    /** The directories, relative ones from the caller's working directory. */
    Path[] resolved(HostEnvironment host) {
        return directories.stream().map(dir -> host.workingDirectory().resolve(dir).normalize()).toArray(Path[]::new);
    }
}
