package dev.subinterp.internal.engine;

import dev.subinterp.interpreter.ExcInfo;
import dev.subinterp.interpreter.Language;
import dev.subinterp.value.JsonPath;
import dev.subinterp.value.Shareable;
import com.fasterxml.jackson.databind.JsonNode;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyExecutable;
import dev.subinterp.policy.Limits;
import dev.subinterp.policy.SandboxPolicy;

import java.math.BigInteger;
import java.util.Map;

/** Python (GraalPy) specifics of the door: bytes, int versus float, list/tuple and dict. */
public final class PythonBridge extends GuestBridge {
    private static final String HELPERS = resource("python-helpers.py");
    private static final String MODULE = resource("python-interpreters.py");

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
        // Run the helpers in a fresh namespace so that nothing lands in the user's __main__.
        Value runInNamespace = context.eval("python",
                "lambda src, name: (lambda ns: (exec(compile(src, name, 'exec'), ns), ns)[1])({'__name__': name})");
        return runInNamespace.execute(HELPERS, "<subinterp-helpers>");
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
        String type = typeName(number);
        boolean isFloat = type.equals("float") || type.equals("Double") || type.equals("Float");
        return isFloat ? floatToHost(number) : integerToHost(number, path);
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
        helper("install_interpreters").execute(module, MODULE);
    }

    @Override
    public JsonNode execCompiled(byte[] code) {
        helper("exec_code").execute(bytesToGuest(code));
        return com.fasterxml.jackson.databind.node.NullNode.getInstance();
    }

    @Override
    public JsonNode callForModule(JsonNode callable, JsonNode positional, JsonNode keywords) {
        Value function = callable.isTextual() ? mainFunction(callable.textValue())
                : helper("function_from_code").execute(toGuest(callable));
        return toHost(helper("invoke").execute(function, toGuest(positional), toGuest(keywords)));
    }

    @Override
    public Object[] describeArguments(Value exception, Map<String, String> sources) {
        return new Object[]{exception, toGuest(Shareable.fromJava(sources))};
    }

    @Override
    public ExcInfo excInfo(PolyglotException error, Value d) {
        return new ExcInfo(d.getArrayElement(0).asString(), d.getArrayElement(1).asString(),
                d.getArrayElement(2).asString(), d.getArrayElement(3).asString(), string(d.getArrayElement(4)),
                d.getArrayElement(5).asInt(), d.getArrayElement(6).asInt(), d.getArrayElement(7).asString(),
                string(d.getArrayElement(8)));
    }
}
