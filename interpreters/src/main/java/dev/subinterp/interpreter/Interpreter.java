package dev.subinterp.interpreter;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.subinterp.internal.engine.InterpreterBackend;
import dev.subinterp.internal.engine.InterpreterConfig;
import dev.subinterp.internal.sandbox.HeapGuard;
import dev.subinterp.policy.HostAccessLevel;
import dev.subinterp.internal.engine.PackageDirectories;
import dev.subinterp.policy.PolicyException;
import dev.subinterp.policy.SandboxPolicy;
import dev.subinterp.value.JsonPath;
import dev.subinterp.value.NotShareableError;
import dev.subinterp.value.Shareable;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * One isolated interpreter: its own GraalVM Context (own globals, own {@code __main__}), running
 * Python or JavaScript on its own platform thread. Any host thread may call any method; calls are
 * queued and run one at a time on the interpreter's thread, so a Context is never entered from two
 * threads. Values cross only as JSON and bytes (see {@link Shareable}).
 *
 * <p>Created by {@link Interpreters#create(Language)}; {@link #close()} ends it (closing is idempotent).
 * This class is a handle: the interpreter itself runs in a backend the runtime chose for it.
 */
public final class Interpreter implements AutoCloseable {
    private static final String STRING_SOURCE = "<string>";
    static final String WHENCE_HOST = "C-API";
    /** The main interpreter's: CPython's for the interpreter the runtime starts with. */
    static final String WHENCE_MAIN = "runtime init";
    static final String WHENCE_STDLIB = "stdlib";

    private final Interpreters runtime;
    private final int id;
    private final InterpreterConfig config;
    private final Family family;
    private final Optional<Duration> timeLimit;
    private InterpreterBackend backend;   // set once, by the runtime, before the handle is handed out

    Interpreter(Interpreters runtime, int id, InterpreterConfig config, Interpreter parent) {
        this.runtime = runtime;
        this.id = id;
        this.config = config;
        this.family = parent == null ? Family.rootedAt(this) : parent.family;
        this.timeLimit = config.timeLimit() != null ? Optional.of(config.timeLimit()) : runtime.policy().timeLimitPerCall();
    }

    /** Connects the handle to the backend that runs it (once, while the runtime starts it). */
    void attach(InterpreterBackend backend) {
        this.backend = backend;
    }

    /** This interpreter's id, unique within its runtime (PEP 734's {@code Interpreter.id}; 0 is the host). */
    public int id() {
        return id;
    }

    /** The language this interpreter runs. */
    public Language language() {
        return config.language();
    }

    /**
     * How this interpreter came to be, in PEP 734's words: {@code C-API} when the Java host created it,
     * {@code stdlib} when a guest did through its {@code interpreters} module.
     */
    public String whence() {
        return config.whence();
    }

    /** The time limit applied to each exec or call, if any. */
    public Optional<Duration> timeLimit() {
        return timeLimit;
    }

    /**
     * Runs {@code source} in this interpreter's {@code __main__} (JS: its global scope); blocks until
     * it finishes. State persists between calls. Tracebacks name the source {@code <string>}.
     *
     * @throws ExecutionFailed         the code raised an exception it did not catch (syntax errors too)
     * @throws TimeLimitExceeded       the code ran past the time limit
     * @throws InterpreterExited       the code asked the interpreter to exit; it is now closed
     * @throws InterpreterClosedError  the interpreter is closed
     */
    public void exec(String source) {
        exec(source, STRING_SOURCE);
    }

    /**
     * Like {@link #exec(String)}, with {@code sourceName} (usually a file name) used in tracebacks.
     * A JS source whose name ends in {@code .mjs} runs as an ES module.
     */
    public void exec(String source, String sourceName) {
        backend.exec(source, sourceName);
    }

    /**
     * Runs Python code compiled in another interpreter of this runtime (a {@code marshal}led code object,
     * as a {@code SourceTransform} makes), in {@code __main__}, like PEP 734's {@code exec} of a code
     * object. The code keeps the positions it was compiled with; {@code sourceText} (the original
     * source of {@code sourceName}) is what tracebacks show for those lines.
     *
     * @throws IllegalArgumentException this is not a Python interpreter
     * @throws ExecutionFailed          the code raised an exception it did not catch
     */
    public void execCompiled(byte[] marshalledCode, String sourceName, String sourceText) {
        if (language() != Language.PYTHON) {
            throw new IllegalArgumentException("interpreter " + id + " runs " + language().id() + ", not Python: compiled Python code cannot run in it");
        }
        backend.execCompiled(marshalledCode, sourceName, sourceText);
    }

    /**
     * Calls the function {@code function} defined in {@code __main__} with {@code args} (each copied
     * into the interpreter, see {@link Shareable#fromJava}: JSON trees, strings, numbers, bytes,
     * collections, arrays, maps, records and beans) and returns a copy of its result. Blocks.
     * A single typed array ({@code String[]}, {@code int[]}, ...) is one argument, a list; only an
     * {@code Object[]} spreads into several, as varargs do.
     *
     * @throws NameNotDefined           nothing of that name is defined in {@code __main__}
     * @throws IllegalArgumentException the name is bound to something that cannot be called
     * @throws NotShareableError        an argument or the result cannot cross
     * @throws ExecutionFailed          the function raised
     */
    public JsonNode call(String function, Object... args) {
        return backend.call(function, copies(args));
    }

    /**
     * Like {@link #call(String, Object...)}, reading the result as {@code type} (a record, bean,
     * {@code String}, {@code Integer}, {@code List}, ...) with the runtime's {@link Interpreters#objectMapper()}.
     *
     * @throws NotShareableError the result does not fit {@code type}, naming where and why
     */
    public <T> T call(Class<T> type, String function, Object... args) {
        return as(call(function, args), runtime.objectMapper().constructType(type));
    }

    /** Like {@link #call(Class, String, Object...)} for a generic type: {@code new TypeReference<List<Point>>() {}}. */
    public <T> T call(TypeReference<T> type, String function, Object... args) {
        return as(call(function, args), runtime.objectMapper().constructType(type));
    }

    private <T> T as(JsonNode result, JavaType type) {
        return Shareable.toJava(result, type, runtime.objectMapper());
    }

    /**
     * Queues a call like {@link #call} and returns at once. The future completes with the result, or
     * with the exception {@code call} would throw. Cancelling it before it starts skips the call.
     *
     * @throws NotShareableError at once, if an argument cannot cross
     */
    public CompletableFuture<JsonNode> callInThread(String function, Object... args) {
        return backend.submitCall(function, copies(args));
    }

    private List<JsonNode> copies(Object[] args) {
        return Shareable.arguments(args, runtime.objectMapper());
    }

    /**
     * Binds each entry of {@code values} as a variable in {@code __main__} (JS: a global), copying the
     * values in (PEP 734's {@code prepare_main}).
     *
     * @throws NotShareableError naming the key and path of a value that cannot cross; nothing is bound then
     */
    public void prepareMain(Map<String, ?> values) {
        Map<String, JsonNode> copies = new LinkedHashMap<>();
        values.forEach((name, value) -> {
            try {
                copies.put(name, Shareable.fromJava(value, runtime.objectMapper()));
            } catch (NotShareableError e) {
                throw new NotShareableError(JsonPath.root().key(name) + e.path().substring(1), e.typeName(),
                        e.getMessage().substring(e.path().length() + 2));
            }
        });
        backend.prepareMain(copies);
    }

    /**
     * A copy of the variable {@code name} of {@code __main__} (JS: a global).
     *
     * @throws NameNotDefined    no such variable
     * @throws NotShareableError its value cannot cross
     */
    public JsonNode getMainAttr(String name) {
        return backend.getMainAttr(name);
    }

    /** Like {@link #getMainAttr(String)}, reading the value as {@code type} with the runtime's object mapper. */
    public <T> T getMainAttr(String name, Class<T> type) {
        return as(getMainAttr(name), runtime.objectMapper().constructType(type));
    }

    /** Whether guest code is running in this interpreter right now. */
    public boolean isRunning() {
        return backend.isRunning();
    }

    /** Whether this interpreter has been closed (by {@link #close()}, its runtime, or a guest exit). */
    public boolean isClosed() {
        return backend.isClosed();
    }

    /**
     * Closes this interpreter: calls still queued fail with {@link InterpreterClosedError}, a call
     * that is running is cancelled, and the Context and its thread end before this returns (unless
     * called from the interpreter's own thread). Idempotent.
     */
    @Override
    public void close() {
        backend.close();
    }

    @Override
    public String toString() {
        return "Interpreter[id=" + id + ", language=" + language().id() + (isClosed() ? ", closed" : "") + "]";
    }

    // ---- for the runtime and the guest module -------------------------------------------------------

    /**
     * Whether a call made now would have to wait for another to finish: guest code is running and the
     * interpreter is not merely waiting on another interpreter (when it is, it takes calls meanwhile).
     */
    boolean isBusy() {
        return backend.isBusy();
    }

    /**
     * Runs {@code call}, a call from this interpreter's guest into another interpreter, marking this
     * one as waiting meanwhile, so that the other may call back.
     */
    <T> T waitingOnAnother(Supplier<T> call) {
        return backend.waitingOnAnother(call);
    }

    /** Runs code that crossed from another interpreter's guest (its text, or a function's compiled code). */
    void execFromGuest(JsonNode code) {
        backend.execFromGuest(code);
    }

    /** Calls a function that crossed from another interpreter's guest, with the arguments that crossed. */
    JsonNode callFromGuest(JsonNode callable, JsonNode positional, JsonNode keywords) {
        return backend.callFromGuest(callable, positional, keywords);
    }

    /** This interpreter's running call, for the heap guard to weigh; empty when idle. */
    Optional<HeapGuard.Candidate> runningCall() {
        return backend.runningCall();
    }

    /** The configuration it was made from, for a runtime's prepared successor. */
    InterpreterConfig config() {
        return config;
    }

    /** This interpreter's family: the host-created interpreter it descends from, and the others under it. */
    Family family() {
        return family;
    }

    /** Options for an interpreter created by this one's guest code: same output sinks, same time limit. */
    Builder childOptions(Language childLanguage) {
        Builder child = runtime.newInterpreter(childLanguage).stdout(config.stdout()).stderr(config.stderr())
                .stdin(config.stdin()).whence(WHENCE_STDLIB);
        child.parent = this;
        child.scriptDirectory = config.scriptDirectory();
        child.packages.addAll(config.packages());   // as a CPython subinterpreter sees the same site-packages
        if (config.timeLimit() != null) {
            child.timeLimit(config.timeLimit());
        }
        return child;
    }

    /** Options for a new interpreter; obtained from {@link Interpreters#newInterpreter(Language)}. */
    public static final class Builder {
        private final Interpreters runtime;
        private final Language language;
        private OutputStream stdout = System.out;
        private OutputStream stderr = System.err;
        private InputStream stdin = System.in;
        private Duration timeLimit;
        private String[] arguments = new String[0];
        private String whence = WHENCE_HOST;
        private Path scriptDirectory;
        private final List<Path> packages = new ArrayList<>();
        private final Map<String, Object> hostObjects = new LinkedHashMap<>();
        private String hostFunctionsName;
        private Map<String, HostFunction> hostFunctions = Map.of();
        private Interpreter parent;   // the interpreter whose guest created this one; null when the host did

        Builder(Interpreters runtime, Language language) {
            this.runtime = runtime;
            this.language = language;
        }





        /** Where the guest's standard output goes (default: the host's). */
        public Builder stdout(OutputStream out) {
            this.stdout = out;
            return this;
        }

        /** Where the guest's standard error goes (default: the host's). */
        public Builder stderr(OutputStream err) {
            this.stderr = err;
            return this;
        }

        /** What the guest reads as standard input (default: the host's). */
        public Builder stdin(InputStream in) {
            this.stdin = in;
            return this;
        }

        /** A time limit for each exec or call, overriding the policy's. */
        public Builder timeLimit(Duration limit) {
            this.timeLimit = limit;
            return this;
        }

        /** The program's command-line arguments (Python's {@code sys.argv}; JS ignores them). */
        public Builder arguments(String... argv) {
            this.arguments = argv.clone();
            return this;
        }

        /**
         * The directory of the program this interpreter runs: what the policy's {@code ${scriptDir}}
         * file root stands for (default: the working directory).
         */
        public Builder scriptDirectory(Path directory) {
            this.scriptDirectory = directory.toAbsolutePath().normalize();
            return this;
        }

        /**
         * Package directories the guest imports from, after the runtime's ({@link Interpreters#packages}):
         * Python {@code import name}, JS {@code require('name')}. Each is one that {@code runner packages
         * install --target DIR} filled, a virtual environment, or the external directory of GraalPy's
         * Maven plugin. Guests read them under every policy and write them under none; a policy that
         * names {@code packages} allows only those. A JS interpreter requires from the one directory
         * that holds {@code node_modules} (GraalJS resolves from one); two such directories are refused.
         *
         * @throws IllegalArgumentException a directory does not exist
         * @throws PolicyException          the policy does not allow a directory
         */
        public Builder packages(Path... directories) {
            packages.addAll(PackageDirectories.checked(List.of(directories), runtime.policy()));
            return this;
        }

        /**
         * Hands the Java object {@code object} to the guest as the variable {@code name} of
         * {@code __main__} (JS: a global). The guest reaches only what the policy's {@code hostAccess}
         * allows: with {@code exported}, the members annotated {@code @HostAccess.Export}.
         *
         * @throws PolicyException the policy's {@code hostAccess} is {@code none}
         */
        public Builder hostObject(String name, Object object) {
            SandboxPolicy policy = runtime.policy();
            if (policy.hostAccess() == HostAccessLevel.NONE) {
                throw new PolicyException(policy.name(), "$.hostAccess", "is none: no host object can be handed to guests;"
                        + " use \"exported\" (only @HostAccess.Export members) or \"all\"");
            }
            hostObjects.put(name, object);
            return this;
        }

        /**
         * Offers {@code functions} to the guest as the module {@code name} (Python: {@code import name})
         * or the global object {@code name} (JS). They work under every {@code hostAccess} level: they
         * take and return JSON, and no other host object is reachable through them. Any other name
         * the guest asks the module for fails with a message listing the allowed ones.
         */
        public Builder hostFunctions(String name, Map<String, HostFunction> functions) {
            if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new IllegalArgumentException("'" + name + "' cannot name a module and a global object");
            }
            this.hostFunctionsName = name;
            this.hostFunctions = Map.copyOf(functions);
            return this;
        }

        Builder whence(String whence) {
            this.whence = whence;
            return this;
        }

        /**
         * Makes this the runtime's main interpreter, as the program {@code python3 FILE} runs in is
         * CPython's: its guests see it as interpreter 0 ({@code get_current() == get_main()}, whence
         * {@code "runtime init"}), and the interpreters they create are numbered from 1. Only the
         * first interpreter of a runtime can be its main; without one, guests see the Java host as
         * interpreter 0.
         */
        public Builder asMain() {
            if (parent != null) {
                throw new IllegalStateException("an interpreter a guest creates cannot be the main interpreter");
            }
            return whence(WHENCE_MAIN);
        }

        /** Creates and starts the interpreter; blocks until its Context is ready. */
        public Interpreter create() {
            return runtime.start(snapshot(), parent);
        }

        /** The runtime's package directories, then this builder's; for JS, the one with {@code node_modules}. */
        private List<Path> allPackages() {
            List<Path> all = new ArrayList<>(runtime.packages());
            packages.stream().filter(dir -> !all.contains(dir)).forEach(all::add);
            return language == Language.JS ? PackageDirectories.forJs(all) : all;
        }

        /** These options, fixed: nothing reads the builder after this. */
        InterpreterConfig snapshot() {
            return new InterpreterConfig(language, stdout, stderr, stdin, timeLimit, Arrays.asList(arguments), whence, scriptDirectory,
                    allPackages(),
                    hostObjects, hostFunctionsName, hostFunctions, parent != null);
        }
    }
}
