package dev.subinterp.internal.plugin;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.subinterp.interpreter.Language;
import dev.subinterp.plugin.PluginManifest;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether the packages a plugin declares are installed in its {@code .packages} directory: by name, and
 * by version where the spec pins one ({@code name==1.2}, {@code name@1.2.3}, a wheel file). Ranges are
 * pip's and npm's to resolve; that a package of the name is there is enough for them.
 */
public final class PluginPackages {
    private static final Pattern PYTHON_SPEC = Pattern.compile("([A-Za-z0-9][A-Za-z0-9._-]*)\\s*(?:\\[[^]]*])?\\s*(?:==\\s*([^,;\\s]+))?.*");
    private static final Pattern WHEEL = Pattern.compile("([^-/]+)-([^-]+)-.*\\.whl");
    private static final Pattern NPM_SPEC = Pattern.compile("(@?[^@]+)(?:@(.*))?");
    /** A tarball as npm pack names it: NAME-VERSION.tgz. */
    private static final Pattern TARBALL = Pattern.compile("(.+)-(\\d+\\.\\d+\\.\\d+[^/]*)\\.tgz");
    private static final Pattern EXACT_VERSION = Pattern.compile("\\d+(\\.\\d+)*");
    private static final ObjectMapper JSON = new ObjectMapper();

    private PluginPackages() {
    }

    /** The declared specs that are not installed (requirements file lines included), in order. */
    public static List<String> missing(PluginManifest manifest) {
        List<String> specs = new ArrayList<>(manifest.packages());
        if (manifest.requirementsFile() != null) {
            try {
                for (String line : Files.readAllLines(manifest.requirementsFile())) {
                    String spec = line.replaceAll("\\s+#.*", "").strip();
                    if (!spec.isEmpty() && !spec.startsWith("#") && !spec.startsWith("-")) {
                        specs.add(spec);
                    }
                }
            } catch (IOException e) {
                return List.of(manifest.requirements() + " (unreadable: " + e.getMessage() + ")");
            }
        }
        return manifest.language() == Language.PYTHON ? missingPython(manifest.packagesDirectory(), specs)
                : missingJs(manifest.packagesDirectory(), specs);
    }

    private static List<String> missingPython(Path directory, List<String> specs) {
        Map<String, String> installed = installedPython(directory);
        List<String> missing = new ArrayList<>();
        for (String spec : specs) {
            Matcher wheel = WHEEL.matcher(Path.of(spec).getFileName().toString());
            Matcher named = PYTHON_SPEC.matcher(spec);
            String name;
            String version;
            if (spec.endsWith(".whl") && wheel.matches()) {
                name = wheel.group(1);
                version = wheel.group(2);
            } else if (named.matches()) {
                name = named.group(1);
                version = named.group(2);
            } else {
                missing.add(spec);
                continue;
            }
            String have = installed.get(canonical(name));
            if (have == null || version != null && !version.equals(have)) {
                missing.add(spec);
            }
        }
        return missing;
    }

    /** {canonical name: version} of the distributions in a pip --target directory. */
    private static Map<String, String> installedPython(Path directory) {
        Map<String, String> installed = new HashMap<>();
        if (!Files.isDirectory(directory)) {
            return installed;
        }
        try (DirectoryStream<Path> infos = Files.newDirectoryStream(directory, "*.dist-info")) {
            for (Path info : infos) {
                String name = null;
                String version = null;
                for (String line : Files.readAllLines(info.resolve("METADATA"))) {
                    if (line.isEmpty()) {
                        break;   // the headers end at the first blank line
                    }
                    if (line.startsWith("Name:")) name = line.substring(5).strip();
                    if (line.startsWith("Version:")) version = line.substring(8).strip();
                }
                if (name != null && version != null) {
                    installed.put(canonical(name), version);
                }
            }
        } catch (IOException e) {
            // an unreadable directory has nothing installed
        }
        return installed;
    }

    private static String canonical(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[-_.]+", "-");
    }

    private static List<String> missingJs(Path directory, List<String> specs) {
        List<String> missing = new ArrayList<>();
        for (String spec : specs) {
            Matcher tarball = TARBALL.matcher(Path.of(spec).getFileName().toString());
            Matcher named = NPM_SPEC.matcher(spec);
            boolean packed = spec.endsWith(".tgz") && tarball.matches();
            if (!packed && (spec.endsWith(".tgz") || !named.matches())) {
                missing.add(spec);
                continue;
            }
            String name = packed ? tarball.group(1) : named.group(1);
            Path manifest = directory.resolve("node_modules").resolve(name).resolve("package.json");
            try {
                String have = JSON.readTree(manifest.toFile()).path("version").asText();
                String wanted = packed ? tarball.group(2) : named.group(2);
                if (wanted != null && EXACT_VERSION.matcher(wanted).matches() && !wanted.equals(have)) {
                    missing.add(spec);
                }
            } catch (IOException e) {
                missing.add(spec);
            }
        }
        return missing;
    }
}
