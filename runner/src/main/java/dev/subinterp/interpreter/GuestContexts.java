package dev.subinterp.interpreter;

import dev.subinterp.policy.FileAccess;
import dev.subinterp.policy.SandboxPolicy;
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

/** Maps a sandbox policy onto GraalVM's Context builder: nothing is allowed unless the policy says so. */
final class GuestContexts {
    /**
     * No host object is reachable, except that a {@code ByteBuffer} the runtime hands in is readable as
     * a buffer: JS builds its {@code Uint8Array}s on a fresh host copy that way. One instance, because
     * GraalVM requires the same host access for every context of an engine.
     */
    static final HostAccess HOST_ACCESS = HostAccess.newBuilder(HostAccess.NONE).allowBufferAccess(true).build();
    private GuestContexts() {
    }

    static Context.Builder builder(Engine engine, SandboxPolicy policy, Language language,
                                   OutputStream out, OutputStream err, InputStream in) {
        return Context.newBuilder(language.id())
                .engine(engine)
                // Guest objects never migrate between contexts: only JSON and bytes cross.
                .allowValueSharing(false)
                .allowHostAccess(HOST_ACCESS)
                .allowHostClassLookup(className -> false)
                .allowPolyglotAccess(PolyglotAccess.NONE)
                .allowCreateProcess(false)
                .allowNativeAccess(false)
                .allowEnvironmentAccess(EnvironmentAccess.NONE)
                .allowCreateThread(policy.threads())
                .allowIO(io(policy.fileAccess()))
                .out(out)
                .err(err)
                .in(in)
                .resourceLimits(limits(policy));
    }

    private static ResourceLimits limits(SandboxPolicy policy) {
        ResourceLimits.Builder limits = ResourceLimits.newBuilder();
        policy.statementsPerCall().ifPresent(n -> limits.statementLimit(n, null));
        return limits.build();
    }

    private static IOAccess io(FileAccess access) {
        return switch (access) {
            case NONE -> IOAccess.NONE;
            case READ_ONLY -> IOAccess.newBuilder()
                    .fileSystem(FileSystem.newReadOnlyFileSystem(FileSystem.newDefaultFileSystem()))
                    .build();
            case READ_WRITE -> IOAccess.newBuilder().allowHostFileAccess(true).build();
        };
    }
}
