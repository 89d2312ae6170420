package dev.subinterp.interpreter;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Running interpreter-only is said once, in one line, unless turned off (end to end: examples/embedding's MainTest). */
class InterpreterOnlyNoticeTest {
    @Test
    void saidOnceWhenTheJitIsOffAndNeverWhenOnOrTurnedOff() {
        ByteArrayOutputStream said = new ByteArrayOutputStream();
        InterpreterOnlyNotice notice = new InterpreterOnlyNotice(new PrintStream(said, true, StandardCharsets.UTF_8));
        notice.sayIfNeeded(true, null);
        assertEquals("", said.toString(StandardCharsets.UTF_8), "the JIT is on");
        notice.sayIfNeeded(false, null);
        notice.sayIfNeeded(false, null);
        assertEquals(InterpreterOnlyNotice.TEXT + System.lineSeparator(), said.toString(StandardCharsets.UTF_8));

        ByteArrayOutputStream quiet = new ByteArrayOutputStream();
        new InterpreterOnlyNotice(new PrintStream(quiet, true, StandardCharsets.UTF_8)).sayIfNeeded(false, "false");
        assertEquals("", quiet.toString(StandardCharsets.UTF_8), "-Dpolyglot.engine.WarnInterpreterOnly=false");
    }
}
