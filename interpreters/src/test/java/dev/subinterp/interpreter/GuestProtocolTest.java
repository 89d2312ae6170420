package dev.subinterp.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import dev.subinterp.channel.Channel;
import dev.subinterp.internal.engine.GuestProtocol.Operation;
import dev.subinterp.internal.engine.GuestProtocol.Status;
import dev.subinterp.internal.engine.GuestProtocol.Target;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The guest protocol (internal/engine/GuestProtocol): the guest files name its operations and statuses
 * only through the constants the host hands them, the host answers every operation of its own, and a
 * wrong argument is refused by name.
 */
class GuestProtocolTest {
    private static final Path GUEST_FILES = Path.of("src", "main", "resources", "dev", "subinterp", "internal", "engine");
    private final Interpreters runtime = SharedRuntime.get();

    @Test
    void theGuestFilesNameEveryOperationAndStatusByItsConstantAndSpellNoStatus() throws IOException {
        StringBuilder both = new StringBuilder();
        for (String extension : List.of(".py", ".js")) {
            List<Path> files = guestFiles(extension);
            assertTrue(files.size() >= 5, "guest files " + extension + ": " + files);
            String all = String.join("\n", files.stream().map(GuestProtocolTest::read).toList());
            both.append(all);
            for (Status status : Status.values()) {
                assertTrue(all.contains("Status." + status.name()), extension + " files never handle " + status);
            }
            for (Path file : files) {
                String text = read(file);
                for (Status status : Status.values()) {
                    for (String quote : List.of("'", "\"", "`")) {
                        assertFalse(text.contains(quote + status.code() + quote), file + " spells the status " + status);
                    }
                }
            }
        }
        // Some operations serve one language only (CALL_IN_THREAD: JS has no threads of its own to call from).
        for (Operation operation : Operation.values()) {
            assertTrue(both.toString().contains("Operation." + operation.name()), "no guest file asks " + operation);
        }
    }

    @Test
    void theModuleAndTheHandlesAnswerEveryOperationOfTheirOwnAndNoOther() {
        Channel channel = runtime.createChannel();
        try (Interpreter py = runtime.create(Language.PYTHON)) {
            py.prepareMain(Map.of("module_ops", codes(Target.MODULE), "queue_ops", codes(Target.QUEUE),
                    "recv_ops", codes(Target.RECV_CHANNEL, Target.CHANNEL), "send_ops", codes(Target.SEND_CHANNEL, Target.CHANNEL),
                    "recv_end", channel.recvEnd(), "send_end", channel.sendEnd()));
            py.exec("""
                    import interpreters
                    # The module's bridge, dug out of a closure of the low-level module's functions (any guest can).
                    bridge = next(c.cell_contents for c in interpreters._interpreters.exec.__closure__ if callable(c.cell_contents))
                    queue = interpreters.create_queue()
                    def answers(host, codes):
                        # Without arguments: each operation answers or names the arguments it takes.
                        return {code: list(host(code)) for code in codes}
                    module = answers(bridge, module_ops)
                    module_refuses = [list(bridge(code)) for code in queue_ops[:1] + ['eval']] + [list(bridge(7))]
                    queues = answers(queue.__subinterp_handle__, queue_ops)
                    queue_refuses = list(queue.__subinterp_handle__(module_ops[0]))
                    recv = answers(recv_end.__subinterp_handle__, recv_ops)
                    send = answers(send_end.__subinterp_handle__, send_ops)
                    """);
            for (String kind : List.of("module", "queues", "recv", "send")) {
                py.getMainAttr(kind).properties().forEach(answer -> {
                    Operation operation = Arrays.stream(Operation.values()).filter(o -> o.code().equals(answer.getKey())).findFirst().orElseThrow();
                    String status = answer.getValue().get(0).asText();
                    String value = answer.getValue().get(1).asText();
                    assertFalse(value.contains("no operation"), kind + " " + operation + ": " + answer.getValue());
                    if (operation.parameters().isEmpty()) {
                        assertTrue(!status.equals(Status.INTERP_ERROR.code()) && !status.equals(Status.TYPE_ERROR.code()),
                                kind + " " + operation + " takes no arguments: " + answer.getValue());
                    } else {
                        assertTrue(value.contains(" takes " + operation.parameters().size() + " argument")
                                && value.contains("(" + String.join(", ", operation.parameters()) + "), not 0"), answer.getValue().toString());
                    }
                });
            }
            assertEquals(List.of(
                    List.of(Status.INTERP_ERROR.code(), "the interpreters module has no operation put"),
                    List.of(Status.INTERP_ERROR.code(), "the interpreters module has no operation eval"),
                    List.of(Status.INTERP_ERROR.code(), "the interpreters module's bridge takes an operation name first")),
                    strings(py.getMainAttr("module_refuses")));
            assertEquals("[\"" + Status.TYPE_ERROR.code() + "\",\"queues have no operation create\"]", py.getMainAttr("queue_refuses").toString());
            assertEquals("[\"" + Status.INTERP_ERROR.code() + "\",\"interpreters.exec takes 2 arguments (id, code), not 0\"]",
                    py.getMainAttr("module").get(Operation.EXEC.code()).toString());
        }
    }

