package dev.subinterp.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code runner demo} (what {@code make demo} runs) on the fixtures in test-fixtures/demo. */
class DemoCommandTest {
    @Test
    void theDemoShowsJsonCrossingAndCaughtGuestErrors() {
        RunnerCliTest.Run run = RunnerCliTest.runner("demo", "../test-fixtures/demo");
        assertEquals(0, run.exitCode(), run.stderr());
        String out = run.stdout();
        assertTrue(out.contains("-> {\"words\":5,\"longest\":\"interpreter\""), out);
        assertTrue(out.contains("-> 5 words; the longest is \"interpreter\""), out);
        assertTrue(out.contains("JavaScript cannot see Python's globals"), out);
        assertTrue(out.contains("TypeError: summarize() wants a list of words, not int"), out);
        assertTrue(out.contains("RangeError at ../test-fixtures/demo/report.js:10"), out);
        assertTrue(out.contains("$: function is not shareable"), out);
    }
}
