package dev.subinterp.internal.engine;

import dev.subinterp.interpreter.Language;
import dev.subinterp.policy.PolicyException;
import dev.subinterp.policy.SandboxPolicy;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Directories of installed packages that guests import from, read-only. Three layouts are understood:
 * {@code runner packages install --target DIR} (Python: pip's {@code --target} layout; JS:
 * {@code DIR/node_modules}), a virtual environment ({@code DIR/lib/python3.N/site-packages}), and the
 * external directory of GraalPy's Maven plugin ({@code DIR/venv/lib/python3.N/site-packages}).
 */
public final class PackageDirectories {
    private PackageDirectories() {
    }

    /**
     * The directories as real paths, in order and without repeats, each checked to exist and to be
     * allowed by {@code policy}'s {@code packages}.
     *
     * @throws IllegalArgumentException a directory does not exist
     * @throws PolicyException          the policy does not allow a directory
     */
    public static List<Path> checked(List<Path> directories, SandboxPolicy policy) {
        Set<Path> real = new LinkedHashSet<>();
        for (Path directory : directories) {
            Path path;
            try {
                path = directory.toRealPath();
            } catch (IOException e) {
                throw new IllegalArgumentException("the package directory " + directory + " does not exist");
            }
            if (!Files.isDirectory(path)) {
                throw new IllegalArgumentException("the package directory " + directory + " is not a directory");
            }
            if (!policy.allowsPackages(path)) {
                throw new PolicyException(policy.name(), "$.packages", "does not allow the package directory " + directory
                        + "; allowed: " + policy.packages().orElseThrow());
            }
            real.add(path);
        }
        return List.copyOf(real);
    }

    /** Where Python finds the modules of {@code directory}: its site-packages, or the directory itself. */
    public static Path pythonPath(Path directory) {
        for (Path venv : List.of(directory.resolve("venv"), directory)) {
            Path lib = venv.resolve("lib");
            if (Files.isDirectory(lib)) {
                try (DirectoryStream<Path> versions = Files.newDirectoryStream(lib, "python3*")) {
                    for (Path version : versions) {
                        Path site = version.resolve("site-packages");
                        if (Files.isDirectory(site)) {
                            return site;
                        }
                    }
                } catch (IOException e) {
                    // not readable: the directory itself, as below
                }
            }
        }
        return directory;
    }

    /** The directory GraalJS resolves {@code require('name')} from: the one holding {@code node_modules}. */
    public static Path jsRoot(Path directory) {
        return directory.getFileName() != null && directory.getFileName().toString().equals("node_modules")
                ? directory.getParent() : directory;
    }

    /**
     * Of {@code directories}, the one a JS guest requires from: the one holding {@code node_modules}
     * (none when none does; directories of Python packages do not count).
     *
     * @throws IllegalArgumentException more than one holds {@code node_modules}: GraalJS resolves from one
     */
    public static List<Path> forJs(List<Path> directories) {
        List<Path> js = directories.stream().filter(dir -> Files.isDirectory(jsRoot(dir).resolve("node_modules"))).toList();
        if (js.size() > 1) {
            throw new IllegalArgumentException("a JavaScript interpreter takes one package directory with node_modules"
                    + " (GraalJS resolves require() from one): got " + js);
        }
        return js;
    }

    /**
     * The names guests import installed packages by: Python's top-level modules and packages in each
     * search path (not their metadata), JS's packages in {@code node_modules} (scoped ones as {@code @scope/name}).
     */
    public static List<String> topLevelNames(Language language, List<Path> directories) {
        Set<String> names = new java.util.TreeSet<>();
        for (Path path : searchPaths(language, language == Language.JS ? forJs(directories) : directories)) {
            Path base = language == Language.JS ? path.resolve("node_modules") : path;
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(base)) {
                for (Path entry : entries) {
                    String name = entry.getFileName().toString();
                    if (language == Language.JS && name.startsWith("@") && Files.isDirectory(entry)) {
                        try (DirectoryStream<Path> scoped = Files.newDirectoryStream(entry)) {
                            scoped.forEach(inner -> names.add(name + "/" + inner.getFileName()));
                        }
                    } else if (language == Language.JS ? !name.startsWith(".") && Files.isDirectory(entry)
                            : name.endsWith(".py") ? !name.equals("__init__.py") : Files.isRegularFile(entry.resolve("__init__.py"))) {
                        names.add(name.endsWith(".py") ? name.substring(0, name.length() - 3) : name);
                    }
                }
            } catch (IOException e) {
                // an unreadable directory offers no names
            }
        }
        return List.copyOf(names);
    }

    /** The search paths for {@code language}, one per directory. */
    public static List<Path> searchPaths(Language language, List<Path> directories) {
        List<Path> paths = new ArrayList<>();
        for (Path directory : directories) {
            paths.add(language == Language.PYTHON ? pythonPath(directory) : jsRoot(directory));
        }
        return paths;
    }
}
