package dev.subinterp.internal.sandbox;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OutputBudgetTest {

    @Test
    void stdoutAndStderrShareOneBudgetAndWhatFitsIsWritten() throws IOException {
        AtomicInteger alarms = new AtomicInteger();
        OutputBudget budget = new OutputBudget(10, alarms::incrementAndGet);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        OutputStream guestOut = budget.wrap(out);
        OutputStream guestErr = budget.wrap(err);
        guestOut.write("12345".getBytes());
        guestErr.write("678".getBytes());
        guestOut.write("abcdef".getBytes());
        assertEquals("12345ab", out.toString(), "what fits is written, the rest dropped");
        assertEquals("678", err.toString());
        guestErr.write('z');
        assertEquals("678", err.toString());
        assertEquals(1, alarms.get(), "the runtime is told once per call");
        assertTrue(budget.exceeded());
    }

    @Test
    void eachCallStartsWithAFullBudget() throws IOException {
        OutputBudget budget = new OutputBudget(4, () -> { });
        OutputStream out = budget.wrap(OutputStream.nullOutputStream());
        out.write("1234".getBytes());
        budget.reset();
        assertFalse(budget.exceeded());
        out.write("1234".getBytes());
        assertFalse(budget.exceeded());
        out.write('5');
        assertTrue(budget.exceeded());
    }
}
