package dev.subinterp.internal.engine;

import dev.subinterp.interpreter.ExcInfo;
import dev.subinterp.interpreter.Language;
import dev.subinterp.channel.SharedBuffer;
import com.fasterxml.jackson.databind.JsonNode;
import dev.subinterp.value.JsonPath;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.SourceSection;
import org.graalvm.polyglot.Value;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/** JavaScript (GraalJS) specifics of the door: Uint8Array, Number versus BigInt, plain objects. */
public final class JsBridge extends GuestBridge {
    /** Makes the object the helpers fill, from the protocol's constants: first, since the others name them. */
    private static final Source PROTOCOL = helperSource("protocol.js");
    /** The helpers (resources {@code js/}), by concern, in the order they fill the object {@link #PROTOCOL} made. */
    private static final List<Source> HELPERS = List.of(
            helperSource("values.js"),          // values built for the host
            helperSource("errors.js"),          // describe: an uncaught exception as named fields
            helperSource("handles.js"),         // queues and channels: their classes and errors
            helperSource("host-functions.js"),  // the embedder's host functions as a global object
            helperSource("interpreters.js"));   // the interpreters global (PEP 734)
    /** Integers beyond this lose precision as JS Numbers, so they cross as BigInt. */
    private static final long MAX_SAFE_INTEGER = (1L << 53) - 1;

    public JsBridge(Context context) {
        super(context);
    }

    @Override
    public Value loadHelpers() {
        Value helpers = context.eval(PROTOCOL).execute(GuestProtocol.constants(GuestProtocol.Operation.class),
                GuestProtocol.constants(GuestProtocol.Status.class));
        for (Source file : HELPERS) {
            context.eval(file).executeVoid(helpers);
        }
        return helpers;
    }

    /** Each helper file is one function expression, named {@code <subinterp-helpers/...>}. */
    private static Source helperSource(String name) {
        return Source.newBuilder("js", resource("js/" + name), "<subinterp-helpers/" + name + ">").buildLiteral();
    }

    @Override
    public String noneName() {
        return "null";
    }

    @Override
    public String guestTypeName(Value value) {
        if (value.isNull()) return "null";
        if (value.isBoolean()) return "boolean";
        if (value.isString()) return "string";
        if (value.isNumber()) return typeName(value).equals("bigint") ? "bigint" : "number";
        return typeName(value);
    }

    @Override
    public Language language() {
        return Language.JS;
    }

    @Override
    public Source source(String code, String name) {
        boolean module = name.endsWith(".mjs");
        String text = module && packagesRoot != null ? CommonJsImports.rewrite(code, packagesRoot) : code;
        Source.Builder builder = Source.newBuilder("js", text, name);
        if (module) {
            builder.mimeType("application/javascript+module");
        }
        return builder.buildLiteral();
    }

    /** The directory whose node_modules this guest requires from (the Context was built for it), or null. */
    private volatile java.nio.file.Path packagesRoot;

    @Override
    public void usePackages(java.util.List<java.nio.file.Path> paths) {
        packagesRoot = paths.isEmpty() ? null : paths.get(0);
    }

    /** A Uint8Array over a fresh host copy of the bytes: the copy is the guest's alone, so nothing aliases. */
    @Override
    public Value bytesToGuest(byte[] bytes) {
        return helper("bytes_from_buffer").execute(java.nio.ByteBuffer.wrap(bytes.clone()));
    }

    /** A Uint8Array over the buffer's own memory: writes on either side are seen on the other. */
    @Override
    protected Value sharedBufferToGuest(SharedBuffer buffer, HandleProxy proxy) {
        return helper("shared_buffer").execute(buffer.byteBuffer(), proxy);
    }

    @Override
    public boolean fitsGuestInteger(long value) {
        return Math.abs(value) <= MAX_SAFE_INTEGER;
    }

    @Override
    public boolean acceptsNonFiniteJson() {
        return false;
    }

