package dev.subinterp.policy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PolicyLoaderTest {

    @Test
    void thePresetsSayWhatTheirNamesPromise() {
        SandboxPolicy trusted = PolicyLoader.preset("trusted");
        assertEquals(HostAccessLevel.ALL, trusted.hostAccess());
        assertTrue(trusted.allowsHostClass("java.lang.System"));
        assertEquals(FileAccess.READ_WRITE, trusted.fileAccess());
        assertTrue(trusted.processes() && trusted.nativeAccess() && trusted.polyglotEval() && trusted.inheritsEnvironment());

        SandboxPolicy standard = PolicyLoader.defaultPolicy();
        assertEquals(HostAccessLevel.NONE, standard.hostAccess());
        assertFalse(standard.allowsHostClass("java.lang.System"));
        assertEquals(new FilePolicy(FileAccess.READ_ONLY, List.of(FilePolicy.SCRIPT_DIR)), standard.files());
        assertTrue(standard.environment().isEmpty());
        assertTrue(standard.threads());
        assertTrue(standard.limits().threads().isPresent(), "default caps guest threads");
        assertFalse(standard.processes() || standard.nativeAccess() || standard.polyglotEval());

        SandboxPolicy strict = PolicyLoader.preset("strict");
        assertEquals(FileAccess.NONE, strict.fileAccess());
        assertFalse(strict.threads());
        assertEquals(Optional.of(Duration.ofSeconds(10)), strict.timeLimitPerCall());
        assertEquals(Optional.of(1L << 20), strict.limits().outputBytes());
        assertEquals(Optional.of(64), strict.limits().interpreters());
        assertEquals(Optional.of(10_000_000L), strict.limits().statementsPerCall("js"));
        assertEquals(Optional.empty(), strict.limits().statementsPerCall("python"));
    }

    @Test
    void strictRunsEachFamilyInAWorkerJvmWithALimitedHeapTheOthersInTheCallersJvm() {
        SandboxPolicy strict = PolicyLoader.preset("strict");
        assertEquals(Isolation.PROCESS, strict.isolation());
        assertTrue(strict.processIsolated());
        assertEquals(Optional.of(512L << 20), strict.limits().memory());

        for (String name : List.of("default", "trusted")) {
            SandboxPolicy policy = PolicyLoader.preset(name);
            assertEquals(Isolation.CONTEXT, policy.isolation(), name);
            assertFalse(policy.processIsolated(), name);
            assertEquals(Optional.empty(), policy.limits().memory(), name);
        }
    }

    @Test
    void aMemoryLimitComesWithProcessIsolation() {
        SandboxPolicy own = PolicyLoader.parse("p.json", "{\"isolation\": \"process\", \"limits\": {\"memory\": \"2GiB\"}}");
        assertTrue(own.processIsolated());
        assertEquals(Optional.of(2L << 30), own.limits().memory());
        SandboxPolicy fromStrict = PolicyLoader.parse("p.json", "{\"extends\": \"strict\", \"limits\": {\"memory\": 134217728}}");
        assertTrue(fromStrict.processIsolated(), "isolation comes from strict");
        assertEquals(Optional.of(128L << 20), fromStrict.limits().memory());
        SandboxPolicy inProcess = PolicyLoader.parse("p.json", "{\"extends\": \"strict\", \"isolation\": \"context\", \"limits\": {\"memory\": null}}");
        assertEquals(Isolation.CONTEXT, inProcess.isolation());
        assertEquals(Optional.empty(), inProcess.limits().memory());
    }

    @Test
    void aMemoryLimitWithoutProcessIsolationIsRefusedWithTheReason() {
        for (String doc : List.of("{\"limits\": {\"memory\": \"1GiB\"}}",
                "{\"isolation\": \"context\", \"limits\": {\"memory\": \"1GiB\"}}",
                "{\"extends\": \"trusted\", \"limits\": {\"memory\": \"1GiB\"}}")) {
            PolicyException e = assertThrows(PolicyException.class, () -> PolicyLoader.parse("p.json", doc), doc);
            assertEquals("$.limits.memory", e.jsonPath(), e.getMessage());
            assertTrue(e.getMessage().contains("needs \"isolation\": \"process\"")
                    && e.getMessage().contains("GraalVM Community cannot limit the memory of a Context"), e.getMessage());
        }
        // strict's own limit does not follow a document that asks for context isolation
        PolicyException inherited = assertThrows(PolicyException.class,
                () -> PolicyLoader.parse("p.json", "{\"extends\": \"strict\", \"isolation\": \"context\"}"));
        assertEquals("$.limits.memory", inherited.jsonPath());
        assertTrue(inherited.getMessage().contains("comes from strict") && inherited.getMessage().contains("\"memory\": null"),
                inherited.getMessage());
    }

    @Test
    void aMemoryLimitHasAMinimum() {
        PolicyException e = assertThrows(PolicyException.class,
                () -> PolicyLoader.parse("p.json", "{\"isolation\": \"process\", \"limits\": {\"memory\": \"32MiB\"}}"));
        assertEquals("$.limits.memory", e.jsonPath());
        assertTrue(e.getMessage().contains("minimum, 64MiB"), e.getMessage());
        assertEquals(Optional.of(Limits.MIN_MEMORY), PolicyLoader.parse("p.json",
                "{\"isolation\": \"process\", \"limits\": {\"memory\": \"64MiB\"}}").limits().memory());
    }

    @Test
    void anUnknownIsolationIsRefusedNamingTheChoices() {
        PolicyException e = assertThrows(PolicyException.class, () -> PolicyLoader.parse("p.json", "{\"isolation\": \"thread\"}"));
        assertEquals("$.isolation", e.jsonPath());
        assertTrue(e.getMessage().endsWith("$.isolation: \"thread\" is not one of context, process"), e.getMessage());
    }

    @Test
    void aFileOverridesItsBaseKeyByKeyNestedObjectsToo(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("p.json"), """
                {"extends": "strict", "languages": ["js"], "limits": {"timePerCall": "250ms", "outputBytes": "2KiB"}}
                """);
        SandboxPolicy policy = PolicyLoader.presetOrFile(file.toString());
        assertEquals(file.toString(), policy.name());
        assertFalse(policy.allowsLanguage("python"));
        assertEquals(Optional.of(Duration.ofMillis(250)), policy.timeLimitPerCall());
        assertEquals(Optional.of(2048L), policy.limits().outputBytes());
        assertEquals(Optional.of(64), policy.limits().interpreters(), "the rest of limits comes from strict");
        assertFalse(policy.threads());
    }

    @Test
    void withoutExtendsTheBaseIsTheDefaultPreset() {
        SandboxPolicy policy = PolicyLoader.parse("p.json", "{\"threads\": false}");
        assertFalse(policy.threads());
        assertEquals(PolicyLoader.defaultPolicy().files(), policy.files());
    }

    @Test
    void relativeRootsAreResolvedAgainstThePolicyFile(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("p.json"),
                "{\"files\": {\"access\": \"read-write\", \"roots\": [\"data\", \"${scriptDir}\"]}}");
        SandboxPolicy policy = PolicyLoader.load(file);
        assertEquals(List.of(dir.resolve("data").toAbsolutePath().toString(), FilePolicy.SCRIPT_DIR), policy.files().roots());
        assertEquals(List.of(dir.resolve("data").toAbsolutePath(), Path.of("/work")),
                policy.files().resolveRoots(Path.of("/work")));
    }

    @Test
    void packageDirectoriesAreNamedLikeRootsAndStrictNamesNone(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("p.json"), "{\"extends\": \"strict\", \"packages\": [\"vendor/py\"]}");
        SandboxPolicy policy = PolicyLoader.load(file);
        assertEquals(Optional.of(List.of(dir.resolve("vendor/py").toAbsolutePath().toString())), policy.packages());
        assertTrue(policy.allowsPackages(dir.resolve("vendor/py/more").toAbsolutePath()));
        assertFalse(policy.allowsPackages(dir.resolve("vendor").toAbsolutePath()));
        assertEquals(Optional.of(List.of()), PolicyLoader.preset("strict").packages());
        assertTrue(PolicyLoader.defaultPolicy().allowsPackages(Path.of("/anywhere")));
        assertEquals(policy.packages(), PolicyLoader.parse("again", PolicyJson.toText(policy)).packages(), "policy show prints them back");
        PolicyException scriptDir = assertThrows(PolicyException.class,
                () -> PolicyLoader.parse("x.json", "{\"packages\": [\"${scriptDir}\"]}"));
        assertEquals("$.packages[0]", scriptDir.jsonPath());
        PolicyException notArray = assertThrows(PolicyException.class, () -> PolicyLoader.parse("x.json", "{\"packages\": \"py\"}"));
        assertEquals("$.packages", notArray.jsonPath());
    }

    @Test
    void anUnknownKeyIsRefusedWithItsPath() {
        PolicyException top = assertThrows(PolicyException.class, () -> PolicyLoader.parse("x.json", "{\"thredas\": true}"));
        assertEquals("$.thredas", top.jsonPath());
        assertTrue(top.getMessage().startsWith("x.json: $.thredas: unknown key"), top.getMessage());
        PolicyException nested = assertThrows(PolicyException.class,
                () -> PolicyLoader.parse("x.json", "{\"limits\": {\"cpu\": \"1s\"}}"));
        assertEquals("$.limits.cpu", nested.jsonPath());
        assertTrue(nested.getMessage().contains("timePerCall"), nested.getMessage());
    }

    @Test
    void enterpriseOnlySettingsAreRefusedAsSuch() {
        for (String doc : List.of("{\"sandbox\": \"UNTRUSTED\"}", "{\"sandbox\": \"ISOLATED\"}",
                "{\"limits\": {\"sandbox.MaxHeapMemory\": \"100MB\"}}", "{\"sandbox.MaxCPUTime\": \"1s\"}",
                "{\"engine.SpawnIsolate\": true}")) {
            PolicyException e = assertThrows(PolicyException.class, () -> PolicyLoader.parse("e.json", doc), doc);
            assertTrue(e.getMessage().contains("refused") && e.getMessage().contains("Oracle GraalVM"), e.getMessage());
        }
        PolicyException heap = assertThrows(PolicyException.class,
                () -> PolicyLoader.parse("e.json", "{\"limits\": {\"sandbox.MaxHeapMemory\": \"1GB\"}}"));
        assertTrue(heap.getMessage().contains("cannot be hard-limited"), heap.getMessage());
        PolicyException memory = assertThrows(PolicyException.class, () -> PolicyLoader.parse("e.json", "{\"memory\": \"1GiB\"}"));
        assertEquals("$.memory", memory.jsonPath(), "a top-level memory is not limits.memory");
        assertTrue(memory.getMessage().contains("limits.memory limits a worker JVM's heap"), memory.getMessage());
    }

    @Test
    void aPythonStatementLimitIsRefusedWithTheReason() {
        PolicyException e = assertThrows(PolicyException.class, () -> PolicyLoader.parse("p.json",
                "{\"limits\": {\"statementsPerCall\": {\"python\": 1000}}}"));
        assertEquals("$.limits.statementsPerCall.python", e.jsonPath());
        assertTrue(e.getMessage().contains("GraalPy"), e.getMessage());
        PolicyException bare = assertThrows(PolicyException.class, () -> PolicyLoader.parse("p.json",
                "{\"limits\": {\"statementsPerCall\": 1000}}"));
        assertTrue(bare.getMessage().contains("{\"js\": 10000000}"), bare.getMessage());
    }

    @Test
    void wrongTypesAndImpossibleValuesNameThePathAndWhatIsAllowed() {
        Map<String, String> cases = Map.of(
                "{\"languages\": [\"python\", \"ruby\"]}", "$.languages[1]",
                "{\"files\": {\"access\": \"rw\"}}", "$.files.access",
                "{\"files\": {\"access\": \"read-only\", \"roots\": []}}", "$.files.roots",
                "{\"files\": {\"roots\": [\"${home}\"]}}", "$.files.roots[0]",
                "{\"limits\": {\"timePerCall\": \"soon\"}}", "$.limits.timePerCall",
                "{\"limits\": {\"interpreters\": 0}}", "$.limits.interpreters",
                "{\"limits\": {\"outputBytes\": \"1 MB\"}}", "$.limits.outputBytes",
                "{\"hostAccess\": true}", "$.hostAccess",
                "{\"environment\": [\"PATH\", \"not a name\"]}", "$.environment[1]",
                "{\"extends\": \"lenient\"}", "$.extends");
        cases.forEach((doc, path) -> {
            PolicyException e = assertThrows(PolicyException.class, () -> PolicyLoader.parse("p.json", doc), doc);
            assertEquals(path, e.jsonPath(), e.getMessage());
        });
        PolicyException files = assertThrows(PolicyException.class,
                () -> PolicyLoader.parse("p.json", "{\"files\": {\"access\": \"rw\"}}"));
        assertTrue(files.getMessage().contains("none, read-only, read-write"), files.getMessage());
    }

    @Test
    void brokenJsonNamesTheLine() {
        PolicyException e = assertThrows(PolicyException.class, () -> PolicyLoader.parse("p.json", "{\n\"threads\": tru }"));
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    }

    @Test
    void anUnknownNameIsNeitherPresetNorFile() {
        PolicyException e = assertThrows(PolicyException.class, () -> PolicyLoader.presetOrFile("lenient"));
        assertTrue(e.getMessage().contains("trusted, default, strict"), e.getMessage());
    }

    @Test
    void theEffectivePolicyPrintsAsJsonThatLoadsBackEqual() {
        for (String name : PolicyLoader.PRESETS) {
            SandboxPolicy preset = PolicyLoader.preset(name);
            SandboxPolicy again = PolicyLoader.parse(name, PolicyJson.toText(preset));
            assertEquals(preset, again, name);
        }
        String strict = PolicyJson.toText(PolicyLoader.preset("strict"));
        assertTrue(strict.contains("\"isolation\" : \"process\""), strict);
        assertTrue(strict.contains("\"memory\" : 536870912"), strict);
        SandboxPolicy custom = PolicyLoader.parse("p.json", "{\"isolation\": \"process\", \"limits\": {\"memory\": \"1GiB\"}}");
        assertEquals(custom, PolicyLoader.parse("p.json", PolicyJson.toText(custom)));
    }

    @Test
    void classPatternsMatchExactNamesAndPackages() {
        SandboxPolicy policy = PolicyLoader.parse("p.json", "{\"hostClasses\": [\"java.util.ArrayList\", \"java.time.*\"]}");
        assertTrue(policy.allowsHostClass("java.util.ArrayList"));
        assertTrue(policy.allowsHostClass("java.time.Instant"));
        assertFalse(policy.allowsHostClass("java.util.HashMap"));
        assertFalse(policy.allowsHostClass("java.timex.Thing"));
        assertFalse(policy.allowsHostClass("java.time.format.DateTimeFormatter"), "subpackages are not included");
    }

    @Test
    void sizesAndDurationsReadAsWritten() {
        assertEquals(4096, ByteSizes.parse("4096"));
        assertEquals(512 * 1024, ByteSizes.parse("512KiB"));
        assertEquals(1L << 30, ByteSizes.parse("1GiB"));
        assertThrows(IllegalArgumentException.class, () -> ByteSizes.parse("1MB"));
        assertEquals(Duration.ofMillis(500), Durations.parse("500ms"));
        assertEquals(Duration.ofSeconds(2), Durations.parse("2s"));
        assertEquals("1m", Durations.format(Duration.ofSeconds(60)));
        assertThrows(IllegalArgumentException.class, () -> Durations.parse("2 seconds"));
    }

    @Test
    void recursionDepthHasAMaximum() {
        PolicyException e = assertThrows(PolicyException.class,
                () -> PolicyLoader.parse("p.json", "{\"limits\": {\"recursionDepth\": 1000000000}}"));
        assertEquals("$.limits.recursionDepth", e.jsonPath());
        assertTrue(e.getMessage().contains("from 1 to 10000"), e.getMessage());
        assertEquals(10_000, PolicyLoader.parse("p.json", "{\"limits\": {\"recursionDepth\": 10000}}").limits().recursionDepth().orElseThrow());
    }
}
