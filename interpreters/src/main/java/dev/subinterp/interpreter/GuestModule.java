package dev.subinterp.interpreter;

import dev.subinterp.internal.engine.GuestBridge;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.subinterp.policy.PolicyException;
import dev.subinterp.value.NotShareableError;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyArray;
import org.graalvm.polyglot.proxy.ProxyExecutable;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * The host behind one interpreter's {@code interpreters} module (PEP 734): a single function,
 * {@code bridge(operation, args...)}, that answers {@code [status, value]} so that the guest module
 * raises its own exceptions. It accepts only shareable values and can do only what the module offers.
 * Each interpreter gets its own, bound to it: "current" means that interpreter.
 */
final class GuestModule implements ProxyExecutable {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Interpreter self;
    private final Interpreters runtime;
    private final GuestBridge bridge;   // self's: the module runs on self's threads

    GuestModule(Interpreter self, Interpreters runtime, GuestBridge bridge) {
        this.self = self;
        this.runtime = runtime;
        this.bridge = bridge;
    }

    @Override
    public Object execute(Value... args) {
        if (args.length == 0 || !args[0].isString()) {
            return answer("interp_error", "the interpreters module's bridge takes an operation name first");
        }
        String operation = args[0].asString();
        try {
            return answer("ok", self.waitingOnAnother(() -> run(bridge, operation, args)));
        } catch (NotFound e) {
            return answer("not_found", e.getMessage());
        } catch (ExecutionFailed e) {
            return answer("exec_failed", bridge.toGuest(excInfo(e.excInfo())));
        } catch (NotShareableError e) {
            return answer("not_shareable", e.getMessage());
        } catch (PolicyException | InterpreterError | NoSuchElementException | IllegalArgumentException e) {
            return answer("interp_error", e.getMessage());
        } catch (ArrayIndexOutOfBoundsException | ClassCastException | ArithmeticException | UnsupportedOperationException e) {
            // A guest calling the raw bridge with arguments the module never passes.
            return answer("interp_error", "wrong arguments for " + operation);
        }
    }

    private Object run(GuestBridge bridge, String operation, Value[] args) {
        return switch (operation) {
            case "create" -> {
                Language language = args[1].isNull() ? self.language() : Language.fromName(args[1].asString());
                yield describe(bridge, self.childOptions(language).create());
            }
            case "list_all" -> {
                ArrayNode all = NODES.arrayNode();
                all.add(mainInfo());
                runtime.listAll().forEach(i -> all.add(info(i)));
                yield bridge.toGuest(all);
            }
            case "current" -> describe(bridge, self);
            case "info" -> {
                int id = id(args[1]);
                yield bridge.toGuest(id == Interpreters.MAIN_ID ? mainInfo() : info(target(id)));
            }
            case "is_running" -> {
                int id = id(args[1]);
                yield id == Interpreters.MAIN_ID || id == self.id() || target(id).isRunning();
            }
            case "close" -> {
                close(id(args[1]));
                yield null;
            }
            case "prepare_main" -> {
                Interpreter target = runnable(id(args[1]));
                Map<String, JsonNode> values = new LinkedHashMap<>();
                bridge.entriesToHost(args[2]).properties().forEach(e -> values.put(e.getKey(), e.getValue()));
                target.prepareMain(values);
                yield null;
            }
            case "exec" -> {
                Interpreter target = runnable(id(args[1]));
                target.execFromGuest(bridge.toHost(args[2]));
                yield null;
            }
            case "call" -> {
                Interpreter target = runnable(id(args[1]));
                JsonNode callable = bridge.toHost(args[2]);
                JsonNode positional = bridge.itemsToHost(args[3]);
                JsonNode keywords = bridge.entriesToHost(args[4]);
                yield bridge.toGuest(target.callFromGuest(callable, positional, keywords));
            }
            case "create_queue" -> bridge.toGuest(NODES.pojoNode(runtime.createQueue(args[1].asInt())));
            case "is_shareable" -> {
                try {
                    bridge.toHost(args[1]);
                    yield true;
                } catch (NotShareableError e) {
                    yield false;
                }
            }
            default -> throw new IllegalArgumentException("the interpreters module has no operation " + operation);
        };
    }

    private void close(int id) {
        if (id == Interpreters.MAIN_ID) {
            throw new InterpreterError("the main interpreter is the host: it cannot be closed from a guest");
        }
        if (id == self.id()) {
            throw new InterpreterError("interpreter " + id + " cannot close itself while it is running");
        }
        Interpreter target = sameFamily(target(id));
        if (target.isRunning()) {
            throw new InterpreterError("interpreter " + id + " is still running");
        }
        target.close();
    }

    /** The interpreter {@code id}, if it can take a call now: as in CPython, a running one refuses. */
    private Interpreter runnable(int id) {
        if (id == Interpreters.MAIN_ID) {
            throw new InterpreterError("the main interpreter is the Java host: it runs no guest code");
        }
        if (id == self.id()) {
            return self;
        }
        Interpreter target = sameFamily(target(id));
        if (target.isBusy()) {
            throw new InterpreterError("interpreter " + id + " is already running");
        }
        return target;
    }

    /**
     * A guest may run code in, or close, only interpreters of its own family: the host-created
     * interpreter it descends from and everything created under it. Like CPython's module (which
     * refuses interpreters it did not create), it cannot touch what the host made for others (pool
     * workers, other tenants' interpreters and their children).
     */
    private Interpreter sameFamily(Interpreter target) {
        if (target.family() != self.family()) {
            throw new InterpreterError("interpreter " + target.id() + " belongs to another family of interpreters: a guest"
                    + " may run code in or close only the interpreter it descends from and the ones created under it");
        }
        return target;
    }

    private Interpreter target(int id) {
        return runtime.get(id).orElseThrow(() -> new NotFound("interpreter " + id + " does not exist (or was closed)"));
    }

    private static int id(Value id) {
        if (!id.isNumber() || !id.fitsInInt()) {
            throw new IllegalArgumentException("an interpreter id is an int, not " + GuestBridge.typeName(id));
        }
        return id.asInt();
    }

    private Value describe(GuestBridge bridge, Interpreter interpreter) {
        return bridge.toGuest(info(interpreter));
    }

    private static JsonNode info(Interpreter interpreter) {
        return NODES.arrayNode().add(interpreter.id()).add(interpreter.whence()).add(interpreter.language().id());
    }

    private static JsonNode mainInfo() {
        return NODES.arrayNode().add(Interpreters.MAIN_ID).add("runtime init").add("java");
    }

    /** PEP 734's excinfo: a type snapshot, msg, formatted, errdisplay (plus where it was raised). */
    static JsonNode excInfo(ExcInfo info) {
        ObjectNode result = NODES.objectNode();
        ObjectNode type = result.putObject("type");
        type.put("__name__", info.type());
        type.put("__qualname__", info.typeQualname());
        type.put("__module__", info.typeModule());
        result.put("msg", info.message());
        result.put("formatted", info.formatted());
        result.put("errdisplay", info.traceback());
        result.put("filename", info.sourceName());
        result.put("lineno", info.line());
        return result;
    }

    private static ProxyArray answer(String status, Object value) {
        return ProxyArray.fromArray(status, value);
    }

    private static final class NotFound extends RuntimeException {
        NotFound(String message) {
            super(message);
        }
    }
}
