package dev.subinterp.spark;

import dev.subinterp.interpreter.Language;
import dev.subinterp.spark.internal.ExecutorPools;
import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Guest functions on Spark in {@code local[2]}: the executor is this JVM, so its pools are visible here.
 * One session for the class (Spark's start-up is the slow part).
 */
class GuestMapTest {
    private static final Path FIXTURES = Path.of("..", "test-fixtures");
    private static SparkSession spark;

    @BeforeAll
    static void startSpark() {
        spark = SparkSession.builder().master("local[2]").appName("GuestMapTest")
                .config("spark.ui.enabled", "false")
                .config("spark.plugins", GuestFunctionsPlugin.NAME)
                .getOrCreate();
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
        assertEquals(0, ExecutorPools.size(), "the plugin closes the executor's pools when the executor ends");
    }

    @Test
    void thePalindromeSearchGivesWhatRunnerMapPrintsWithOnePoolPerExecutor() throws Exception {
        GuestFunction keep = GuestFunction.builder(Language.PYTHON, "keep")
                .initializerFile(FIXTURES.resolve("palindromes/search.py")).workersPerExecutor(2).build();
        JavaRDD<String> words = JavaSparkContext.fromSparkContext(spark.sparkContext())
                .textFile(FIXTURES.resolve("palindromes/words.jsonl").toString(), 4);
        GuestMap map = GuestMap.of(spark, keep);
        JavaRDD<String> results = map.apply(words);

        List<String> expected = Files.readAllLines(FIXTURES.resolve("palindromes/expected.jsonl"));
        assertTrue(expected.equals(results.collect()), "the lines runner map prints, in input order");
        assertEquals(words.getNumPartitions(), results.getNumPartitions(), "the input's partitioning");
        assertTrue(words.getNumPartitions() >= 4);
        GuestCounters.Snapshot counted = map.counters();
        assertEquals(8000, counted.done());
        assertEquals(0, counted.unsuccessful());
        assertEquals(1, counted.poolsCreated(), "one pool for the one executor, shared by its tasks");
        assertEquals(1, counted.interpreterOnlyPools(), "unit tests run without the Graal JIT, and the counters say so");
    }

    @Test
    void eachFailureIsTheErrorObjectOfItsLineAndIsCounted() {
        GuestFunction check = GuestFunction.builder(Language.JS, "check")
                .initializerFile(FIXTURES.resolve("map/checks.js")).taskTimeLimit(Duration.ofMillis(300)).build();
        GuestMap map = GuestMap.of(spark, check);
        List<String> lines = map.apply(spark.read().textFile(FIXTURES.resolve("map/mixed.jsonl").toString())).collectAsList();

        assertEquals(5, lines.size(), "one line per non-blank input line: " + lines);
        assertEquals("2", lines.get(0));
        assertEquals("{\"error\":{\"type\":\"RangeError\",\"message\":\"negative: -5\",\"line\":2}}", lines.get(1));
        assertTrue(lines.get(2).startsWith("{\"error\":{\"type\":\"InvalidJson\"") && lines.get(2).endsWith("\"line\":3}}"), lines.get(2));
        assertTrue(lines.get(3).startsWith("{\"error\":{\"type\":\"TimeLimitExceeded\"") && lines.get(3).endsWith("\"line\":5}}"), lines.get(3));
        assertEquals("42", lines.get(4));
        assertEquals(new GuestCounters.Snapshot(2, 2, 1, 1, 1), map.counters());
    }

    @Test
    void aBrokenInitializerFailsTheJobWithTheFunctionsNameAndTraceback() {
        GuestFunction broken = GuestFunction.builder(Language.PYTHON, "score")
                .initializer("import json\n\ndef score(x):\n    return x\n\nraise ValueError('no model file')\n").build();
        Dataset<String> results = GuestMap.of(spark, broken).apply(spark.createDataset(List.of("1", "2"), org.apache.spark.sql.Encoders.STRING()));

        SparkException failed = assertThrows(SparkException.class, results::collectAsList);
        String reason = GuestFunctionFailed.reasonIn(failed).orElseThrow(() -> new AssertionError("not a guest function failure", failed));
        assertTrue(reason.startsWith("python function 'score': the initializer failed:"), reason);
        assertTrue(reason.contains("line 6") && reason.contains("ValueError: no model file"), reason);
        assertTrue(!reason.contains("\tat "), "no Java frames: " + reason);
    }

    @Test
    void aGuestFunctionIsASqlFunctionOverAJsonColumn() {
        StructType schema = new StructType().add("id", DataTypes.IntegerType).add("payload", DataTypes.StringType);
        List<Row> rows = List.of(RowFactory.create(1, "{\"text\": \"hello\"}"), RowFactory.create(2, "{\"text\": \"\"}"),
                RowFactory.create(3, "{\"nope\": 1}"), RowFactory.create(4, null), RowFactory.create(5, "{broken"));
        spark.createDataFrame(rows, schema).createOrReplaceTempView("events");
        String source = "def score(event):\n    return {'length': len(event['text']), 'shout': event['text'].upper()}\n"
                + "def length(event):\n    return len(event['text'])\n";
        GuestUdf json = GuestUdf.register(spark, "py_score",
                GuestFunction.builder(Language.PYTHON, "score").initializer(source).policy("strict").build());
        GuestUdf typed = GuestUdf.register(spark, "py_length",
                GuestFunction.builder(Language.PYTHON, "length").initializer(source).policy("strict").build(), DataTypes.LongType);

        List<Row> scored = spark.sql("SELECT id, py_score(payload), py_length(payload) FROM events ORDER BY id").collectAsList();

        assertEquals("{\"length\":5,\"shout\":\"HELLO\"}", scored.get(0).getString(1));
        assertEquals(5L, scored.get(0).getLong(2));
        assertEquals(0L, scored.get(1).getLong(2));
        assertEquals("{\"error\":{\"type\":\"KeyError\",\"message\":\"'text'\"}}", scored.get(2).getString(1));
        assertTrue(scored.get(2).isNullAt(2), "a failed row is NULL in a typed function");
        assertTrue(scored.get(3).isNullAt(1) && scored.get(3).isNullAt(2), "NULL in, NULL out");
        assertTrue(scored.get(4).getString(1).startsWith("{\"error\":{\"type\":\"InvalidJson\""), scored.get(4).getString(1));
        assertEquals(new GuestCounters.Snapshot(2, 2, 0, 1, 1), json.counters());
        assertEquals(2, typed.counters().done());

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> GuestUdf.register(spark, "py_bad",
                GuestFunction.builder(Language.PYTHON, "length").initializer(source).build(), DataTypes.createArrayType(DataTypes.LongType)));
        assertTrue(refused.getMessage().contains("not ARRAY<BIGINT>") && refused.getMessage().contains("from_json"), refused.getMessage());
    }
}
