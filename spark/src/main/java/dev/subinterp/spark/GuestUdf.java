package dev.subinterp.spark;

import com.fasterxml.jackson.databind.JsonNode;
import dev.subinterp.pool.InterpreterPoolExecutor;
import dev.subinterp.pool.MapLines;
import dev.subinterp.pool.PoolTask;
import dev.subinterp.spark.internal.ExecutorPools;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

import java.util.Map;
import java.util.function.Function;

/**
 * A guest function as a Spark SQL function over a column of JSON text:
 * {@code SELECT py_score(payload) FROM events}. Each row's value is parsed, crosses to an interpreter of
 * the executor's pool and the result crosses back.
 *
 * <p>Registered without a type, the function returns the result as JSON text, and a failed row as the
 * same error object {@code runner map} prints (without {@code line}); {@code from_json} types it further.
 * Registered with a return type (string, long, int, double, boolean), it returns the result as that type
 * and NULL for a row that failed (counted failed) or whose result is not of the type (counted done). A NULL input gives NULL and is not
 * counted.
 */
public final class GuestUdf {
    private static final Map<DataType, Function<JsonNode, Object>> TYPED = Map.of(
            DataTypes.StringType, result -> result.isTextual() ? result.textValue() : null,
            DataTypes.LongType, result -> result.isIntegralNumber() && result.canConvertToLong() ? result.longValue() : null,
            DataTypes.IntegerType, result -> result.isIntegralNumber() && result.canConvertToInt() ? result.intValue() : null,
            DataTypes.DoubleType, result -> result.isNumber() ? result.doubleValue() : null,
            DataTypes.BooleanType, result -> result.isBoolean() ? result.booleanValue() : null);

    private final GuestCounters counters;

    private GuestUdf(GuestCounters counters) {
        this.counters = counters;
    }

    /** Registers {@code function} as SQL function {@code name}, returning JSON text. */
    public static GuestUdf register(SparkSession spark, String name, GuestFunction function) {
        GuestCounters counters = new GuestCounters(spark.sparkContext(), name);
        spark.udf().register(name, new JsonCall(function, counters), DataTypes.StringType);
        return new GuestUdf(counters);
    }

    /**
     * Registers {@code function} as SQL function {@code name} returning {@code returnType}.
     *
     * @throws IllegalArgumentException for a type other than string, long, int, double and boolean
     */
    public static GuestUdf register(SparkSession spark, String name, GuestFunction function, DataType returnType) {
        if (!TYPED.containsKey(returnType)) {
            throw new IllegalArgumentException("a guest function's SQL return type is string, bigint, int, double or boolean, not "
                    + returnType.sql() + "; register it without a type and apply from_json to its JSON");
        }
        GuestCounters counters = new GuestCounters(spark.sparkContext(), name);
        spark.udf().register(name, new TypedCall(function, counters, returnType), returnType);
        return new GuestUdf(counters);
    }

    /** The counters of the queries run so far with this function. */
    public GuestCounters.Snapshot counters() {
        return counters.snapshot();
    }

    /** A row's outcome, and its result when there is one. */
    private record Row(MapLines.Outcome outcome, java.util.concurrent.Future<JsonNode> result) {
    }

    /** One row's call in the executor's pool; null for a NULL input. */
    private static Row call(GuestFunction function, GuestCounters counters, String json) {
        if (json == null) return null;
        MapLines.Line line = MapLines.parse(0, json);
        MapLines.Outcome outcome;
        java.util.concurrent.Future<JsonNode> result = null;
        if (line == null || line.value() == null) {
            outcome = new MapLines.Outcome(line == null ? MapLines.error("InvalidJson", "the value is blank")
                    : MapLines.error(line.errorType(), line.errorMessage()), MapLines.Status.FAILED);
        } else {
            InterpreterPoolExecutor pool = ExecutorPools.pool(function, counters::poolCreated);
            try {
                result = pool.submit(PoolTask.call(function.function(), line.value()));
                outcome = MapLines.outcome(result);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("the task was interrupted (Spark is cancelling it)", e);
            }
        }
        counters.count(outcome.status());
        return new Row(outcome, result);
    }

    private record JsonCall(GuestFunction function, GuestCounters counters) implements UDF1<String, String> {
        @Override
        public String call(String json) {
            Row row = GuestUdf.call(function, counters, json);
            return row == null ? null : row.outcome().line();
        }
    }

    private record TypedCall(GuestFunction function, GuestCounters counters, DataType type) implements UDF1<String, Object> {
        @Override
        public Object call(String json) throws Exception {
            Row row = GuestUdf.call(function, counters, json);
            if (row == null || row.outcome().status() != MapLines.Status.DONE) return null;
            return TYPED.get(type).apply(row.result().get());   // done already
        }
    }
}
