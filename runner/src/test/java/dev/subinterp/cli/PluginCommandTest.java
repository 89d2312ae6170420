package dev.subinterp.cli;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static dev.subinterp.cli.RunnerCliTest.runner;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code runner plugin call DIR FUNCTION [JSON]}. */
class PluginCommandTest {
    private static String plugin(String name) {
        return Path.of("..", "test-fixtures", "plugins", name).toString();
    }

    @Test
    void printsTheResultAsJson() {
        RunnerCliTest.Run run = runner("plugin", "call", "--host-function", "exchange_rate=1.5", plugin("greeter"), "greet", "[\"shell\"]");
        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals("\"Hello, shell!\"", run.stdout().strip());
        RunnerCliTest.Run price = runner("plugin", "call", "--host-function", "exchange_rate=1.5", plugin("wordstats"), "convert", "[10, \"USD\"]");
        assertEquals(0, price.exitCode(), price.stderr());
        assertEquals("15.0", price.stdout().strip());
    }

    @Test
    void exitCodesFollowExec() {
        RunnerCliTest.Run without = runner("plugin", "call", plugin("greeter"), "greet", "[\"shell\"]");
        assertEquals(0, without.exitCode(), "functions that need no host function work without stand-ins: " + without.stderr());
        RunnerCliTest.Run missing = runner("plugin", "call", plugin("greeter"), "price", "[1, \"USD\"]");
        assertEquals(1, missing.exitCode(), missing.stderr());
        assertTrue(missing.stderr().contains("--host-function exchange_rate=JSON"), missing.stderr());

        RunnerCliTest.Run raised = runner("plugin", "call", "--host-function", "exchange_rate=1", plugin("wordstats"), "read_passwd");
        assertEquals(1, raised.exitCode(), raised.stderr());
        assertTrue(raised.stderr().contains("Traceback"), raised.stderr());

        RunnerCliTest.Run spin = runner("plugin", "call", "--host-function", "exchange_rate=1", plugin("wordstats"), "spin");
        assertEquals(124, spin.exitCode(), spin.stderr());

        RunnerCliTest.Run badManifest = runner("plugin", "call", plugin("broken-manifest"), "f");
        assertEquals(2, badManifest.exitCode());
        assertTrue(badManifest.stderr().contains("$.poolSize"), badManifest.stderr());

        RunnerCliTest.Run notExported = runner("plugin", "call", "--host-function", "exchange_rate=1", plugin("greeter"), "nope");
        assertEquals(2, notExported.exitCode());

        RunnerCliTest.Run badJson = runner("plugin", "call", plugin("greeter"), "greet", "[oops");
        assertEquals(2, badJson.exitCode());
    }
}
