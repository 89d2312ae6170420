package dev.subinterp.internal.engine;

import dev.subinterp.interpreter.ExcInfo;
import dev.subinterp.interpreter.HostFunction;
import dev.subinterp.interpreter.Language;
import dev.subinterp.value.NotShareableError;
import dev.subinterp.value.JsonPath;
import dev.subinterp.value.Shareable;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.POJONode;
import dev.subinterp.channel.Queue;
import dev.subinterp.channel.RecvChannel;
import dev.subinterp.channel.SendChannel;
import dev.subinterp.channel.SharedBuffer;
import dev.subinterp.value.SharedHandle;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyArray;
import org.graalvm.polyglot.proxy.ProxyExecutable;
import dev.subinterp.internal.engine.GuestProtocol.Status;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * The guest side of the door between interpreters, for one Context: converts shareable values
 * ({@link JsonNode} trees, with {@code BinaryNode} for bytes) into guest-native values and back, and
 * describes uncaught guest exceptions. Used only on the interpreter's own thread.
 *
 * <p>Guest values are built natively (a Python {@code dict}, a JS {@code Object}), never as proxies of
 * host objects: containers without bytes go through the guest's own JSON parser in one call; the rest
 * is built piece by piece through small helper functions.
 */
public abstract sealed class GuestBridge permits PythonBridge, JsBridge {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** The member of a guest wrapper object that holds its {@link HandleProxy}. */
    public static final String HANDLE_MEMBER = "__subinterp_handle__";

    public final Context context;
    /** The helper functions, loaded once the subclass is fully constructed. */
    public Value helpers;
    /** Where this interpreter's guest threads wait in the host, so that they can be woken. */
    public HostWaits waits;
    /** The guest's own null (Python None): a host null put in a guest container stays a foreign object. */
    public Value guestNull;

    public GuestBridge(Context context) {
        this.context = context;
    }

    /** The bridge for a new Context; {@code workingDirectoryReadable}: whether its policy lets it read the working directory. */
    public static GuestBridge of(Language language, Context context, boolean workingDirectoryReadable, HostWaits waits) {
        GuestBridge bridge = switch (language) {
            case PYTHON -> new PythonBridge(context, workingDirectoryReadable);
            case JS -> new JsBridge(context);
        };
        bridge.helpers = bridge.loadHelpers();
        bridge.guestNull = bridge.helper("none").execute();
        bridge.waits = waits;
        return bridge;
    }

    /** Evaluates the helper resource and returns the object holding the helper functions. */
    public abstract Value loadHelpers();

