package dev.subinterp.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
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

    /** A plugin directory {@code dir/name} whose manifest runs {@code entry} under {@code strict} and exports {@code leak}. */
    private static Path strictPlugin(Path dir, String name, String entry) throws IOException {
        Path plugin = Files.createDirectories(dir.resolve(name));
        Files.writeString(plugin.resolve("plugin.json"), """
                {"name": "%s", "language": "python", "entry": "%s", "exports": ["leak"], "policy": "strict"}
                """.formatted(name, entry));
        return plugin;
    }

    @Test
    void anEntryThatLinksOutOfThePluginDirectoryIsRefusedByName(@TempDir Path dir) throws IOException {
        Path toPasswd = strictPlugin(dir, "passwd", "e.py");
        Files.createSymbolicLink(toPasswd.resolve("e.py"), Path.of("/etc/passwd"));
        RunnerCliTest.Run passwd = runner("plugin", "call", toPasswd.toString(), "leak");
        assertEquals(2, passwd.exitCode(), passwd.stderr());
        assertTrue(passwd.stderr().contains("$.entry: \"e.py\" leads out of the plugin directory")
                && passwd.stderr().contains(toPasswd.resolve("e.py") + " is a symbolic link to /etc/passwd"), passwd.stderr());
        assertTrue(!passwd.stderr().contains("root:"), "nothing of the file is shown: " + passwd.stderr());

        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.writeString(outside.resolve("evil.py"), "def leak():\n    return 'ESCAPED'\n");
        Path toSibling = strictPlugin(dir, "sibling", "lib/evil.py");
        Files.createSymbolicLink(toSibling.resolve("lib"), Path.of("../outside"));
        RunnerCliTest.Run sibling = runner("plugin", "call", toSibling.toString(), "leak");
        assertEquals(2, sibling.exitCode(), sibling.stdout() + sibling.stderr());
        assertTrue(sibling.stderr().contains(toSibling.resolve("lib") + " is a symbolic link to " + outside.toRealPath().resolve("evil.py")),
                sibling.stderr());
        assertTrue(!sibling.stdout().contains("ESCAPED"), sibling.stdout());
    }

    @Test
    void aLinkInsideThePluginDirectoryStaysUsable(@TempDir Path dir) throws IOException {
        Path plugin = strictPlugin(dir, "inside", "main.py");
        Files.writeString(plugin.resolve("real.py"), "def leak():\n    return 'nothing'\n");
        Files.createSymbolicLink(plugin.resolve("main.py"), Path.of("real.py"));
        RunnerCliTest.Run run = runner("plugin", "call", plugin.toString(), "leak");
        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals("\"nothing\"", run.stdout().strip());
    }

    @Test
    void aPolicyRootThatLinksOutOfThePluginDirectoryIsRefused(@TempDir Path dir) throws IOException {
        Path plugin = Files.createDirectories(dir.resolve("rooted"));
        Files.writeString(plugin.resolve("main.py"), "def leak():\n    return open('data/passwd').read()\n");
        Files.createSymbolicLink(plugin.resolve("data"), Path.of("/etc"));
        Files.writeString(plugin.resolve("plugin.json"), """
                {"name": "rooted", "language": "python", "entry": "main.py", "exports": ["leak"],
                 "policy": {"files": {"access": "read-only", "roots": ["data"]}}}
                """);
        RunnerCliTest.Run run = runner("plugin", "call", plugin.toString(), "leak");
        assertEquals(2, run.exitCode(), run.stdout() + run.stderr());
        assertTrue(run.stderr().contains("$.policy.files.roots: the root " + plugin.toAbsolutePath().resolve("data")
                + " leads out of the plugin directory"), run.stderr());
    }

    @Test
    void aStrictPluginCannotSignalTheHostProcess(@TempDir Path dir) throws IOException {
        Path plugin = strictPlugin(dir, "terminator", "main.py");
        Files.writeString(plugin.resolve("main.py"), "import signal\n\ndef leak():\n    signal.raise_signal(signal.SIGTERM)\n");
        RunnerCliTest.Run run = runner("plugin", "call", plugin.toString(), "leak");
        assertEquals(1, run.exitCode(), run.stderr());
        assertTrue(run.stderr().contains("PermissionError: signal.raise_signal() is not allowed by the sandbox policy"), run.stderr());
    }
}
