package dev.subinterp.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static dev.subinterp.cli.RunnerCliTest.runner;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code runner policy show|check}, and policies applied by {@code runner exec --policy}. */
class PolicyCommandTest {
    private static final Path POLICIES = Path.of("..", "test-fixtures", "policies");

    private static String policy(String name) {
        return POLICIES.resolve(name).toString();
    }

    @Test
    void showPrintsTheEffectivePolicyWithEveryKey() throws Exception {
        RunnerCliTest.Run run = runner("policy", "show", "strict");
        assertEquals(0, run.exitCode(), run.stderr());
        JsonNode strict = new ObjectMapper().readTree(run.stdout());
        assertEquals("none", strict.at("/files/access").asText());
        assertEquals(1 << 20, strict.at("/limits/outputBytes").asInt());
        assertEquals("10s", strict.at("/limits/timePerCall").asText());
        assertEquals(64, strict.at("/limits/interpreters").asInt());
        assertTrue(strict.at("/threads").isBoolean() && !strict.at("/threads").asBoolean());
        assertEquals("process", strict.at("/isolation").asText());
        assertEquals(512L << 20, strict.at("/limits/memory").asLong());

        RunnerCliTest.Run standard = runner("policy", "show", "default");
        assertEquals(0, standard.exitCode(), standard.stderr());
        JsonNode shown = new ObjectMapper().readTree(standard.stdout());
        assertEquals("context", shown.at("/isolation").asText());
        assertTrue(shown.at("/limits/memory").isNull(), standard.stdout());
    }

    @Test
    void showFillsWhatAFileLeavesOutFromItsBase() throws Exception {
        RunnerCliTest.Run run = runner("policy", "show", policy("plugin.json"));
        assertEquals(0, run.exitCode(), run.stderr());
        JsonNode shown = new ObjectMapper().readTree(run.stdout());
        assertEquals("2s", shown.at("/limits/timePerCall").asText());
        assertEquals(65536, shown.at("/limits/outputBytes").asInt());
        assertEquals(64, shown.at("/limits/interpreters").asInt(), "from strict");
        assertEquals(POLICIES.resolve("data").toAbsolutePath().normalize().toString(), shown.at("/files/roots/1").asText());
    }

    @Test
    void checkAcceptsAGoodFileAndRefusesBadOnesNamingFileAndPath() {
        RunnerCliTest.Run good = runner("policy", "check", policy("plugin.json"));
        assertEquals(0, good.exitCode(), good.stderr());
        assertTrue(good.stdout().contains("valid") && good.stdout().contains("isolation process"), good.stdout());

        RunnerCliTest.Run unknown = runner("policy", "check", policy("unknown-key.json"));
        assertEquals(2, unknown.exitCode());
        assertTrue(unknown.stderr().contains("unknown-key.json: $.limits.cpuTime: unknown key"), unknown.stderr());

        RunnerCliTest.Run enterprise = runner("policy", "check", policy("enterprise.json"));
        assertEquals(2, enterprise.exitCode());
        assertTrue(enterprise.stderr().contains("$.sandbox: refused") && enterprise.stderr().contains("Oracle GraalVM"), enterprise.stderr());

        RunnerCliTest.Run python = runner("policy", "check", policy("python-statements.json"));
        assertEquals(2, python.exitCode());
        assertTrue(python.stderr().contains("$.limits.statementsPerCall.python: refused: GraalPy"), python.stderr());

        RunnerCliTest.Run memory = runner("policy", "check", policy("memory-without-process.json"));
        assertEquals(2, memory.exitCode());
        assertTrue(memory.stderr().contains("memory-without-process.json: $.limits.memory: needs \"isolation\": \"process\""),
                memory.stderr());
    }

    @Test
    void execAppliesThePolicyAndExits125AtTheOutputLimit() {
        RunnerCliTest.Run flood = runner("exec", "--policy", policy("tiny-output.json"), "--lang", "js", "-c", "for (;;) print('flood');");
        assertEquals(125, flood.exitCode(), flood.stderr());
        assertTrue(flood.stdout().length() <= 100, "no more than the limit reached stdout: " + flood.stdout().length());
        assertTrue(flood.stderr().contains("limits.outputBytes"), flood.stderr());

        RunnerCliTest.Run refused = runner("exec", "--policy", policy("enterprise.json"), "--lang", "js", "-c", "1");
        assertEquals(2, refused.exitCode());
    }
}
