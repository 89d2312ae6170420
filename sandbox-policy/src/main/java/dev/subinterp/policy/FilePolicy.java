package dev.subinterp.policy;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What guests may do with files: {@code access} under the directories {@code roots}, nothing
 * anywhere else (the runtime checks real paths, so {@code ..} and symbolic links do not lead out).
 *
 * @param access how much guests may do under the roots
 * @param roots  absolute directories, or {@value #SCRIPT_DIR} for the directory of the program being
 *               run (the working directory when the program is not a file)
 */
public record FilePolicy(FileAccess access, List<String> roots) {
    /** The root that stands for the program's own directory. */
    public static final String SCRIPT_DIR = "${scriptDir}";

    public FilePolicy {
        roots = List.copyOf(roots);
    }

    /** The roots as absolute, normalized paths, with {@value #SCRIPT_DIR} replaced by {@code scriptDir}. */
    public List<Path> resolveRoots(Path scriptDir) {
        Set<Path> paths = new LinkedHashSet<>();
        for (String root : roots) {
            Path path = SCRIPT_DIR.equals(root) ? scriptDir : Path.of(root);
            paths.add(path.toAbsolutePath().normalize());
        }
        return List.copyOf(paths);
    }
}
