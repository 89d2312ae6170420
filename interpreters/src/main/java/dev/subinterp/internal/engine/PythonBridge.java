package dev.subinterp.internal.engine;

import dev.subinterp.interpreter.ExcInfo;
import dev.subinterp.interpreter.Language;
import dev.subinterp.channel.SharedBuffer;
import dev.subinterp.value.JsonPath;
import dev.subinterp.value.Shareable;
import com.fasterxml.jackson.databind.JsonNode;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyExecutable;
import dev.subinterp.policy.Limits;
import dev.subinterp.policy.SandboxPolicy;

import org.graalvm.polyglot.proxy.ProxyArray;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Python (GraalPy) specifics of the door: bytes, int versus float, list/tuple and dict. */
public final class PythonBridge extends GuestBridge {
    /**
     * The helpers (resources {@code python/helpers/}), by concern, in the order they run: all in one
     * private namespace, each seeing what the earlier ones defined. They are named
     * {@code <subinterp-helpers/...>} in tracebacks, which leave their frames out.
     */
    private static final List<String[]> HELPERS = files("python/helpers/", "<subinterp-helpers/%s>",
            "protocol.py",        // Operation and Status, from GuestProtocol: first, the others name them
            "values.py",          // values built for the host, code sent by another interpreter
            "errors.py",          // describe: an uncaught exception as named fields
            "streams.py",         // flushing stdout and stderr for the host
            "handles.py",         // queues and channels: their classes and errors
            "limits.py",          // what the policy enforces inside the guest
            "host_functions.py",  // the embedder's host functions as a module
            "modules.py");        // the import hook for the files below
    /**
     * The files of the {@code interpreters} package and of {@code concurrent.futures.InterpreterPoolExecutor}
     * (resources {@code python/}, laid out as CPython 3.14's {@code Lib/}), by path: the import hook
     * runs each on its first import.
     */
    private static final List<String[]> MODULES = files("python/", "%s",
            "interpreters/__init__.py", "interpreters/_crossinterp.py", "interpreters/_queues.py", "interpreters/_channels.py",
            "concurrent/futures/interpreter.py", "extrainterpreters/__init__.py");

    private final boolean workingDirectoryReadable;

    public PythonBridge(Context context, boolean workingDirectoryReadable) {
        super(context);
        this.workingDirectoryReadable = workingDirectoryReadable;
    }

    @Override
    public Value loadHelpers() {
        if (!workingDirectoryReadable) {
            // Python puts '' (the working directory) first on sys.path for -c and stdin programs; where the
            // policy does not let it read there, looking there fails instead of finding nothing.
            context.eval("python", "(lambda path: path.remove('') if '' in path else None)(__import__('sys').path)");
        }
        // Run the helpers in a fresh namespace so that nothing lands in the user's __main__; the protocol's
        // constants are there before the first one runs.
        Value runInNamespace = context.eval("python", """
                lambda files, operations, statuses: (lambda ns: ([exec(compile(text, name, 'exec'), ns) for name, text in files], ns)[1])(
                    {'__name__': '<subinterp-helpers>', 'Operation': operations, 'Status': statuses})""");
        return runInNamespace.execute(pairs(HELPERS), GuestProtocol.constants(GuestProtocol.Operation.class),
                GuestProtocol.constants(GuestProtocol.Status.class));
    }

    /** The resources {@code directory + name}, as [name for the guest (after {@code format}), text]. */
    private static List<String[]> files(String directory, String format, String... names) {
        return Arrays.stream(names).map(name -> new String[]{String.format(format, name), resource(directory + name)}).toList();
    }

    private static ProxyArray pairs(List<String[]> files) {
        return ProxyArray.fromList(files.stream().<Object>map(file -> ProxyArray.fromArray((Object[]) file)).toList());
    }

    @Override
    public void applyPolicy(SandboxPolicy policy) {
        Limits limits = policy.limits();
        limits.recursionDepth().ifPresent(cap -> {
            // The real setter stays on the host side: the guest gets a wrapper that refuses more than the cap.
            Value realSetter = context.eval("python", "__import__('sys').setrecursionlimit");
            ProxyExecutable setter = args -> {
                if (args.length != 1 || !args[0].fitsInInt() || args[0].asInt() > cap) {
                    throw new IllegalArgumentException("the sandbox policy caps the recursion limit at " + cap);
                }
                realSetter.execute(args[0].asInt());
                return null;
            };
            helper("cap_recursion").execute(cap, setter);
        });
        if (policy.threads()) {
            limits.threads().ifPresent(cap -> helper("cap_threads").execute(cap));
        }
        if (!policy.allowsProcessSignals()) {
            helper("guard_signals").executeVoid();
        }
        helper("guard_unsupported_posix").executeVoid();
        helper("keep_sleep_on_time").executeVoid();
    }

    @Override
    public boolean streamsUsable() {
        return helper("streams_usable").execute().asBoolean();
    }

    @Override
    public Value helper(String name) {
        return helpers.getHashValue(name);
    }

    @Override
    public Language language() {
        return Language.PYTHON;
    }

    @Override
    public void flushOutput() {
        helper("flush").executeVoid();
    }

    /**
     * GraalPy's {@code json.loads} costs about 30 us even for a tiny document, while building costs
     * about 0.6 us a node (measured with the JIT on): parse only trees larger than this.
     */
    private static final int NODES_WORTH_PARSING = 64;

    @Override
    public boolean parsingPaysOff(JsonNode node) {
        return countUpTo(node, NODES_WORTH_PARSING) >= NODES_WORTH_PARSING;
    }

