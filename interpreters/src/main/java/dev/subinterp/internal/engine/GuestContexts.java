package dev.subinterp.internal.engine;

import dev.subinterp.interpreter.HostEnvironment;
import dev.subinterp.interpreter.Language;
import dev.subinterp.policy.FileAccess;
import dev.subinterp.policy.HostAccessLevel;
import dev.subinterp.policy.SandboxPolicy;
import dev.subinterp.internal.sandbox.DeniedFileSystem;
import dev.subinterp.internal.sandbox.RootedFileSystem;
import dev.subinterp.internal.sandbox.WithLanguageFiles;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.EnvironmentAccess;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.PolyglotAccess;
import org.graalvm.polyglot.ResourceLimits;
import org.graalvm.polyglot.io.FileSystem;
import org.graalvm.polyglot.io.IOAccess;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Maps a sandbox policy onto GraalVM's Context builder: nothing is allowed unless the policy says so. */
public final class GuestContexts {
    /*
     * Host access, one instance per level because GraalVM requires the same HostAccess for every
     * context of an engine (a runtime has one policy, so one level). Every level lets a ByteBuffer
     * the runtime hands in be read as a buffer: JS builds its Uint8Arrays on a fresh host copy that way.
     */
    private static final HostAccess NO_HOST = HostAccess.newBuilder(HostAccess.NONE).allowBufferAccess(true).build();
    private static final HostAccess EXPORTED_HOST = HostAccess.newBuilder(HostAccess.EXPLICIT).allowBufferAccess(true).build();

    private GuestContexts() {
    }

    /**
     * The streams one interpreter gets, and its file system: null when the policy allows no file access.
     */
    public record Io(OutputStream out, OutputStream err, InputStream in, RootedFileSystem files) {
    }

    /**
     * The file system the policy gives a program in {@code scriptDirectory} on {@code host}, with the
     * package directories {@code packages} readable (never writable) whatever the policy's file access;
     * null for none at all.
     */
    public static RootedFileSystem files(SandboxPolicy policy, Path scriptDirectory, HostEnvironment host, List<Path> packages) {
        if (policy.fileAccess() == FileAccess.NONE) {
            return packages.isEmpty() ? null : new RootedFileSystem(List.of(), packages, host.hidden(), false);
        }
        return new RootedFileSystem(policy.files().resolveRoots(scriptDirectory), packages, host.hidden(),
                policy.fileAccess() == FileAccess.READ_WRITE);
    }

    /**
     * @param packages package directories (checked, real): JS guests {@code require} from the first
     *                 (Python's are added to {@code sys.path} by {@link GuestBridge#usePackages})
     */
    public static Context.Builder builder(Engine engine, SandboxPolicy policy, Language language, Io io, HostEnvironment host,
                                          List<Path> packages) {
        String[] permitted = policy.polyglotEval() ? policy.languages().toArray(String[]::new) : new String[]{language.id()};
        Context.Builder builder = Context.newBuilder(permitted)
                .engine(engine)
                // Guest objects never migrate between contexts: only JSON and bytes cross.
                .allowValueSharing(false)
                .allowHostAccess(hostAccess(policy.hostAccess()))
                .allowHostClassLookup(policy::allowsHostClass)
                .allowPolyglotAccess(policy.polyglotEval() ? PolyglotAccess.ALL : PolyglotAccess.NONE)
                .allowCreateProcess(policy.processes())
                .allowNativeAccess(policy.nativeAccess())
                .allowCreateThread(policy.threads())
                .allowIO(fileAccess(io.files()))
                .out(io.out())
                .err(io.err())
                .in(io.in())
                .resourceLimits(limits(policy, language));
        environment(builder, policy, host.variables());
        if (io.files() != null) {   // (without file access guests see / as theirs: DeniedFileSystem)
            builder.currentWorkingDirectory(host.workingDirectory());   // relative guest paths start where the host's do
        }
        host.timeZone().ifPresent(builder::timeZone);
        if (language == Language.JS && policy.fileAccess() == FileAccess.NONE && packages.isEmpty()) {
            builder.option("js.load", "false");   // load() could only fail; do not offer it
        }
        if (language == Language.JS && !packages.isEmpty()) {
            // GraalJS's CommonJS loader (experimental in GraalJS's terms) resolves require('name') from
            // DIR/node_modules as Node does, through the file system above: nothing outside the roots.
            builder.allowExperimentalOptions(true)
                    .option("js.commonjs-require", "true")
                    .option("js.commonjs-require-cwd", PackageDirectories.jsRoot(packages.get(0)).toString());
        }
        return builder;
    }

    /** Whether the guest can read its working directory (Python looks there for modules of -c programs). */
    public static boolean canReadWorkingDirectory(Io io, HostEnvironment host) {
        return io.files() != null && io.files().reaches(host.workingDirectory());
    }

    public static HostAccess hostAccess(HostAccessLevel level) {
        return switch (level) {
            case NONE -> NO_HOST;
            case EXPORTED -> EXPORTED_HOST;
            case ALL -> HostAccess.ALL;
        };
    }

    /** Guests see the variables the policy names (all with {@code *}) from {@code host}, the runtime's environment. */
    private static void environment(Context.Builder builder, SandboxPolicy policy, Map<String, String> host) {
        builder.allowEnvironmentAccess(EnvironmentAccess.NONE);
        if (policy.inheritsEnvironment()) {
            builder.environment(host);
            return;
        }
        for (String name : policy.environment()) {
            String value = host.get(name);
            if (value != null) {
                builder.environment(name, value);
            }
        }
    }

    private static ResourceLimits limits(SandboxPolicy policy, Language language) {
        ResourceLimits.Builder limits = ResourceLimits.newBuilder();
        policy.limits().statementsPerCall(language.id()).ifPresent(n -> limits.statementLimit(n, null));
        return limits.build();
    }

    private static IOAccess fileAccess(RootedFileSystem rooted) {
        // No file access is a file system that refuses everything with the guest's own PermissionError
        // (GraalVM's IOAccess.NONE throws a SecurityException that GraalPy lets past every except).
        FileSystem files = rooted != null ? rooted : new DeniedFileSystem();
        // The languages' own files (GraalPy's standard library) stay readable wherever the roots are.
        return IOAccess.newBuilder().fileSystem(new WithLanguageFiles(files)).build();
    }
}
