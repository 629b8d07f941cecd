package org.modelcensus.quality;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.modelcensus.errors.CensusInputException;
import org.modelcensus.transform.SqlRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the checks of sql/quality/ on the silver tables of a census run and decides the quality gate.
 *
 * <p>The checks are SQL files rather than Deequ constraints: each is a few lines an analyst can read and change
 * next to the tables it checks, several need what Deequ does not give (the unmapped labels listed, a threshold
 * taken from an option, the share of records the reader rejected), and the data is small enough that one pass
 * per check costs milliseconds. Deequ would add a Scala-only API and its dependencies to the jar for no check
 * we could not state more plainly in SQL.
 */
public final class DataQuality {

    private static final Logger LOG = LoggerFactory.getLogger(DataQuality.class);
    public static final String LAYER = "quality";
    /** The columns every check gives, with their types in data_quality (docs/data-quality.md). */
    private static final List<Map.Entry<String, String>> COLUMNS = List.of(Map.entry("check", "STRING"), Map.entry("level", "STRING"),
            Map.entry("metric", "STRING"), Map.entry("value", "DOUBLE"), Map.entry("threshold", "DOUBLE"),
            Map.entry("rows_affected", "BIGINT"), Map.entry("details", "STRING"));

    /**
     * The checks of a run.
     *
     * @param table        the data_quality rows: check, level, metric, value, threshold, rows_affected, status, details
     * @param failedErrors failed error-level checks, described for a person; a non-empty list stops the run
     */
    public record Report(Dataset<Row> table, List<String> failedErrors, List<String> warnings) {
        public boolean passed() {
            return failedErrors.isEmpty();
        }
    }

    private final SparkSession spark;

    public DataQuality(SparkSession spark) {
        this.spark = spark;
    }

    public Report check(SqlRunner.Plan sql) {
        Map<String, Dataset<Row>> checks = sql.run(LAYER);
        if (checks.isEmpty()) {
            throw new IllegalStateException("No data-quality checks found in the SQL folder's " + LAYER + "/ layer.");
        }
        checks.forEach((name, check) -> {
            List<String> missing = COLUMNS.stream().map(Map.Entry::getKey)
                    .filter(column -> Arrays.stream(check.columns()).noneMatch(column::equalsIgnoreCase)).toList();
            if (!missing.isEmpty()) {
                throw new CensusInputException(sql.fileOf(name) + " gives no column " + String.join(", ", missing)
                        + ": a data-quality check gives " + COLUMNS.stream().map(Map.Entry::getKey).collect(Collectors.joining(", "))
                        + " (docs/data-quality.md).");
            }
        });
        // One statement over all the checks, so Spark analyses their union once: a union grown one Dataset at a time
        // analysed the whole growing plan again at each step (the quality phase of a census of the real catalogue took
        // 2.7-3.0 s with it, 1.6-2.3 s without: docs/benchmarks.md).
        // Every check states a count or share of bad rows: it passes while that stays within its threshold.
        String select = COLUMNS.stream()
                .map(column -> "CAST(`" + column.getKey() + "` AS " + column.getValue() + ") AS `" + column.getKey() + "`")
                .collect(Collectors.joining(", ", "SELECT ", " FROM "));
        String union = checks.keySet().stream().map(name -> select + "`" + name + "`").collect(Collectors.joining("\nUNION ALL\n"));
        Dataset<Row> evaluated = spark.sql("SELECT `check`, level, metric, value, threshold, rows_affected, "
                + "CASE WHEN value <= threshold THEN 'pass' ELSE 'fail' END AS status, NULLIF(details, '') AS details FROM (" + union + ")");
        // A few rows: computed once here and kept, so the write and the export do not run the checks again.
        List<Row> rows = evaluated.collectAsList();
        Dataset<Row> table = spark.createDataFrame(rows, evaluated.schema());

        List<String> failedErrors = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (Row row : rows) {
            if (!"fail".equals(row.getAs("status"))) {
                continue;
            }
            String described = describe(row);
            if ("error".equals(row.getAs("level"))) {
                failedErrors.add(described);
                LOG.error("data-quality check failed: {}", described);
            } else {
                warnings.add(described);
                LOG.warn("data-quality warning: {}", described);
            }
        }
        LOG.info("data quality: {} checks, {} failed errors, {} warnings", rows.size(), failedErrors.size(), warnings.size());
        return new Report(table, failedErrors, warnings);
    }

    static String describe(Row row) {
        String details = row.getAs("details");
        return row.getAs("check") + " (" + row.getAs("metric") + " = " + number(row.getAs("value")) + ", allowed "
                + number(row.getAs("threshold")) + ")" + (details == null ? "" : ": " + details);
    }

    private static String number(Double value) {
        if (value == null) {
            return "null";
        }
        return value == Math.rint(value) && Math.abs(value) < 1e15
                ? Long.toString(value.longValue())
                : String.format(Locale.ROOT, "%.4g", value);
    }
}
