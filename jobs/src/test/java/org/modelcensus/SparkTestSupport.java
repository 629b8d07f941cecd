package org.modelcensus;

import java.nio.file.Path;
import java.util.Arrays;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.modelcensus.spark.SparkSessions;

import org.modelcensus.write.CsvExporter;

import com.holdenkarau.spark.testing.JavaDataFrameSuiteBase;

/**
 * The suite's one SparkSession (built by the product's own {@link SparkSessions}, so tests run with the same
 * Delta and SQL settings), and spark-testing-base's DataFrame assertions, driven from JUnit 5.
 * spark-testing-base's Java base class is JUnit 4 style; its assertions only need the active session, so we
 * hold one instance and call them directly instead of inheriting its lifecycle.
 */
public final class SparkTestSupport {

    private static SparkSession spark;
    private static final JavaDataFrameSuiteBase ASSERTIONS = new JavaDataFrameSuiteBase() {
        @Override
        public boolean enableHiveSupport() {
            return false; // the census needs no Hive metastore, and Hive is not on the test classpath
        }
    };

    private SparkTestSupport() {
    }

    public static synchronized SparkSession spark() {
        if (spark == null) {
            spark = SparkSessions.create("local[2]");
        }
        return spark;
    }

    /**
     * Equal cell for cell and row for row, as DataFrames. Both sides are compared as the text cells of the CSV
     * export (lists joined with ';', numbers in their shortest exact form, as the expected files hold them).
     */
    public static void assertSameTable(Dataset<Row> expected, Dataset<Row> actual) {
        Dataset<Row> expectedCells = text(expected);
        Dataset<Row> actualCells = text(actual.select(columnsOf(expected)));
        assertSameCells(expectedCells, actualCells);
        org.junit.jupiter.api.Assertions.assertEquals(expectedCells.collectAsList(), actualCells.collectAsList(), "row order");
    }

    /** As {@link #assertSameTable}, ignoring row order (for tables read back from the warehouse). */
    public static void assertSameRows(Dataset<Row> expected, Dataset<Row> actual) {
        assertSameCells(text(expected), text(actual.select(columnsOf(expected))));
    }

    private static void assertSameCells(Dataset<Row> expectedCells, Dataset<Row> actualCells) {
        ASSERTIONS.assertSchemasEqual(expectedCells.schema(), actualCells.schema());
        // collects both sides: these are report tables of a few dozen rows
        ASSERTIONS.assertSmallDataFrameDataEquals(expectedCells, actualCells);
        // spark-testing-base compares the rows as sets: a repeated row must still fail
        org.junit.jupiter.api.Assertions.assertEquals(expectedCells.count(), actualCells.count(), "row count");
    }

    private static Column[] columnsOf(Dataset<Row> table) {
        return Arrays.stream(table.columns()).map(c -> new Column("`" + c + "`")).toArray(Column[]::new);
    }

    /**
     * Text cells with every column nullable (a CSV read back cannot tell a non-null column from a nullable one),
     * collected once into a local relation: the comparisons and counts after it then run on the driver, not as Spark
     * jobs of their own over the table again (three to five per table compared).
     */
    private static Dataset<Row> text(Dataset<Row> rows) {
        Dataset<Row> cells = CsvExporter.asText(rows);
        StructType nullable = new StructType(Arrays.stream(cells.schema().fields())
                .map(f -> new StructField(f.name(), f.dataType(), true, f.metadata())).toArray(StructField[]::new));
        return spark().createDataFrame(cells.collectAsList(), nullable);
    }

    /** Reads a CSV with a header, every cell as text (empty cells as null, like the export's empty cells). */
    public static Dataset<Row> readCsv(Path file) {
        return spark().read().option("header", "true").option("escape", "\"").option("multiLine", "true").csv(file.toString());
    }
}