    private static int countUpTo(JsonNode node, int limit) {
        int count = 1;
        for (JsonNode child : node) {
            if (count >= limit) break;
            count += countUpTo(child, limit - count);
        }
        return count;
    }

    /**
     * GraalPy 25.0.3 cannot take a host buffer as bytes, and a latin-1 string's encode runs a
     * CharsetEncoder char by char (about 300 MB/s). So Python makes a zeroed bytes object of the size and
     * hands over the byte[] behind it (polyglot.storage, not a copy), which one arraycopy fills before
     * any guest code sees the object: 10-16 GB/s for 1 MiB. The guest never gets the host's array.
     */
    @Override
    public void findModulesIn(java.nio.file.Path directory) {
        context.eval("python", "lambda d: (lambda path: path.insert(0, d) if d not in path else None)(__import__('sys').path)")
                .execute(directory.toString());
    }

    @Override
    public void usePackages(java.util.List<java.nio.file.Path> paths) {
        if (paths.isEmpty()) {
            return;
        }
        // site.addsitedir as for site-packages: appended to sys.path, and the directory's .pth files read
        Value addSiteDir = context.eval("python", "lambda d: __import__('site').addsitedir(d)");
        for (java.nio.file.Path path : paths) {
            addSiteDir.execute(path.toString());
        }
    }

    /** GraalPy 25.0 cannot map host memory into Python: a bytearray copy, and a warning the first time. */
    @Override
    protected Value sharedBufferToGuest(SharedBuffer buffer, HandleProxy proxy) {
        return helper("shared_buffer_copy").execute(bytesToGuest(buffer.toByteArray()), buffer.id(), buffer.size());
    }

    @Override
    public Value bytesToGuest(byte[] bytes) {
        Value made = helper("new_bytes").execute(bytes.length);
        Value storage = made.getArrayElement(1);
        if (storage.isHostObject() && storage.asHostObject() instanceof byte[] contents && contents.length >= bytes.length) {
            System.arraycopy(bytes, 0, contents, 0, bytes.length);
            return made.getArrayElement(0);
        }
        return helper("bytes_from_latin1").execute(new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1));
    }

    @Override
    public boolean fitsGuestInteger(long value) {
        return true;
    }

    @Override
    public boolean acceptsNonFiniteJson() {
        return true;
    }

    @Override
    public JsonNode numberToHost(Value number, JsonPath path) {
        // GraalPy reports 2.0 as fitting in a long, so the type decides between int and float. A number
        // the host handed in and the guest passed back unchanged still has its Java type.
        return isFloat(number) ? floatToHost(number) : integerToHost(number, path);
    }

    private static boolean isFloat(Value number) {
        String type = typeName(number);
        return type.equals("float") || type.equals("Double") || type.equals("Float");
    }

    /** From its two's-complement bytes, not from text: int(text) obeys sys.int_max_str_digits, which guests may lower. */
    @Override
    public Value bigIntegerToGuest(BigInteger big) {
        return helper("big_int").execute(bytesToGuest(big.toByteArray()));
    }

    @Override
    public byte[] bytesToHost(Value value) {
        return value.hasBufferElements() ? readBuffer(value, 0, value.getBufferSize()) : null;
    }

    @Override
    public boolean isList(Value value) {
        if (!value.hasArrayElements()) return false;
        String type = typeName(value);
        return type.equals("list") || type.equals("tuple");
    }

    @Override
    public boolean isMap(Value value) {
        return value.hasHashEntries();
    }

    @Override
    public void installInterpretersModule(org.graalvm.polyglot.proxy.ProxyExecutable module) {
        helper("install_interpreters").execute(module, pairs(MODULES));
    }

    @Override
    public JsonNode execCompiled(byte[] code) {
        helper("exec_code").execute(bytesToGuest(code));
        return com.fasterxml.jackson.databind.node.NullNode.getInstance();
    }

    @Override
    public JsonNode callForModule(JsonNode callable, JsonNode positional, JsonNode keywords) {
        if (callable.has(JS_FUNCTION_SOURCE)) {
            throw new IllegalArgumentException("a JavaScript function cannot run in a python interpreter: pass the name of a function defined there");
        }
        Value function = callable.isTextual() ? mainFunction(callable.textValue())
                : helper("function_from_code").execute(toGuest(callable));
        return toHost(helper("invoke").execute(function, toGuest(positional), toGuest(keywords)));
    }

    @Override
    public Object[] describeArguments(Value exception, Map<String, String> sources) {
        return new Object[]{exception, toGuest(Shareable.fromJava(sources))};
    }

    /** From the dict describe() returns, field by field (see errors.py). */
    @Override
    public ExcInfo excInfo(PolyglotException error, Value d) {
        return new ExcInfo(d.getHashValue("type").asString(), d.getHashValue("message").asString(),
                d.getHashValue("formatted").asString(), d.getHashValue("traceback").asString(),
                string(d.getHashValue("source_name")), d.getHashValue("line").asInt(), d.getHashValue("column").asInt(),
                d.getHashValue("qualname").asString(), string(d.getHashValue("module")));
    }

    @Override
    public String noneName() {
        return "None";
    }

    @Override
    public String guestTypeName(Value value) {
        if (value.isNull()) return "NoneType";
        if (value.isBoolean()) return "bool";
        if (value.isString()) return "str";
        if (value.isNumber()) return isFloat(value) ? "float" : "int";
        return typeName(value);
    }
}
