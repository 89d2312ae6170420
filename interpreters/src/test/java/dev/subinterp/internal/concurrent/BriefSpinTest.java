package dev.subinterp.internal.concurrent;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The short spin before a thread parks: it sees a hand-off, and gives up on its own. */
class BriefSpinTest {
    @Test
    void seesWhatIsReadyAtOnceAndWhatAnotherThreadMakesReady() throws InterruptedException {
        assertTrue(BriefSpin.until(() -> true));
        AtomicBoolean handedOver = new AtomicBoolean();
        Thread other = Thread.ofPlatform().start(() -> handedOver.set(true));
        other.join();
        assertTrue(BriefSpin.until(handedOver::get));
    }

    @Test
    void givesUpWhenNothingComesSoThatTheCallerParks() {
        assertFalse(BriefSpin.until(() -> false));
    }

    @Test
    void anInterruptedThreadStopsSpinningAndKeepsItsInterrupt() {
        Thread.currentThread().interrupt();
        try {
            assertFalse(BriefSpin.until(() -> false));
            assertTrue(Thread.currentThread().isInterrupted(), "the blocking wait that follows must see the interrupt");
        } finally {
            Thread.interrupted();
        }
    }
}
