package org.modelcensus.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.modelcensus.SparkTestSupport.spark;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.execution.datasources.HadoopFsRelation;
import org.apache.spark.sql.execution.datasources.LogicalRelation;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modelcensus.config.CensusConfig.OutputFormat;

import scala.collection.JavaConverters;

/** Reading one stored snapshot back: from the files a Delta table's log lists, as Spark's Delta reader would. */
class WarehouseTest {

    private static final LocalDate JULY = LocalDate.of(2024, 7, 16);
    private static final LocalDate AUGUST = LocalDate.of(2024, 8, 1);
    private static final StructType MODELS = new StructType()
            .add("model", DataTypes.StringType)
            .add("release_year", DataTypes.IntegerType);

    @TempDir
    Path dir;

    @Test
    void readsASnapshotFromTheFilesItsLogLists() {
        Warehouse warehouse = new Warehouse(spark(), dir.toString(), OutputFormat.delta);
        write(warehouse, JULY, models("GPT-4", 2023, "Undated", null));
        write(warehouse, JULY, models("GPT-4", 2023, "Gemini", 2023, "Undated", null)); // replaces July
        write(warehouse, AUGUST, models("Claude 3", 2024).withColumn("open_weights", functions.lit(true))); // a new column

        Dataset<Row> july = warehouse.readSnapshot(Warehouse.SILVER, "models", JULY).orElseThrow();
        assertEquals("InMemoryFileIndex", fileIndexOf(july), "read from the listed files, not through Delta's state");
        assertEquals(List.of("model", "release_year", "open_weights"), List.of(july.columns()));
        assertEquals(List.of("GPT-4 2023 null", "Gemini 2023 null", "Undated null null"), cells(july));
        assertEquals(cells(deltaReaderSnapshot(warehouse, JULY)), cells(july));
        assertEquals(List.of("Claude 3 2024 true"), cells(warehouse.readSnapshot(Warehouse.SILVER, "models", AUGUST).orElseThrow()));

        Dataset<Row> none = warehouse.readSnapshot(Warehouse.SILVER, "models", LocalDate.of(2024, 9, 1)).orElseThrow();
        assertEquals(List.of("model", "release_year", "open_weights"), List.of(none.columns()));
        assertEquals(0, none.count());
        assertEquals(java.util.Optional.empty(), warehouse.readSnapshot(Warehouse.SILVER, "never_written", JULY));
    }

    @Test
    void readsAParquetWarehouseThroughSpark() {
        Warehouse warehouse = new Warehouse(spark(), dir.toString(), OutputFormat.parquet);
        write(warehouse, JULY, models("GPT-4", 2023, "Undated", null));
        write(warehouse, AUGUST, models("Claude 3", 2024));
        assertEquals(List.of("GPT-4 2023", "Undated null"), cells(warehouse.readSnapshot(Warehouse.SILVER, "models", JULY).orElseThrow()));
    }

    private static void write(Warehouse warehouse, LocalDate date, Dataset<Row> rows) {
        new TableWriter(spark(), warehouse, date).write(Warehouse.SILVER, "models", rows);
    }

    private static Dataset<Row> deltaReaderSnapshot(Warehouse warehouse, LocalDate date) {
        return warehouse.read(Warehouse.SILVER, "models").orElseThrow()
                .where(functions.col("snapshot_date").equalTo(functions.lit(java.sql.Date.valueOf(date)))).drop("snapshot_date");
    }

    /** Rows of (model, release_year) pairs. */
    private static Dataset<Row> models(Object... pairs) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < pairs.length; i += 2) {
            rows.add(RowFactory.create(pairs[i], pairs[i + 1]));
        }
        return spark().createDataFrame(rows, MODELS);
    }

    /** Each row as its cells joined with spaces (null as "null"), sorted. */
    private static List<String> cells(Dataset<Row> rows) {
        return rows.select(functions.concat_ws(" ", java.util.Arrays.stream(rows.columns())
                        .map(c -> functions.coalesce(functions.col(c).cast("string"), functions.lit("null"))).toArray(org.apache.spark.sql.Column[]::new)))
                .as(Encoders.STRING()).collectAsList().stream().sorted().toList();
    }

    private static String fileIndexOf(Dataset<Row> rows) {
        for (LogicalPlan leaf : JavaConverters.seqAsJavaList(rows.queryExecution().analyzed().collectLeaves())) {
            if (leaf instanceof LogicalRelation relation && relation.relation() instanceof HadoopFsRelation files) {
                return files.location().getClass().getSimpleName();
            }
        }
        return "(no file relation)";
    }
}
