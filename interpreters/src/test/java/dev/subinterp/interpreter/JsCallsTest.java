package dev.subinterp.interpreter;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A JS guest calls another interpreter as a Python guest does: with a plain function (it crosses as
 * its source) and in a thread ({@code callInThread}, joined later or awaited).
 */
class JsCallsTest {
    @Test
    void aPlainFunctionCrossesAsItsSourceAndSeesTheTargetsGlobals() {
        try (Interpreters runtime = new Interpreters(); Interpreter js = runtime.create(Language.JS)) {
            js.exec("""
                    const other = interpreters.create();
                    other.exec('var factor = 10;');
                    const scaled = other.call((xs) => xs.map(x => x * factor), [1, 2, 3]);
                    const named = other.call(function add(a, b) { return a + b; }, 2, 3);
                    let builtIn, intoPython;
                    try { other.call(Math.max, 1, 2); } catch (e) { builtIn = e.name; }
                    try { interpreters.create('python').call((x) => x, 1); } catch (e) { intoPython = e.message; }
                    var seen = [scaled, named, builtIn, intoPython];
                    """);
            assertEquals("[[10,20,30],5,\"NotShareableError\",\"a JavaScript function cannot run in a python interpreter: "
                    + "pass the name of a function defined there\"]", js.getMainAttr("seen").toString());
        }
    }

    @Test
    void callInThreadReturnsAtOnceAndJoinGivesTheResultOrTheError() {
        try (Interpreters runtime = new Interpreters(); Interpreter js = runtime.create(Language.JS)) {
            js.exec("""
                    const py = interpreters.create('python');
                    py.exec('import time\\ndef slow(x):\\n    time.sleep(0.3)\\n    return x * 2\\ndef fail():\\n    raise KeyError("k")');
                    const call = py.callInThread('slow', 21);
                    const early = call.done();
                    const result = call.join();
                    let error;
                    const failing = py.callInThread('fail');
                    try { failing.join(); } catch (e) { error = [e.name, e.excinfo.type.__name__]; }
                    try { failing.join(); } catch (e) { error.push(e.name, failing.done()); }   // the same error again
                    var seen = [early, result, call.done(), call.join(), error];
                    var awaited;
                    (async () => { awaited = await py.callInThread('slow', 1); })();
                    """);
            assertEquals("[false,42,true,42,[\"ExecutionFailed\",\"KeyError\",\"ExecutionFailed\",true]]", js.getMainAttr("seen").toString());
            assertEquals(2, js.getMainAttr("awaited").asInt(), "the handle is a thenable");
        }
    }

    @Test
    void aCallInThreadLetsTheCallerWorkMeanwhile() {
        try (Interpreters runtime = new Interpreters(); Interpreter js = runtime.create(Language.JS)) {
            js.exec("""
                    const other = interpreters.create();
                    other.exec('function spin(ms) { const end = Date.now() + ms; let n = 0; while (Date.now() < end) n++; return n > 0; }');
                    const call = other.callInThread('spin', 300);
                    let mine = 0;
                    while (!call.done()) mine++;
                    var seen = [call.join(), mine > 0];
                    """);
            assertTrue(js.getMainAttr("seen").get(0).asBoolean());
            assertTrue(js.getMainAttr("seen").get(1).asBoolean(), "the caller ran while the other interpreter worked");
        }
    }
}
