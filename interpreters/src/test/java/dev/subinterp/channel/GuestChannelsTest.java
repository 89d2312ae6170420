package dev.subinterp.channel;

import dev.subinterp.interpreter.Interpreter;
import dev.subinterp.interpreter.Interpreters;
import dev.subinterp.interpreter.Language;
import dev.subinterp.policy.PolicyLoader;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Guests make channels of their own (CPython 3.13's {@code interpreters.channels}; JS
 * {@code interpreters.createChannel()}): the runtime's {@link Channel}, whose ends cross between
 * interpreters like the host's.
 */
class GuestChannelsTest {
    @Test
    void aPythonGuestsChannelCarriesValuesFromAJavaScriptInterpreter() throws Exception {
        try (Interpreters runtime = new Interpreters();
             Interpreter py = runtime.create(Language.PYTHON);
             Interpreter js = runtime.create(Language.JS)) {
            Queue mailbox = runtime.createQueue(0);
            py.prepareMain(Map.of("mailbox", mailbox));
            js.prepareMain(Map.of("mailbox", mailbox));
            py.exec("from interpreters import channels\nrch, sch = channels.create()\nmailbox.put(sch)");
            js.exec("const sch = mailbox.get(); sch.sendNowait({from: 'js', n: 1}); sch.sendBufferNowait(new Uint8Array([7, 8]));");
            py.exec("first = rch.recv(timeout=10)\nsecond = list(rch.recv_nowait())");
            assertEquals("{\"from\":\"js\",\"n\":1}", py.getMainAttr("first").toString());
            assertEquals("[7,8]", py.getMainAttr("second").toString());
            assertEquals(1, runtime.listChannels().size(), "the guest's channel is the runtime's");
        }
    }

    @Test
    void listAllShowsTheChannelsStillOpenWithTheirEnds() throws Exception {
        try (Interpreters runtime = new Interpreters(); Interpreter py = runtime.create(Language.PYTHON)) {
            py.exec("""
                    from interpreters import channels
                    a = channels.create()
                    b = channels.create()
                    b[0].close()                      # closing the receive end closes the channel
                    c = channels.create()
                    c[1].send_nowait('pending')
                    c[1].close()                      # closing, not closed: a value still waits
                    listed = [(int(r.id), int(s.id), type(r).__name__, type(s).__name__) for r, s in channels.list_all()]
                    ids = [int(a[0].id), int(c[0].id)]
                    """);
            assertEquals(py.getMainAttr("ids").get(0).asInt(), py.getMainAttr("listed").get(0).get(0).asInt());
            assertEquals("[\"RecvChannel\",\"SendChannel\"]", "[\"" + py.getMainAttr("listed").get(0).get(2).asText()
                    + "\",\"" + py.getMainAttr("listed").get(0).get(3).asText() + "\"]");
            assertEquals(2, py.getMainAttr("listed").size(), py.getMainAttr("listed").toString());
            assertEquals(py.getMainAttr("ids").get(1).asInt(), py.getMainAttr("listed").get(1).get(0).asInt());
            List<Channel> open = runtime.listChannels();
            assertEquals(2, open.size());
            assertFalse(open.get(1).recvEnd().isClosed(), "a closing channel can still be received from");
            assertTrue(open.get(1).sendEnd().isClosed());
        }
    }

    @Test
    void channelErrorsAreCPythonsRuntimeErrors() {
        try (Interpreters runtime = new Interpreters(); Interpreter py = runtime.create(Language.PYTHON)) {
            py.exec("""
                    from interpreters import channels
                    import interpreters
                    names = [c.__name__ for c in (channels.ChannelError, channels.ChannelNotFoundError, channels.ChannelEmptyError,
                                                  channels.ChannelClosedError, channels.ChannelNotEmptyError)]
                    runtime_errors = all(issubclass(c, RuntimeError) and issubclass(c, channels.ChannelError)
                                         for c in (channels.ChannelNotFoundError, channels.ChannelEmptyError, channels.ChannelClosedError))
                    r, s = channels.create()
                    shown = [repr(r), repr(s), r.__class__.__module__]
                    try:
                        r.recv(timeout=-1)
                    except ValueError as e:
                        negative = str(e)
                    """);
            assertEquals(5, py.getMainAttr("names").size());
            assertTrue(py.getMainAttr("runtime_errors").asBoolean());
            assertTrue(py.getMainAttr("shown").get(0).asText().matches("RecvChannel\\(id=\\d+\\)"), py.getMainAttr("shown").toString());
            assertEquals("interpreters.channels", py.getMainAttr("shown").get(2).asText());
            assertEquals("timeout value must be non-negative", py.getMainAttr("negative").asText());
        }
    }

    @Test
    void anEndIsFoundByItsIdAndPicklesByIt() {
        try (Interpreters runtime = new Interpreters(); Interpreter py = runtime.create(Language.PYTHON)) {
            py.exec("""
                    import pickle
                    from interpreters import channels
                    r, s = channels.create()
                    seen = [channels.RecvChannel(r.id) is r, channels.SendChannel(s.id) is s,
                            pickle.loads(pickle.dumps(r)) is r, pickle.loads(pickle.dumps(s)) is s]
                    try:
                        channels.RecvChannel(2 ** 40)
                    except channels.ChannelNotFoundError as e:
                        seen.append(str(e))
                    """);
            assertEquals("[true,true,true,true,\"channel 1099511627776 not found\"]", py.getMainAttr("seen").toString());
        }
    }

    @Test
    void aFamilyInAWorkerMakesChannelsOfItsOwn() throws Exception {
        try (Interpreters runtime = new Interpreters(PolicyLoader.load(Path.of("..", "test-fixtures", "policies", "process-128m.json")));
             Interpreter py = runtime.create(Language.PYTHON)) {
            py.exec("""
                    import interpreters
                    from interpreters import channels
                    rch, sch = channels.create()
                    child = interpreters.create()
                    child.prepare_main(sch=sch)
                    child.exec("sch.send_nowait('from the child')")
                    got = rch.recv(timeout=10)
                    listed = len(channels.list_all())
                    """);
            assertEquals("from the child", py.getMainAttr("got").asText());
            assertEquals(1, py.getMainAttr("listed").asInt());
            assertEquals(List.of(), runtime.listChannels(), "the family's channel stays in its worker");
        }
    }
}