    @Override
    public JsonNode numberToHost(Value number, JsonPath path) {
        if (typeName(number).equals("bigint")) return integerToHost(number, path);
        return number.fitsInLong() ? integerToHost(number, path) : floatToHost(number);
    }

    @Override
    public Value bigIntegerToGuest(BigInteger big) {
        return helper("big_int").execute(big.toString());
    }

    @Override
    public byte[] bytesToHost(Value value) {
        if (value.hasBufferElements()) {   // ArrayBuffer
            return readBuffer(value, 0, value.getBufferSize());
        }
        if (value.hasMembers() && typeName(value).equals("Uint8Array")) {
            return readBuffer(value.getMember("buffer"), value.getMember("byteOffset").asLong(),
                    value.getMember("byteLength").asLong());
        }
        return null;
    }

    @Override
    public boolean isList(Value value) {
        return value.hasArrayElements() && typeName(value).equals("Array");
    }

    @Override
    public boolean isMap(Value value) {
        if (value.canExecute() || !value.hasMembers()) return false;
        Value meta = value.getMetaObject();
        if (meta == null) return true;   // Object.create(null)
        String type = meta.getMetaSimpleName();
        return type.equals("Object") || (type.equals("Map") && value.hasHashEntries());
    }

    @Override
    public void installInterpretersModule(org.graalvm.polyglot.proxy.ProxyExecutable module) {
        helper("install_interpreters").execute(module);
    }

    @Override
    public JsonNode execCompiled(byte[] code) {
        throw new IllegalArgumentException("a Python function cannot run in a js interpreter: pass code as a string");
    }

    @Override
    public JsonNode callForModule(JsonNode callable, JsonNode positional, JsonNode keywords) {
        if (!callable.isTextual() && !callable.has(JS_FUNCTION_SOURCE)) {
            throw new IllegalArgumentException("a Python function cannot run in a js interpreter: pass the name of a function defined there");
        }
        if (keywords.size() > 0) {
            throw new IllegalArgumentException("JavaScript functions take no keyword arguments");
        }
        Object[] arguments = new Object[positional.size()];
        for (int i = 0; i < arguments.length; i++) arguments[i] = toGuest(positional.get(i));
        Value function = callable.isTextual() ? mainFunction(callable.textValue()) : functionFromSource(callable);
        return toHost(function.execute(arguments));
    }

    /**
     * A JS function that crossed as its source text ({@code interpreters.js}' call with a function),
     * made again here at the top level: it sees this interpreter's globals, never the caller's variables.
     */
    private Value functionFromSource(JsonNode spec) {
        String name = spec.path("name").asText("");
        Value function = context.eval(Source.newBuilder("js", "(" + spec.path(JS_FUNCTION_SOURCE).asText() + "\n)",
                "<function " + (name.isEmpty() ? "(anonymous)" : name) + ">").buildLiteral());
        if (!function.canExecute()) {
            throw new IllegalArgumentException("the source that crossed is not a function");
        }
        return function;
    }

    @Override
    public Object[] describeArguments(Value exception, Map<String, String> sources) {
        return new Object[]{exception};
    }

    @Override
    public ExcInfo excInfo(PolyglotException error, Value d) {
        SourceSection where = error.getSourceLocation();
        if (where == null) {
            for (PolyglotException.StackFrame frame : error.getPolyglotStackTrace()) {
                if (frame.isGuestFrame() && frame.getSourceLocation() != null) {
                    where = frame.getSourceLocation();
                    break;
                }
            }
        }
        String name = where == null ? null : where.getSource().getName();
        int line = where == null ? 0 : where.getStartLine();
        int column = where == null ? 0 : where.getStartColumn();
        // From the object describe() returns, field by field (see errors.js); where it was raised is GraalVM's.
        String type = d.getMember("type").asString();
        return new ExcInfo(type, d.getMember("message").asString(), d.getMember("formatted").asString(),
                d.getMember("traceback").asString(), name, line, column, type, null);
    }
}
