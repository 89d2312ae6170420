package dev.subinterp.internal.engine;

import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyArray;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a guest's helper code and the host say to each other. A guest asks through one host function,
 * {@code host(operation, args...)}: the {@code interpreters} module's bridge (the interpreter's
 * {@code GuestModule}) or a queue's or channel end's {@link HandleProxy}; it answers
 * {@code [status, value]} instead of throwing, so that each language raises its own exceptions.
 *
 * <p>Operations and statuses cross as their {@linkplain Operation#code() codes}. The helpers receive
 * the constants of both enums when they are loaded ({@link #constants}), as two namespaces named
 * {@code Operation} and {@code Status}, and name them only through those: no code is spelled in a
 * guest file.
 */
public final class GuestProtocol {
    private GuestProtocol() {
    }

    /** A constant of the protocol: it crosses as its code, the guest names it by its name. */
    public interface Constant {
        /** What crosses: the constant's name in lower case ({@code "prepare_main"}, {@code "not_found"}). */
        String code();

        String name();
    }

    /** Who answers an operation, and the name its messages give it. */
    public enum Target {
        /** The {@code interpreters} module (GuestModule). */
        MODULE("interpreters"),
        /** A queue (HandleProxy). */
        QUEUE("Queue"),
        /** The receiving end of a channel (HandleProxy). */
        RECV_CHANNEL("RecvChannel"),
        /** The sending end of a channel (HandleProxy). */
        SEND_CHANNEL("SendChannel"),
        /** Either end of a channel (HandleProxy; messages name the end's own kind). */
        CHANNEL("channel");

        private final String displayName;

        Target(String displayName) {
            this.displayName = displayName;
        }

        public String displayName() {
            return displayName;
        }
    }

    /** Everything a guest may ask of the host, with the names of the arguments each takes. */
    public enum Operation implements Constant {
        // The interpreters module (PEP 734); the names follow CPython's _interpreters where they can.
        CREATE(Target.MODULE, "language"),
        LIST_ALL(Target.MODULE),
        GET_CURRENT(Target.MODULE),
        INFO(Target.MODULE, "id"),
        IS_RUNNING(Target.MODULE, "id"),
        DESTROY(Target.MODULE, "id"),
        PREPARE_MAIN(Target.MODULE, "id", "ns"),
        EXEC(Target.MODULE, "id", "code"),
        CALL(Target.MODULE, "id", "callable", "args", "kwargs"),
        // A call that runs on while the caller goes on (JS, whose interpreters have one thread): its number, then join it.
        CALL_IN_THREAD(Target.MODULE, "id", "callable", "args", "kwargs"),
        JOIN_CALL(Target.MODULE, "call"),
        CALL_DONE(Target.MODULE, "call"),
        CREATE_QUEUE(Target.MODULE, "maxsize"),
        IS_SHAREABLE(Target.MODULE, "obj"),
        // Channels (CPython 3.13's _interpchannels).
        CREATE_CHANNEL(Target.MODULE),
        LIST_CHANNELS(Target.MODULE),
        // A queue or channel of this runtime by its id (CPython's Queue(id), RecvChannel(id); unpickling).
        QUEUE_BY_ID(Target.MODULE, "id"),
        CHANNEL_BY_ID(Target.MODULE, "id"),
        // A queue.
        PUT(Target.QUEUE, "obj", "block", "timeout"),
        GET(Target.QUEUE, "block", "timeout"),
        EMPTY(Target.QUEUE),
        FULL(Target.QUEUE),
        QSIZE(Target.QUEUE),
        // Channel ends.
        RECV(Target.RECV_CHANNEL, "timeout"),
        RECV_NOWAIT(Target.RECV_CHANNEL),
        SEND(Target.SEND_CHANNEL, "obj", "timeout"),
        SEND_NOWAIT(Target.SEND_CHANNEL, "obj"),
        SEND_BUFFER(Target.SEND_CHANNEL, "obj", "timeout"),
        SEND_BUFFER_NOWAIT(Target.SEND_CHANNEL, "obj"),
        CLOSE(Target.CHANNEL),
        IS_CLOSED(Target.CHANNEL);

        private static final Map<String, Operation> BY_CODE = new HashMap<>();

        static {
            for (Operation operation : values()) {
                BY_CODE.put(operation.code, operation);
            }
        }

        private final Target target;
        private final List<String> parameters;
        private final String code;

        Operation(Target target, String... parameters) {
            this.target = target;
            this.parameters = List.of(parameters);
            this.code = name().toLowerCase(Locale.ROOT);
        }

        @Override
        public String code() {
            return code;
        }

        public Target target() {
            return target;
        }

        /** The names of the arguments, in order, that follow the operation. */
        public List<String> parameters() {
            return parameters;
        }

        /**
         * The operation a guest named in {@code args[0]}, if it names one; null if it does not.
         * One hash lookup: what a switch over the code would cost.
         */
        public static Operation of(Value[] args) {
            return args.length > 0 && args[0].isString() ? BY_CODE.get(args[0].asString()) : null;
        }

        /** How messages name this operation, asked of {@code owner} ({@code interpreters.exec}, {@code Queue.put}). */
        public String describe(String owner) {
            return owner + "." + code;
        }

        /**
         * Checks that {@code args} (the operation first) hold exactly this operation's arguments.
         *
         * @throws WrongArgument naming the operation, the arguments it takes and how many it got
         */
        public void check(String owner, Value[] args) {
            int given = args.length - 1;
            if (given != parameters.size()) {
                throw new WrongArgument(describe(owner) + " takes " + count(parameters.size())
                        + (parameters.isEmpty() ? "" : " (" + String.join(", ", parameters) + ")") + ", not " + given);
            }
        }

        /**
         * The error for argument {@code index} (1-based, after the operation) of a call asked of
         * {@code owner}: {@code interpreters.exec: argument 2 (code) must be a string or a function, not int}
         * ({@code actualType}: the guest's name for the type of what it passed, {@link GuestBridge#guestTypeName}).
         */
        public WrongArgument wrong(String owner, int index, String mustBe, String actualType) {
            return new WrongArgument(describe(owner) + ": argument " + index + " (" + parameters.get(index - 1) + ") must be "
                    + mustBe + ", not " + actualType);
        }

        /** Like {@link #wrong}, for an argument of the right type but out of range. */
        public WrongArgument outOfRange(String owner, int index, String mustBe, Value actual) {
            return new WrongArgument(describe(owner) + ": argument " + index + " (" + parameters.get(index - 1) + ") must be "
                    + mustBe + ", not " + actual);
        }

        private static String count(int n) {
            return n == 0 ? "no arguments" : n == 1 ? "1 argument" : n + " arguments";
        }
    }

    /** How the host answers: the first item of every answer. */
    public enum Status implements Constant {
        /** Done; the value is the result. */
        OK,
        // Answers of the interpreters module.
        /** No interpreter with that id (InterpreterNotFoundError). */
        NOT_FOUND,
        /** The code run in the other interpreter raised; the value is its excinfo (ExecutionFailed). */
        EXEC_FAILED,
        /** The host refused (InterpreterError). */
        INTERP_ERROR,
        // Answers of the module, queues, channels and host functions.
        /** A value that cannot cross (NotShareableError). */
        NOT_SHAREABLE,
        // Answers of queues and channels.
        QUEUE_EMPTY,
        QUEUE_FULL,
        QUEUE_CLOSED,
        CHANNEL_EMPTY,
        CHANNEL_CLOSED,
        CHANNEL_TIMEOUT,
        /** The wait was interrupted (InterpreterError). */
        INTERRUPTED,
        /** Arguments the wrappers never pass (TypeError). */
        TYPE_ERROR,
        // Answers of host functions.
        /** The embedder's host function failed (HostFunctionError). */
        HOST_FUNCTION_ERROR;

        private final String code = name().toLowerCase(Locale.ROOT);

        @Override
        public String code() {
            return code;
        }

        /** The answer {@code [status, value]}. */
        public ProxyArray answer(Object value) {
            return ProxyArray.fromArray(code, value);
        }
    }

    /**
     * The constants of {@code type} as the helpers receive them: an array of {@code [name, code]} pairs
     * ({@code ["PREPARE_MAIN", "prepare_main"]}), from which they make their namespace.
     */
    public static <E extends Enum<E> & Constant> ProxyArray constants(Class<E> type) {
        E[] constants = type.getEnumConstants();
        Object[] pairs = new Object[constants.length];
        for (int i = 0; i < constants.length; i++) {
            pairs[i] = ProxyArray.fromArray(constants[i].name(), constants[i].code());
        }
        return ProxyArray.fromArray(pairs);
    }

    /** An argument the guest's own wrappers never pass: the message names the operation and the argument. */
    public static final class WrongArgument extends RuntimeException {
        public WrongArgument(String message) {
            super(message, null, false, false);
        }
    }
}
