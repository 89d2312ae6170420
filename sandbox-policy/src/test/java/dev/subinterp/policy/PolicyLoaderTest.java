package dev.subinterp.policy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PolicyLoaderTest {

    @Test
    void everyPresetLoads() {
        for (String name : PolicyLoader.PRESETS) {
            assertEquals(name, PolicyLoader.preset(name).name());
        }
        SandboxPolicy strict = PolicyLoader.preset("strict");
        assertFalse(strict.threads());
        assertEquals(Optional.of(Duration.ofSeconds(10)), strict.timeLimitPerCall());
        assertEquals(FileAccess.READ_WRITE, PolicyLoader.preset("trusted").fileAccess());
    }

    @Test
    void aFileOverridesTheDefaultPolicyKeyByKey(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("p.json"), "{\"languages\": [\"js\"], \"timeLimitPerCall\": \"250ms\"}");
        SandboxPolicy policy = PolicyLoader.presetOrFile(file.toString());
        assertTrue(policy.allowsLanguage("js"));
        assertFalse(policy.allowsLanguage("python"));
        assertEquals(Optional.of(Duration.ofMillis(250)), policy.timeLimitPerCall());
        assertEquals(PolicyLoader.defaultPolicy().fileAccess(), policy.fileAccess());
    }

    @Test
    void anUnknownKeyIsRefusedWithItsPath() {
        PolicyException e = assertThrows(PolicyException.class, () -> PolicyLoader.parse("x.json", "{\"thredas\": true}", null));
        assertEquals("$.thredas", e.jsonPath());
        assertTrue(e.getMessage().startsWith("x.json: $.thredas: unknown key"), e.getMessage());
    }

    @Test
    void wrongTypesAndValuesNameThePathAndWhatIsAllowed() {
        PolicyException lang = assertThrows(PolicyException.class,
                () -> PolicyLoader.parse("p.json", "{\"languages\": [\"python\", \"ruby\"]}", PolicyLoader.defaultPolicy()));
        assertEquals("$.languages[1]", lang.jsonPath());
        PolicyException files = assertThrows(PolicyException.class,
                () -> PolicyLoader.parse("p.json", "{\"fileAccess\": \"rw\"}", PolicyLoader.defaultPolicy()));
        assertTrue(files.getMessage().contains("none, read-only, read-write"), files.getMessage());
        PolicyException time = assertThrows(PolicyException.class,
                () -> PolicyLoader.parse("p.json", "{\"timeLimitPerCall\": \"soon\"}", PolicyLoader.defaultPolicy()));
        assertEquals("$.timeLimitPerCall", time.jsonPath());
    }

    @Test
    void brokenJsonNamesTheLine() {
        PolicyException e = assertThrows(PolicyException.class, () -> PolicyLoader.parse("p.json", "{\n\"threads\": tru }", null));
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    }

    @Test
    void anUnknownNameIsNeitherPresetNorFile() {
        PolicyException e = assertThrows(PolicyException.class, () -> PolicyLoader.presetOrFile("lenient"));
        assertTrue(e.getMessage().contains("trusted, default, strict"), e.getMessage());
    }

    @Test
    void durationsReadAsWritten() {
        assertEquals(Duration.ofMillis(500), Durations.parse("500ms"));
        assertEquals(Duration.ofSeconds(2), Durations.parse("2s"));
        assertEquals(Duration.ofMinutes(1), Durations.parse("1m"));
        assertEquals("1m", Durations.format(Duration.ofSeconds(60)));
        assertThrows(IllegalArgumentException.class, () -> Durations.parse("2 seconds"));
    }
}
