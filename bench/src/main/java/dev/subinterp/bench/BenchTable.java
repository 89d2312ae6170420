package dev.subinterp.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The one table of {@code make bench}: reads every figure in target/bench/raw/*.jsonl (ours and
 * CPython's, see {@link Figure}), sets them side by side with the ratio and the goal of each row, and
 * writes target/bench/results.md (also printed) and target/bench/results.json.
 */
public final class BenchTable {
    /** A row: our figure, CPython's comparable figure (its best system and version), and the goal. */
    record Row(String title, String ours, String oursParam, String theirs, String theirsParam, String unit,
               boolean higherIsBetter, Goal goal) {
    }

    static final List<Row> ROWS = List.of(
            new Row("new Python interpreter: create, exec, close, as a caller waits for it (a spare made ahead of demand)",
                    "interp_create_spare_python_ms", null, "interp_create_python_ms", null, "ms", false, Goal.ratioAtMost(1.0)),
            new Row("same, the whole cost on the caller's thread (no spares)", "interp_create_python_ms", null,
                    "interp_create_python_ms", null, "ms", false, Goal.none()),
            new Row("new JS interpreter, as a caller waits for it (a spare made ahead of demand)", "interp_create_spare_js_ms", null,
                    null, null, "ms", false, Goal.atMost(2)),
            new Row("same, the whole cost on the caller's thread (no spares)", "interp_create_js_ms", null, null, null, "ms", false, Goal.none()),
            new Row("trivial task on a warm pooled interpreter (CPython: exec('pass'))", "trivial_task_us", null,
                    "exec_pass_us", null, "us", false, Goal.ratioAtMost(0.5)),
            new Row("small JSON message round trip between two interpreters", "small_round_trip_us", null,
                    "small_round_trip_us", null, "us", false, Goal.atMost(20)),
            new Row("1 MiB bytes one way through a queue", "queue_mb_per_s", "1048576",
                    "queue_mb_per_s", "1048576", "MB/s", true, Goal.atLeast(4000)),
            new Row("CPU-bound pure-Python script, whole process incl. start-up", "cpu_bound_process_ms", null,
                    "cpu_bound_process_ms", null, "ms", false, Goal.ratioAtMost(1.0)),
            new Row("same script, warm (second run in the warm service)", "cpu_bound_warm_ms", null,
                    "cpu_bound_process_ms", null, "ms", false, Goal.ratioAtMost(0.3)),
            new Row("2 interpreters on 2 cores, CPU-bound, speed-up over 1", "speedup_2_over_1", null,
                    "speedup_2_over_1", null, "x", true, Goal.atLeast(1.9)),
            new Row("runner exec -c 'print(1)', whole process, warm service (CPython: python3 -c)", "exec_print_ms", null,
                    "exec_print_ms", null, "ms", false, Goal.ratioAtMost(3)),
            new Row("same, no service (runner --no-daemon exec)", "exec_print_cold_ms", null,
                    "exec_print_ms", null, "ms", false, Goal.none()),
            new Row("idle Python interpreter, retained heap", "idle_heap_mb", null, null, null, "MB", false, Goal.atMost(1.5)),
            // Process isolation: interpreters in worker JVMs (ProcessIsolationBench, WorkerFootprint).
            new Row("host call, small JSON round trip: call('echo', dict), in-process interpreter", "host_call_round_trip_us", null,
                    null, null, "us", false, Goal.none()),
            new Row("same, process-isolated interpreter (worker JVM; CPython: the dict to another interpreter or process and back)",
                    "process_call_round_trip_us", null, "small_round_trip_us", null, "us", false, Goal.atMost(100)),
            new Row("1 MiB bytes one way into a process-isolated interpreter: call('size', bytes)", "process_call_mb_per_s", "1048576",
                    "queue_mb_per_s", "1048576", "MB/s", true, Goal.atLeast(1000)),
            new Row("process-isolated Python interpreter, a ready worker waiting: create + close (the goal is for create)",
                    "process_create_close_ms", null, null, null, "ms", false, Goal.atMost(5)),
            new Row("first process-isolated interpreter, no ready worker: worker JVM start + create", "worker_cold_create_ms", null,
                    null, null, "ms", false, Goal.none()),
            new Row("idle worker JVM, ready again after serving a Python interpreter: resident memory (VmRSS)", "worker_rss_mib",
                    "after close", null, null, "MiB", false, Goal.none()),
            new Row("same worker: Java heap in use, as it reports it (garbage not yet collected included)", "worker_heap_mib",
                    "after close", null, null, "MiB", false, Goal.none()));

    /** A row's figures: ours (null when not measured), CPython's, the ratio to its best and whether the goal is met. */
    record Outcome(Double ours, List<Figure> theirs, Double ratio, Boolean met) {
    }

    /** A table with a row per param (interpreter count, message size) and a column per metric and system. */
    record ScalingTable(String title, String paramLabel, List<String> metrics, List<String> labels) {
        /** Columns named by system and unit alone (each metric of the table has its own unit). */
        ScalingTable(String title, String paramLabel, List<String> metrics) {
            this(title, paramLabel, metrics, List.of());
        }

