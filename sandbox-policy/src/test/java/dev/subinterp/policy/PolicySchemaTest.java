package dev.subinterp.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The JSON Schema shipped with the module documents exactly what the loader accepts. */
class PolicySchemaTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Schema schema() throws IOException {
        try (InputStream in = PolicyLoader.class.getResourceAsStream("policy.schema.json")) {
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
        }
    }

    @Test
    void presetsAndTheirPrintedFormAreValid() throws IOException {
        Schema schema = schema();
        for (String name : PolicyLoader.PRESETS) {
            try (InputStream in = PolicyLoader.class.getResourceAsStream("presets/" + name + ".json")) {
                assertEquals(List.of(), schema.validate(JSON.readTree(in)), name);
            }
            assertEquals(List.of(), schema.validate(PolicyJson.toJson(PolicyLoader.preset(name))), name);
        }
    }

    @Test
    void documentsTheLoaderRefusesTheSchemaRefusesToo() throws IOException {
        Schema schema = schema();
        for (String doc : List.of("{\"thredas\": true}", "{\"languages\": [\"ruby\"]}", "{\"files\": {\"access\": \"rw\"}}",
                "{\"limits\": {\"interpreters\": 0}}", "{\"limits\": {\"statementsPerCall\": {\"python\": 5}}}",
                "{\"limits\": {\"timePerCall\": \"soon\"}}", "{\"sandbox\": \"UNTRUSTED\"}", "{\"hostAccess\": \"some\"}",
                "{\"output\": {\"stdout\": \"file\"}}", "{\"limits\": {\"outputBytes\": \"1 MB\"}}",
                "{\"limits\": {\"recursionDepth\": 10001}}", "{\"limits\": {\"recursionDepth\": 1000000000}}",
                "{\"isolation\": \"thread\"}", "{\"limits\": {\"memory\": \"1GiB\"}}",
                "{\"isolation\": \"context\", \"limits\": {\"memory\": \"1GiB\"}}",
                "{\"extends\": \"default\", \"limits\": {\"memory\": \"1GiB\"}}",
                "{\"extends\": \"strict\", \"isolation\": \"context\"}",
                "{\"isolation\": \"process\", \"limits\": {\"memory\": 1048576}}")) {
            JsonNode tree = JSON.readTree(doc);
            assertFalse(schema.validate(tree).isEmpty(), "the schema accepts " + doc);
            assertThrows(PolicyException.class, () -> PolicyLoader.parse("p.json", doc), doc);
        }
    }

    @Test
    void documentsTheLoaderAcceptsTheSchemaAcceptsToo() throws IOException {
        Schema schema = schema();
        for (String doc : List.of("{}", "{\"extends\": \"strict\", \"limits\": {\"timePerCall\": \"2s\"}}",
                "{\"files\": {\"access\": \"read-write\", \"roots\": [\"/tmp/x\"]}, \"environment\": [\"LANG\"]}",
                "{\"hostAccess\": \"exported\", \"hostClasses\": [\"java.time.*\"], \"output\": {\"stderr\": \"discard\"}}",
                "{\"limits\": {\"statementsPerCall\": {\"js\": 1000}, \"queueBytes\": \"64KiB\", \"recursionDepth\": 200}}",
                "{\"limits\": {\"recursionDepth\": 10000}}",
                "{\"isolation\": \"process\", \"limits\": {\"memory\": \"2GiB\"}}",
                "{\"extends\": \"strict\", \"limits\": {\"memory\": \"1GiB\"}}",
                "{\"extends\": \"strict\", \"isolation\": \"context\", \"limits\": {\"memory\": null}}",
                "{\"isolation\": \"process\"}")) {
            List<Error> errors = schema.validate(JSON.readTree(doc));
            assertEquals(List.of(), errors, doc);
            PolicyLoader.parse("p.json", doc);
        }
    }
}
