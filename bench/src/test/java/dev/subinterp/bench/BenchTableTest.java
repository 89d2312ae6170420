package dev.subinterp.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** make bench's table, from figure files as our side and CPython's write them. */
class BenchTableTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path directory;

    @Test
    void setsOurFigureBesideCPythonsBestWithTheRatioAndTheGoal() throws IOException {
        write("subinterp.jsonl",
                figure("interp_create_spare_python_ms", "subinterp", "subinterp, test", null, 20, "ms"),
                figure("queue_mb_per_s", "subinterp", "subinterp, test", "1048576", 5000, "MB/s"));
        write("cpython-3.13.jsonl",
                figure("interp_create_python_ms", "cpython", "CPython 3.13 subinterpreters", null, 10, "ms"),
                figure("queue_mb_per_s", "cpython", "CPython 3.13 multiprocessing.Queue", "1048576", 1000, "MB/s"));
        write("cpython-3.11.jsonl",
                figure("queue_mb_per_s", "cpython", "CPython 3.11 multiprocessing.Queue", "1048576", 1250, "MB/s"));

        BenchTable.main(new String[]{directory.toString()});

        JsonNode results = JSON.readTree(directory.resolve("results.json").toFile());
        JsonNode create = row(results, "new Python interpreter");
        assertEquals(2.0, create.get("ratio").asDouble(), 1e-9, "20 ms against CPython's 10 ms");
        assertFalse(create.get("met").asBoolean(), "the goal is <= 1x");
        JsonNode bytes = row(results, "1 MiB bytes");
        assertEquals(0.25, bytes.get("ratio").asDouble(), 1e-9, "a rate: CPython's best (1,250 MB/s, 3.11) over ours");
        assertTrue(bytes.get("met").asBoolean(), "5,000 MB/s >= 4,000 MB/s");
        JsonNode js = row(results, "new JS interpreter");
        assertTrue(js.get("subinterp").isNull() && js.get("met").isNull(), "no figure: nothing to tell");

        String markdown = Files.readString(directory.resolve("results.md"));
        assertTrue(markdown.contains("| 1 MiB bytes one way through a queue | 5,000 MB/s | 1,000 MB/s (multiprocessing.Queue)"
                + " | 1,250 MB/s (multiprocessing.Queue) | 0.25x | >= 4,000 MB/s | yes |"), markdown);
        assertTrue(markdown.contains("| new JS interpreter, as a caller waits for it (a spare made ahead of demand) | not measured |"), markdown);
        assertEquals(5, results.get("figures").size(), "every figure read is kept in results.json");
    }

    @Test
    void scalingTablesHaveARowPerParamInNumericOrder() throws IOException {
        write("subinterp.jsonl",
                figure("queue_mb_per_s", "subinterp", "ours", "16777216", 900, "MB/s"),
                figure("queue_mb_per_s", "subinterp", "ours", "16", 0.5, "MB/s"),
                figure("queue_mb_per_s", "subinterp", "ours", "65536", 300, "MB/s"));
        String markdown = new BenchTable(BenchTable.readAll(directory.resolve("raw"))).markdown();
        int small = markdown.indexOf("| 16 B | 0.5 |");
        int middle = markdown.indexOf("| 64 KiB | 300 |");
        int large = markdown.indexOf("| 16 MiB | 900 |");
        assertTrue(small > 0 && small < middle && middle < large, markdown);
    }

    @Test
    void processIsolationRowsHaveTheirGoalsAndWorkerStatesKeepTheirOrder() throws IOException {
        write("subinterp.jsonl",
                figure("process_call_round_trip_us", "subinterp", "ours", null, 80, "us"),
                figure("process_call_mb_per_s", "subinterp", "ours", "1048576", 800, "MB/s"),
                figure("process_create_close_ms", "subinterp", "ours", null, 60, "ms"),
                figure("worker_rss_mib", "subinterp", "ours", "spare", 90, "MiB"),
                figure("worker_rss_mib", "subinterp", "ours", "serving", 400, "MiB"),
                figure("worker_rss_mib", "subinterp", "ours", "after close", 380, "MiB"));
        write("cpython-3.13.jsonl",
                figure("small_round_trip_us", "cpython", "CPython 3.13 multiprocessing.Queue", null, 160, "us"));

        BenchTable.main(new String[]{directory.toString()});

        JsonNode results = JSON.readTree(directory.resolve("results.json").toFile());
        JsonNode call = row(results, "same, process-isolated interpreter");
        assertEquals(0.5, call.get("ratio").asDouble(), 1e-9, "80 us against multiprocessing's 160 us");
        assertTrue(call.get("met").asBoolean(), "80 us <= 100 us");
        assertFalse(row(results, "1 MiB bytes one way into a process-isolated").get("met").asBoolean(), "800 MB/s < 1,000 MB/s");
        assertFalse(row(results, "process-isolated Python interpreter, a ready worker").get("met").asBoolean(), "60 ms > 5 ms");
        assertEquals(380, row(results, "idle worker JVM").get("subinterp").asDouble(), 1e-9, "the worker ready again after serving");

        String markdown = Files.readString(directory.resolve("results.md"));
        int spare = markdown.indexOf("| spare | 90 |");
        int serving = markdown.indexOf("| serving | 400 |");
        int afterClose = markdown.indexOf("| after close | 380 |");
        assertTrue(spare > 0 && spare < serving && serving < afterClose, "states in the order measured: " + markdown);
        assertTrue(markdown.contains("| state | VmRSS, ours, MiB |"), "a column says what it holds where its unit does not: " + markdown);
    }

    @Test
    void aSkippedSystemIsNamedOnceWithItsReason() throws IOException {
        String skipped = "{\"side\": \"cpython\", \"system\": \"CPython 3.11 subinterpreters\", \"skipped\": \"needs CPython 3.13+\"}";
        write("cpython-3.11.jsonl", skipped, skipped);
        String markdown = new BenchTable(BenchTable.readAll(directory.resolve("raw"))).markdown();
        String note = "Skipped: CPython 3.11 subinterpreters: needs CPython 3.13+";
        assertEquals(markdown.indexOf(note), markdown.lastIndexOf(note), markdown);
        assertTrue(markdown.contains(note), markdown);
    }

    @Test
    void aBadLineIsAnErrorNamingItsFileAndLine() throws IOException {
        write("cpython-3.13.jsonl",
                figure("exec_pass_us", "cpython", "CPython 3.13 subinterpreters", null, 14, "us"),
                "{\"metric\": \"exec_pass_us\", \"side\": \"cpython\", \"system\": \"x\", \"value\": \"fast\", \"unit\": \"us\"}");
        var error = assertThrows(IllegalArgumentException.class, () -> BenchTable.readAll(directory.resolve("raw")));
        assertTrue(error.getMessage().contains("cpython-3.13.jsonl, line 2") && error.getMessage().contains("\"value\" must be a number"),
                error.getMessage());

        write("cpython-3.13.jsonl", "{not json");
        error = assertThrows(IllegalArgumentException.class, () -> BenchTable.readAll(directory.resolve("raw")));
        assertTrue(error.getMessage().contains("cpython-3.13.jsonl, line 1: not JSON"), error.getMessage());
    }

    private static JsonNode row(JsonNode results, String titleStart) {
        for (JsonNode row : results.get("rows")) {
            if (row.get("row").asText().startsWith(titleStart)) return row;
        }
        throw new AssertionError("no row starting '" + titleStart + "' in " + results);
    }

    private void write(String file, String... lines) throws IOException {
        Path raw = Files.createDirectories(directory.resolve("raw"));
        Files.write(raw.resolve(file), List.of(lines));
    }

    private static String figure(String metric, String side, String system, String param, double value, String unit) {
        var line = JSON.createObjectNode().put("metric", metric).put("side", side).put("system", system);
        if (param != null) line.put("param", param);
        return line.put("value", value).put("unit", unit).toString();
    }
}