    public static String resource(String name) {
        try (InputStream in = GuestBridge.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Value helper(String name) {
        return helpers.getMember(name);
    }

    /** The guest's {@code __main__} namespace (Python) or global scope (JS). */
    public Value mainScope() {
        return context.getBindings(language().id());
    }

    public abstract Language language();

    /** Source for {@code code} named {@code name}, as this language wants it (JS modules by extension). */
    public Source source(String code, String name) {
        return Source.newBuilder(language().id(), code, name).buildLiteral();
    }

    /** Flushes guest-side output buffers so that everything printed so far reaches the sinks. */
    public void flushOutput() {
    }

    /**
     * Offers {@code functions} to the guest as the module (Python) or global object (JS) {@code name}.
     * Each call copies its argument out and the result in, like any crossing value.
     */
    public void installHostFunctions(String name, Map<String, HostFunction> functions) {
        ProxyExecutable invoke = args -> {
            if (args.length == 0 || !args[0].isString()) {
                return Status.HOST_FUNCTION_ERROR.answer("a host function is called by its name first");
            }
            String functionName = args[0].asString();
            HostFunction function = functions.get(functionName);
            if (function == null) {
                return Status.HOST_FUNCTION_ERROR.answer("no host function " + functionName + " in " + name);
            }
            if (args.length > 2) {
                return Status.HOST_FUNCTION_ERROR.answer(name + "." + functionName + "() takes one JSON argument, not " + (args.length - 1));
            }
            try {
                JsonNode argument = args.length > 1 ? toHost(args[1]) : NullNode.getInstance();
                return Status.OK.answer(toGuest(Shareable.fromJava(function.apply(argument))));
            } catch (NotShareableError e) {
                return Status.NOT_SHAREABLE.answer(e.getMessage());
            } catch (Exception e) {
                String message = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
                return Status.HOST_FUNCTION_ERROR.answer(message);
            }
        };
        helper(language() == Language.PYTHON ? "install_host_module" : "install_host_object")
                .execute(name, ProxyArray.fromList(new ArrayList<>(functions.keySet())), invoke);
    }

    /** What the guest calls the null value, for messages: Python's {@code None}, JavaScript's {@code null}. */
    public abstract String noneName();

    /** Whether the guest's stdout and stderr still work after an interrupt (GraalPy's can be cut mid-write). */
    public boolean streamsUsable() {
        return true;
    }

    /**
     * Applies what this language enforces inside the guest before any user code runs (Python: recursion
     * depth, thread cap, process signals, calls its POSIX backend cannot serve).
     */
    public void applyPolicy(dev.subinterp.policy.SandboxPolicy policy) {
    }

    // ---- host -> guest ----------------------------------------------------------------------------

    /**
     * A guest-native copy of {@code node}, which has passed {@link Shareable} (it came from
     * {@link Shareable#fromJava} or {@link #toHost}): its depth is bounded, so building recurses little.
     */
    public Value toGuest(JsonNode node) {
        return switch (node.getNodeType()) {
            case NULL -> guestNull;
            case BOOLEAN -> context.asValue(node.booleanValue());
            case STRING -> context.asValue(node.textValue());
            case NUMBER -> number(node);
            case BINARY -> bytesToGuest(((com.fasterxml.jackson.databind.node.BinaryNode) node).binaryValue());
            case POJO -> handleToGuest((SharedHandle) ((POJONode) node).getPojo());
            case ARRAY, OBJECT -> parsingPaysOff(node) && canUseGuestJsonParser(node)
                    ? helper("decode_json").execute(node.toString()) : build(node);
            default -> throw NotShareableError.of(JsonPath.ROOT, node.getNodeType().toString());
        };
    }

    private Value number(JsonNode node) {
        if (node.isIntegralNumber()) {
            if (node.canConvertToLong() && fitsGuestInteger(node.longValue())) {
                return context.asValue(node.longValue());
            }
            return bigIntegerToGuest(node.bigIntegerValue());
        }
        return context.asValue(node.doubleValue());
    }

    /** The guest's own integer (Python int, JS BigInt) for an integer no plain long can hand over. */
    public abstract Value bigIntegerToGuest(BigInteger big);

    /** Whether the guest represents {@code value} as a plain host long without losing precision. */
    public abstract boolean fitsGuestInteger(long value);

    /** Whether one call of the guest's JSON parser is cheaper than building {@code node} piece by piece. */
    public boolean parsingPaysOff(JsonNode node) {
        return true;
    }

    /** Whether the guest's JSON parser reproduces {@code node} exactly (no bytes, nothing it would round). */
    public boolean canUseGuestJsonParser(JsonNode node) {
        return switch (node.getNodeType()) {
            case BINARY, POJO -> false;
            case NUMBER -> node.isIntegralNumber()
                    ? node.canConvertToLong() && fitsGuestInteger(node.longValue())
                    : acceptsNonFiniteJson() || Double.isFinite(node.doubleValue());
            case ARRAY, OBJECT -> {
                for (JsonNode child : node) {
                    if (!canUseGuestJsonParser(child)) yield false;
                }
                yield true;
            }
            default -> true;
        };
    }

    /** Whether the guest's JSON parser reads {@code NaN} and {@code Infinity}. */
    public abstract boolean acceptsNonFiniteJson();

    private Value build(JsonNode node) {
        if (node.isArray()) {
            Value list = helper("new_list").execute();
            Value append = helper("append");
            for (JsonNode item : node) {
                append.execute(list, toGuest(item));
            }
            return list;
        }
        Value map = helper("new_map").execute();
        Value put = helper("put");
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            put.execute(map, entry.getKey(), toGuest(entry.getValue()));
        }
        return map;
    }

    /** A guest object of the handle's own class (Queue, RecvChannel, SendChannel) around a proxy to it. */
    private Value handleToGuest(SharedHandle handle) {
        HandleProxy proxy = new HandleProxy(handle, this, waits);
        return switch (handle) {
            case Queue queue -> helper("wrap_queue").execute(proxy, queue.id(), queue.maxsize());
            case RecvChannel recv -> helper("wrap_recv").execute(proxy, recv.id());
            case SendChannel send -> helper("wrap_send").execute(proxy, send.id());
            case SharedBuffer buffer -> sharedBufferToGuest(buffer, proxy);
            case ForwardedHandle forwarded -> switch (forwarded.kind()) {
                case QUEUE -> helper("wrap_queue").execute(proxy, forwarded.id(), forwarded.maxsize());
                case RECV_CHANNEL -> helper("wrap_recv").execute(proxy, forwarded.id());
                default -> helper("wrap_send").execute(proxy, forwarded.id());
            };
            default -> throw NotShareableError.of(JsonPath.ROOT, "Java object " + handle.getClass().getName());
        };
    }

    /** The handle behind a guest value: the proxy itself, or a wrapper object holding it; else null. */
    private static SharedHandle handleOf(Value value) {
        Value proxy = value.isProxyObject() ? value
                : value.hasMember(HANDLE_MEMBER) ? value.getMember(HANDLE_MEMBER) : null;
        if (proxy != null && proxy.isProxyObject() && proxy.asProxyObject() instanceof HandleProxy handleProxy) {
            return handleProxy.handle;
        }
        return null;
    }

    /** Makes modules in {@code directory} importable, first (Python's {@code sys.path[0]}); nothing for JS. */
    public void findModulesIn(java.nio.file.Path directory) {
    }

    /**
     * Makes the packages under {@code paths} importable after the standard library, as site-packages
     * are (Python); nothing for JS, whose {@code require} the Context was built with.
     */
    public void usePackages(java.util.List<java.nio.file.Path> paths) {
    }

    /** The guest's own bytes type (Python {@code bytes}, JS {@code Uint8Array}) holding a copy of {@code bytes}. */
    public abstract Value bytesToGuest(byte[] bytes);

    /**
     * A shared buffer as the guest sees it: over the same memory where the language can map host bytes
     * (JS), holding {@code proxy} so that it crosses on as the same buffer; else a copy.
     */
    protected abstract Value sharedBufferToGuest(SharedBuffer buffer, HandleProxy proxy);


    // ---- guest -> host ----------------------------------------------------------------------------

    /**
     * A shareable copy of the guest value {@code value}: the same limits as {@link Shareable#fromJava}
     * (nesting depth, integer digits), checked on the way down, so this recurses at most
     * {@link Shareable#MAX_DEPTH} levels however deep the value is.
     *
     * @throws NotShareableError naming the JSON path and guest type of the first value that cannot cross
     */
    public JsonNode toHost(Value value) {
        return toHost(value, JsonPath.root(), new EnclosingValues());
    }

    /**
     * Copies of the items of a guest list that only carries values (a call's arguments): each item
     * counts its nesting on its own, as when the host passes arguments; error paths start at the list.
     */
    public ArrayNode itemsToHost(Value list) {
        if (!isList(list)) throw NotShareableError.of(JsonPath.ROOT, typeName(list));
        return listToHost(list, JsonPath.root(), (item, path) -> toHost(item, path, new EnclosingValues()));
    }

    /** Like {@link #itemsToHost}, for a guest map that only carries named values (keyword arguments, prepare_main). */
    public ObjectNode entriesToHost(Value map) {
        if (isList(map) || !isMap(map)) throw NotShareableError.of(JsonPath.ROOT, typeName(map));
        return mapToHost(map, JsonPath.root(), (entry, path) -> toHost(entry, path, new EnclosingValues()));
    }

    /** {@code enclosing}: the guest lists and maps {@code value} is in. */
    private JsonNode toHost(Value value, JsonPath path, EnclosingValues enclosing) {
        if (value.isNull()) return NODES.nullNode();
        if (value.isBoolean()) return NODES.booleanNode(value.asBoolean());
        if (value.isString()) return NODES.textNode(value.asString());
        if (value.isNumber()) return numberToHost(value, path);
        if (value.isHostObject()) {
            throw NotShareableError.of(path.toString(), "Java object " + value.asHostObject().getClass().getName());
        }
        if (value.hasMembers() && handleOf(value) instanceof SharedBuffer shared) {
            return NODES.pojoNode(shared);   // before bytes: a Uint8Array over a shared buffer crosses as the buffer
        }
        byte[] bytes = bytesToHost(value);
        if (bytes != null) return NODES.binaryNode(bytes);
        boolean list = isList(value);
        boolean map = !list && isMap(value);
        if (!list && !map) {
            SharedHandle handle = handleOf(value);
            if (handle == null) throw NotShareableError.of(path.toString(), value.isProxyObject() ? "host proxy" : typeName(value));
            return NODES.pojoNode(handle);
        }
        if (!enclosing.enter(value)) {
            throw new NotShareableError(path.toString(), typeName(value),
                    "cyclic reference to an enclosing " + typeName(value) + " is not shareable");
        }
        try {
            if (enclosing.depth() > Shareable.MAX_DEPTH) {
                throw NotShareableError.tooDeep(path, typeName(value));
            }
            ChildToHost child = (item, itemPath) -> toHost(item, itemPath, enclosing);
            return list ? listToHost(value, path, child) : mapToHost(value, path, child);
        } finally {
            enclosing.leave();
        }
    }

    /** Copies one item or entry of a guest list or map found at {@code path}. */
    @FunctionalInterface
    private interface ChildToHost {
        JsonNode copy(Value child, JsonPath path);
    }

    private ArrayNode listToHost(Value value, JsonPath path, ChildToHost child) {
        long size = value.getArraySize();
        ArrayNode array = NODES.arrayNode((int) Math.min(size, Integer.MAX_VALUE));
        for (long i = 0; i < size; i++) {
            array.add(child.copy(value.getArrayElement(i), path.index(i)));
        }
        return array;
    }

    private ObjectNode mapToHost(Value value, JsonPath path, ChildToHost child) {
        ObjectNode object = NODES.objectNode();
        if (value.hasHashEntries()) {
            Value keys = value.getHashKeysIterator();
            while (keys.hasIteratorNextElement()) {
                Value key = keys.getIteratorNextElement();
                if (!key.isString()) {
                    String type = typeName(key);
                    throw new NotShareableError(path.toString(), type, typeName(value) + " key " + key + " of type " + type
                            + " is not shareable (keys must be strings)");
                }
                String name = key.asString();
                object.set(name, child.copy(value.getHashValue(key), path.key(name)));
            }
        } else {
            for (Iterator<String> keys = value.getMemberKeys().iterator(); keys.hasNext(); ) {
                String name = keys.next();
                object.set(name, child.copy(value.getMember(name), path.key(name)));
            }
        }
        return object;
    }

    /**
     * A guest number as a long, a big integer or a double, keeping integers and floats apart.
     *
     * @throws NotShareableError an integer with more than {@link Shareable#MAX_INTEGER_DIGITS} digits
     */
    public abstract JsonNode numberToHost(Value number, JsonPath path);

    public static JsonNode integerToHost(Value number, JsonPath path) {
        if (number.fitsInInt()) return NODES.numberNode(number.asInt());
        if (number.fitsInLong()) return NODES.numberNode(number.asLong());
        return Shareable.integer(number.asBigInteger(), path, typeName(number));
    }

    public static JsonNode floatToHost(Value number) {
        return NODES.numberNode(number.asDouble());
    }

    /** The bytes of a guest bytes-like value, or null if it is not one. */
    public abstract byte[] bytesToHost(Value value);

    public static byte[] readBuffer(Value buffer, long offset, long length) {
        if (length > Integer.MAX_VALUE - 16) {
            throw new NotShareableError(JsonPath.ROOT, "bytes", "bytes longer than 2 GiB are not shareable");
        }
        byte[] bytes = new byte[(int) length];
        buffer.readBuffer(offset, bytes, 0, bytes.length);
        return bytes;
    }

    public abstract boolean isList(Value value);

    public abstract boolean isMap(Value value);

    /**
     * The guest's own name for the type of {@code value}, which it passed to a host function (for
     * messages): a number or a string may arrive as a host primitive, whose meta object is Java's.
     */
    public abstract String guestTypeName(Value value);

    public static String typeName(Value value) {
        Value meta = value.getMetaObject();
        return meta == null ? "object" : meta.getMetaSimpleName();
    }

    // ---- the interpreters module ---------------------------------------------------------------------

    /** Makes the {@code interpreters} module (PEP 734) available to this guest, backed by {@code module}. */
    public abstract void installInterpretersModule(org.graalvm.polyglot.proxy.ProxyExecutable module);

    /** Runs code compiled by another interpreter of this language (a function crossing as its code). */
    public abstract JsonNode execCompiled(byte[] code);

    /**
     * Calls, for another interpreter's module, a function named in {@code __main__} (a string) or one
     * that crossed as its code, with positional and keyword arguments; returns the shareable result.
     */
    public abstract JsonNode callForModule(JsonNode callable, JsonNode positional, JsonNode keywords);

    /** The member of a callable that says it is a JavaScript function crossing as its source text. */
    public static final String JS_FUNCTION_SOURCE = "jsSource";

    /** The function {@code name} of {@code __main__}. */
    public Value mainFunction(String name) {
        Value function = mainScope().getMember(name);
        if (function == null) {
            throw new NoSuchElementException("no function '" + name + "' in __main__");
        }
        if (!function.canExecute()) {
            throw new IllegalArgumentException("'" + name + "' in __main__ is " + typeName(function) + ", not a function");
        }
        return function;
    }

    // ---- errors -----------------------------------------------------------------------------------

    /**
     * Describes an uncaught guest exception. {@code sources} (name to text) lets the traceback show
     * the lines of code that was run from strings.
     */
    public ExcInfo describe(PolyglotException error, Map<String, String> sources) {
        Value guest = error.getGuestObject();
        if (guest != null) {
            try {
                return excInfo(error, helper("describe").execute(describeArguments(guest, sources)));
            } catch (PolyglotException helperFailed) {
                // Fall through to what GraalVM itself says about the exception.
            }
        }
        String message = String.valueOf(error.getMessage());
        String type = "Error";
        if (guest != null) {
            try {
                type = typeName(guest);
            } catch (PolyglotException guestRefuses) {
                // Its type getters run guest code too, and that may fail or hit a limit: keep "Error".
            }
        }
        return new ExcInfo(type, message, message, message, null, 0, 0, type, null);
    }

    public abstract Object[] describeArguments(Value exception, Map<String, String> sources);

    /** The record of what the helper {@code describe} made of {@code error}: an object with named fields. */
    public abstract ExcInfo excInfo(PolyglotException error, Value described);

    public static String string(Value value) {
        return value.isNull() ? null : value.asString();
    }
}
