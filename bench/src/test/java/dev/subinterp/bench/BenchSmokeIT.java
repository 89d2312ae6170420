package dev.subinterp.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * make bench's script in its quick form (QUICK=1: every benchmark, one short round), so that none of
 * them rots: JMH's benchmarks and the footprint through scripts/runner, CPython's scripts where a
 * CPython 3.13 or 3.11 is installed, the whole-process timings, and the table. Checks that every row
 * of ours has a figure; the figures themselves are not judged (benchmarks are not tests).
 */
class BenchSmokeIT {
    private static final Path ROOT = Path.of(System.getProperty("project.root", "..")).normalize();

    @TempDir
    Path out;

    @Test
    void everyBenchmarkRunsOnceAndEveryRowOfOursHasAFigure() throws IOException, InterruptedException {
        Path log = out.resolve("bench.log");
        ProcessBuilder quickRound = new ProcessBuilder(ROOT.resolve("scripts/bench/run").toString())
                .directory(ROOT.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        quickRound.environment().put("QUICK", "1");
        quickRound.environment().put("BENCH_OUT", out.toString());
        Process bench = quickRound.start();
        bench.getOutputStream().close();
        boolean finished = bench.waitFor(10, TimeUnit.MINUTES);
        if (!finished) bench.destroyForcibly();
        assertTrue(finished, "make bench's quick round did not finish in 10 minutes: " + Files.readString(log));
        assertEquals(0, bench.exitValue(), Files.readString(log));

        JsonNode results = new ObjectMapper().readTree(out.resolve("results.json").toFile());
        for (JsonNode row : results.get("rows")) {
            assertFalse(row.get("subinterp").isNull(), "no figure of ours for: " + row.get("row").asText() + "\n" + Files.readString(log));
        }
        String markdown = Files.readString(out.resolve("results.md"));
        assertTrue(markdown.startsWith("| row | subinterp | CPython 3.13 | CPython 3.11 | ratio | goal | met |"), markdown);
        assertTrue(Files.exists(out.resolve("raw").resolve("subinterp.jsonl")));
        if (!Files.readString(out.resolve("raw").resolve("cpython-3.13.jsonl")).contains("skipped")) {
            assertTrue(markdown.contains("(subinterpreters)"), "CPython 3.13's subinterpreter figures are in the table: " + markdown);
        }
    }
}
