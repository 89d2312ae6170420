package dev.subinterp.policy;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PolicyCeilingTest {
    private static SandboxPolicy parse(String json) {
        return PolicyLoader.parse("p.json", json);
    }

    @Test
    void strictFitsUnderDefaultAndTrustedDoesNot() {
        assertEquals(List.of(), PolicyCeiling.excess(PolicyLoader.preset("strict"), PolicyLoader.defaultPolicy()));
        List<String> over = PolicyCeiling.excess(PolicyLoader.preset("trusted"), PolicyLoader.defaultPolicy());
        assertTrue(over.contains("$.hostAccess: all is more than none"), over.toString());
        assertTrue(over.contains("$.processes: true is not allowed"), over.toString());
        assertTrue(over.contains("$.files.access: read-write is more than read-only"), over.toString());
        assertTrue(over.stream().anyMatch(line -> line.startsWith("$.limits.outputBytes: no limit")), over.toString());
    }

    @Test
    void limitsMustBeSetAsLowAsTheCeilings() {
        SandboxPolicy ceiling = parse("{\"extends\": \"strict\"}");
        assertEquals(List.of("$.limits.timePerCall: 20000 is more than 10000"),
                PolicyCeiling.excess(parse("{\"extends\": \"strict\", \"limits\": {\"timePerCall\": \"20s\"}}"), ceiling));
        assertEquals(List.of(), PolicyCeiling.excess(parse("{\"extends\": \"strict\", \"limits\": {\"timePerCall\": \"2s\"}}"), ceiling));
    }

    @Test
    void aProcessIsolatedCeilingBoundsIsolationAndMemory() {
        SandboxPolicy ceiling = PolicyLoader.preset("strict");   // process isolation, 512MiB
        assertEquals(List.of(), PolicyCeiling.excess(parse("{\"extends\": \"strict\", \"limits\": {\"memory\": \"256MiB\"}}"), ceiling));
        assertEquals(List.of("$.limits.memory: 1073741824 is more than 536870912"),
                PolicyCeiling.excess(parse("{\"extends\": \"strict\", \"limits\": {\"memory\": \"1GiB\"}}"), ceiling));
        assertEquals(List.of("$.isolation: context is less than process", "$.limits.memory: no limit is more than 536870912"),
                PolicyCeiling.excess(parse("{\"extends\": \"strict\", \"isolation\": \"context\", \"limits\": {\"memory\": null}}"), ceiling));
        assertEquals(List.of(), PolicyCeiling.excess(ceiling, PolicyLoader.defaultPolicy()), "a context ceiling takes process isolation too");
    }

    @Test
    void rootsMustLieInsideTheCeilingsRoots() {
        SandboxPolicy ceiling = parse("{\"files\": {\"access\": \"read-write\", \"roots\": [\"/srv/plugins\", \"${scriptDir}\"]}}");
        assertEquals(List.of(), PolicyCeiling.excess(parse("{\"files\": {\"access\": \"read-only\", \"roots\": [\"/srv/plugins/data\", \"${scriptDir}\"]}}"), ceiling));
        assertEquals(List.of("$.files.roots: /etc is not inside [/srv/plugins, ${scriptDir}]"),
                PolicyCeiling.excess(parse("{\"files\": {\"access\": \"read-only\", \"roots\": [\"/etc\"]}}"), ceiling));
    }
}