        /** What a column of {@code metric} is headed with before its system and unit, if its unit does not say. */
        String label(String metric) {
            int i = metrics.indexOf(metric);
            return i < labels.size() ? labels.get(i) + ", " : "";
        }
    }

    static final List<ScalingTable> SCALING = List.of(
            new ScalingTable("N live Python interpreters, per interpreter", "N",
                    List.of("create_ms_per_interp", "heap_mb_per_interp", "rss_mb_per_interp")),
            new ScalingTable("Bytes messages one way through a queue, by size", "size",
                    List.of("queue_mb_per_s", "queue_messages_per_s")),
            new ScalingTable("Worker JVMs (process isolation), by state: the spare never used, serving an idle Python interpreter,"
                    + " ready again after it closed", "state", List.of("worker_rss_mib", "worker_heap_mib"), List.of("VmRSS", "heap in use")));

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final List<Figure> figures;

    BenchTable(List<Figure> figures) {
        this.figures = figures;
    }

    public static void main(String[] args) throws IOException {
        Path directory = Path.of(args.length > 0 ? args[0] : "target/bench");
        BenchTable table = new BenchTable(readAll(directory.resolve("raw")));
        String markdown = table.markdown();
        Files.writeString(directory.resolve("results.md"), markdown);
        Files.writeString(directory.resolve("results.json"), JSON.writeValueAsString(table.json()));
        System.out.print(markdown);
        System.out.println("\n(also in " + directory.resolve("results.md") + " and " + directory.resolve("results.json") + ")");
    }