    @Test
    void aWrongArgumentIsRefusedByName() {
        try (Interpreter py = runtime.create(Language.PYTHON)) {
            py.exec("""
                    import interpreters
                    def refused(action, *args):
                        try:
                            action(*args)
                        except interpreters.InterpreterError as e:
                            return [type(e).__name__, str(e)]
                        except TypeError as e:
                            return [type(e).__name__, str(e)]
                    me = interpreters.get_current().id
                    queue = interpreters.create_queue()
                    report = [
                        refused(interpreters.create, 5),
                        refused(interpreters.create_queue, 2**40),
                        refused(interpreters.Interpreter, 2**40),
                        refused(interpreters._interpreters.exec, me, 5),
                        refused(interpreters._interpreters.exec, me),
                        refused(interpreters._interpreters.call, me, 5, [], {}),
                        list(queue.__subinterp_handle__(put_op, 1, 'yes', None)),
                    ]
                    """.replace("put_op", "'" + Operation.PUT.code() + "'"));
            assertEquals(List.of(
                    List.of("InterpreterError", "interpreters.create: argument 1 (language) must be a string or None, not int"),
                    List.of("InterpreterError", "interpreters.create_queue: argument 1 (maxsize) must be a queue size (an int of 32 bits), not 1099511627776"),
                    List.of("InterpreterError", "interpreters.info: argument 1 (id) must be an interpreter id (an int of 32 bits), not 1099511627776"),
                    List.of("InterpreterError", "interpreters.exec: argument 2 (code) must be a string or a function, not int"),
                    List.of("InterpreterError", "interpreters.exec takes 2 arguments (id, code), not 1"),
                    List.of("InterpreterError", "interpreters.call: argument 2 (callable) must be the name of a function or a function, not int"),
                    List.of(Status.TYPE_ERROR.code(), "Queue.put: argument 2 (block) must be a bool, not str")),
                    pairs(py.getMainAttr("report")));
        }
        try (Interpreter js = runtime.create(Language.JS)) {
            js.exec("""
                    const refused = (action) => { try { action(); } catch (e) { return [e.name, e.message]; } };
                    var report = [
                      refused(() => interpreters.createQueue('x')),
                      refused(() => interpreters.createQueue(1.5)),
                      refused(() => interpreters.create(5)),
                    ];
                    """);
            assertEquals(List.of(
                    List.of("InterpreterError", "interpreters.create_queue: argument 1 (maxsize) must be an int, not string"),
                    List.of("InterpreterError", "interpreters.create_queue: argument 1 (maxsize) must be an int, not number"),
                    List.of("InterpreterError", "interpreters.create: argument 1 (language) must be a string or null, not number")),
                    pairs(js.getMainAttr("report")));
        }
    }

    private static List<String> codes(Target... targets) {
        List<Target> wanted = List.of(targets);
        return Arrays.stream(Operation.values()).filter(o -> wanted.contains(o.target())).map(Operation::code).toList();
    }

    private static List<List<String>> pairs(JsonNode report) {
        return strings(report);
    }

    private static List<List<String>> strings(JsonNode lists) {
        List<List<String>> result = new ArrayList<>();
        for (JsonNode list : lists) {
            List<String> items = new ArrayList<>();
            list.forEach(item -> items.add(item.asText()));
            result.add(items);
        }
        return result;
    }

    private static List<Path> guestFiles(String extension) throws IOException {
        try (Stream<Path> walk = Files.walk(GUEST_FILES)) {
            return walk.filter(p -> p.toString().endsWith(extension)).sorted().toList();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