    /** Every figure of every .jsonl file in {@code raw}; a bad line is an error naming its file and line. */
    static List<Figure> readAll(Path raw) throws IOException {
        List<Figure> all = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> listing = Files.list(raw)) {
            files = listing.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList();
        }
        ObjectMapper reader = new ObjectMapper();
        for (Path file : files) {
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).isBlank()) continue;
                String where = file + ", line " + (i + 1);
                JsonNode line;
                try {
                    line = reader.readTree(lines.get(i));
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new IllegalArgumentException(where + ": not JSON: " + e.getOriginalMessage(), e);
                }
                all.add(Figure.fromJson(line, where));
            }
        }
        return all;
    }

    private Optional<Figure> ours(String metric, String param) {
        return measured(metric, param).filter(Figure::isOurs).findFirst();
    }

    private List<Figure> theirs(String metric, String param) {
        return metric == null ? List.of() : measured(metric, param).filter(f -> !f.isOurs()).toList();
    }

    private Stream<Figure> measured(String metric, String param) {
        return figures.stream().filter(f -> !f.isSkip() && f.metric().equals(metric) && Objects.equals(f.param(), param));
    }

    /** CPython's best figure for a row: the fastest of its systems and versions. */
    private static Optional<Figure> best(List<Figure> theirs, boolean higherIsBetter) {
        return theirs.stream().reduce((a, b) -> (higherIsBetter ? a.value() >= b.value() : a.value() <= b.value()) ? a : b);
    }

    /** Ours over CPython's best in time (lower is better), whatever the unit. */
    static Double ratio(Double ours, Double best, boolean higherIsBetter) {
        if (ours == null || best == null || ours == 0 || best == 0) return null;
        return higherIsBetter ? best / ours : ours / best;
    }

    Outcome outcome(Row row) {
        Double ours = ours(row.ours(), row.oursParam()).map(Figure::value).orElse(null);
        List<Figure> theirs = theirs(row.theirs(), row.theirsParam());
        Double best = best(theirs, row.higherIsBetter()).map(Figure::value).orElse(null);
        Double ratio = ratio(ours, best, row.higherIsBetter());
        return new Outcome(ours, theirs, ratio, row.goal().met(ours, ratio));
    }

    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("| row | subinterp | CPython 3.13 | CPython 3.11 | ratio | goal | met |\n");
        md.append("| --- | --- | --- | --- | --- | --- | --- |\n");
        for (Row row : ROWS) {
            Outcome outcome = outcome(row);
            md.append("| ").append(row.title())
                    .append(" | ").append(outcome.ours() == null ? "not measured" : Numbers.format(outcome.ours()) + " " + row.unit())
                    .append(" | ").append(cell(outcome.theirs(), "3.13", row.unit()))
                    .append(" | ").append(cell(outcome.theirs(), "3.11", row.unit()))
                    .append(" | ").append(outcome.ratio() == null ? "" : Numbers.format(outcome.ratio()) + "x")
                    .append(" | ").append(row.goal().describe(row.unit()))
                    .append(" | ").append(outcome.met() == null ? "" : outcome.met() ? "yes" : "no")
                    .append(" |\n");
        }
        md.append("\nratio = ours / CPython's best figure in the row, in time (for rates: CPython's rate / ours); lower is better.\n");
        for (ScalingTable scaling : SCALING) {
            md.append("\n").append(scaling.title()).append(":\n\n");
            appendScaling(md, scaling);
        }
        List<Figure> others = figures.stream().filter(f -> !f.isSkip() && !used(f)).toList();
        if (!others.isEmpty()) {
            md.append("\nOther figures:\n\n| figure | system | value |\n| --- | --- | --- |\n");
            for (Figure f : others) {
                md.append("| ").append(f.metric()).append(f.param() == null ? "" : " (" + f.param() + ")")
                        .append(" | ").append(f.system()).append(" | ").append(Numbers.format(f.value())).append(" ").append(f.unit()).append(" |\n");
            }
        }
        figures.stream().filter(Figure::isSkip)
                .map(f -> "Skipped: " + f.system() + (f.metric() == null ? "" : " " + f.metric()) + ": " + f.skipped())
                .distinct().forEach(line -> md.append("\n").append(line).append("\n"));
        return md.toString();
    }

    /** A CPython cell: each system of that version with its figure. */
    private static String cell(List<Figure> theirs, String version, String unit) {
        List<String> parts = new ArrayList<>();
        for (Figure f : theirs) {
            String prefix = "CPython " + version;
            if (f.system().equals(prefix) || f.system().startsWith(prefix + " ")) {
                String system = f.system().substring(prefix.length()).trim();
                parts.add(Numbers.format(f.value()) + " " + unit + (system.isEmpty() ? "" : " (" + system + ")"));
            }
        }
        return String.join("; ", parts);
    }

    private void appendScaling(StringBuilder md, ScalingTable scaling) {
        List<String[]> columns = new ArrayList<>();   // {metric, system, unit}
        Set<String> params = new LinkedHashSet<>();
        for (String metric : scaling.metrics()) {
            Set<String> systems = new LinkedHashSet<>();
            figures.stream().filter(f -> !f.isSkip() && f.metric().equals(metric) && f.param() != null)
                    .sorted((a, b) -> Boolean.compare(b.isOurs(), a.isOurs()))
                    .forEach(f -> {
                        if (systems.add(f.system())) columns.add(new String[]{metric, f.system(), f.unit()});
                    });
        }
        figures.stream().filter(f -> !f.isSkip() && scaling.metrics().contains(f.metric()) && f.param() != null)
                .map(Figure::param).sorted(BenchTable::compareParams).forEach(params::add);
        if (columns.isEmpty()) {
            md.append("not measured\n");
            return;
        }
        md.append("| ").append(scaling.paramLabel());
        for (String[] column : columns) {
            md.append(" | ").append(scaling.label(column[0])).append(column[1]).append(", ").append(column[2]);
        }
        md.append(" |\n|").append(" --- |".repeat(columns.size() + 1)).append("\n");
        for (String param : params) {
            md.append("| ").append(scaling.paramLabel().equals("size") ? Numbers.size(param) : param);
            for (String[] column : columns) {
                Optional<Figure> figure = figures.stream().filter(f -> !f.isSkip() && f.metric().equals(column[0])
                        && f.system().equals(column[1]) && param.equals(f.param())).findFirst();
                md.append(" | ").append(figure.map(f -> Numbers.format(f.value())).orElse(""));
            }
            md.append(" |\n");
        }
    }

    /** Numbers in numeric order; words (a worker's state) stay in the order they were measured (the sort is stable). */
    private static int compareParams(String a, String b) {
        try {
            return Long.compare(Long.parseLong(a), Long.parseLong(b));
        } catch (NumberFormatException notNumbers) {
            return 0;
        }
    }

    private boolean used(Figure f) {
        boolean inRow = ROWS.stream().anyMatch(row -> (f.metric().equals(row.ours()) && Objects.equals(f.param(), row.oursParam()))
                || (f.metric().equals(row.theirs()) && Objects.equals(f.param(), row.theirsParam())));
        boolean inScaling = f.param() != null && SCALING.stream().anyMatch(s -> s.metrics().contains(f.metric()));
        return inRow || inScaling;
    }

    ObjectNode json() {
        ObjectNode root = JSON.createObjectNode();
        root.put("generated", ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        root.put("processors", Runtime.getRuntime().availableProcessors());
        ArrayNode rows = root.putArray("rows");
        for (Row row : ROWS) {
            ObjectNode node = rows.addObject();
            node.put("row", row.title());
            node.put("unit", row.unit());
            Outcome outcome = outcome(row);
            if (outcome.ours() != null) node.put("subinterp", outcome.ours()); else node.putNull("subinterp");
            ArrayNode cpython = node.putArray("cpython");
            outcome.theirs().forEach(f -> cpython.addObject().put("system", f.system()).put("value", f.value()));
            if (outcome.ratio() != null) node.put("ratio", outcome.ratio()); else node.putNull("ratio");
            node.put("goal", row.goal().describe(row.unit()));
            if (outcome.met() != null) node.put("met", outcome.met()); else node.putNull("met");
        }
        ArrayNode all = root.putArray("figures");
        figures.forEach(f -> all.add(f.toJsonNode()));
        return root;
    }
}
