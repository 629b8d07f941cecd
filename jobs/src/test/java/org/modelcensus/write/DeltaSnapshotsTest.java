package org.modelcensus.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.modelcensus.SparkTestSupport.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ConcurrentModificationException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.apache.hadoop.conf.Configuration;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.delta.DeltaLog;
import org.apache.spark.sql.execution.datasources.HadoopFsRelation;
import org.apache.spark.sql.execution.datasources.LogicalRelation;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modelcensus.catalog.CensusCatalog;
import org.modelcensus.config.CensusConfig.OutputFormat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import scala.collection.JavaConverters;

/**
 * A Delta table's snapshots replaced and read back from the files its log lists: the same table, conflicts and rows
 * as replaceWhere and Spark's Delta reader, which they stand in for.
 */
class DeltaSnapshotsTest {

    private static final LocalDate JULY = LocalDate.of(2024, 7, 16);
    private static final LocalDate AUGUST = LocalDate.of(2024, 8, 1);
    private static final LocalDate SEPTEMBER = LocalDate.of(2024, 9, 1);
    private static final StructType MODELS = new StructType()
            .add("model", DataTypes.StringType)
            .add("release_year", DataTypes.IntegerType);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void replacesOneSnapshotAcrossItsPartitionsAndKeepsTheOthers() throws IOException {
        Warehouse warehouse = new Warehouse(spark(), dir.toString(), OutputFormat.delta);
        assertEquals(3, writer(warehouse, JULY).write(Warehouse.SILVER, "models", models("GPT-4", 2023, "Gemini", 2023, "Undated", null)));
        assertEquals(1, writer(warehouse, AUGUST).write(Warehouse.SILVER, "models", models("Claude 3", 2024)));

        // The re-run's rows count comes from its own commit; every July file, null release_year included, is replaced.
        assertEquals(2, writer(warehouse, JULY).write(Warehouse.SILVER, "models", models("GPT-4", 2023, "Llama 3", 2024)));

        assertEquals(List.of("2024-07-16 GPT-4 2023", "2024-07-16 Llama 3 2024", "2024-08-01 Claude 3 2024"), stored(warehouse));
        assertEquals(List.of(JULY, AUGUST), warehouse.snapshotDates(Warehouse.SILVER, "models"));
        Path log = dir.resolve("silver/models/_delta_log");
        assertEquals(3, commits(log).size());
        String replace = Files.readString(commits(log).get(2));
        assertTrue(replace.contains("\"predicate\":\"snapshot_date = '2024-07-16'\""), replace);
        assertEquals(occurrences(Files.readString(commits(log).get(0)), "\"add\""), occurrences(replace, "\"remove\""),
                "every July file is removed: " + replace);
        assertFalse(replace.contains("snapshot_date=2024-08-01"), "no August file is touched: " + replace);
    }

    @Test
    void conflictsAsReplaceWhereDoes() {
        Warehouse warehouse = new Warehouse(spark(), dir.toString(), OutputFormat.delta);
        writer(warehouse, JULY).write(Warehouse.SILVER, "models", models("GPT-4", 2023));
        writer(warehouse, AUGUST).write(Warehouse.SILVER, "models", models("Claude 3", 2024));
        org.apache.hadoop.fs.Path table = warehouse.pathOf(Warehouse.SILVER, "models");

        // Two runs of one snapshot: the second read files the first removed.
        DeltaSnapshotReplace first = start(table, JULY);
        DeltaSnapshotReplace second = start(table, JULY);
        first.commit(withDate(models("GPT-4o", 2024), JULY), "first");
        assertThrows(ConcurrentModificationException.class, () -> second.commit(withDate(models("GPT-4", 2023), JULY), "second"));

        // A snapshot with no files yet: the second run's read predicate covers the first run's new files.
        DeltaSnapshotReplace firstNew = start(table, SEPTEMBER);
        DeltaSnapshotReplace secondNew = start(table, SEPTEMBER);
        firstNew.commit(withDate(models("o1", 2024), SEPTEMBER), "first");
        assertThrows(ConcurrentModificationException.class, () -> secondNew.commit(withDate(models("o1", 2024), SEPTEMBER), "second"));

        // Runs of different snapshots both commit.
        DeltaSnapshotReplace july = start(table, JULY);
        DeltaSnapshotReplace august = start(table, AUGUST);
        july.commit(withDate(models("GPT-4", 2023), JULY), "july");
        august.commit(withDate(models("Claude 3.5", 2024), AUGUST), "august");
        assertEquals(List.of("2024-07-16 GPT-4 2023", "2024-08-01 Claude 3.5 2024", "2024-09-01 o1 2024"), stored(warehouse));
    }

    @Test
    void newTablesAndNewColumnsGoThroughReplaceWhere() {
        Warehouse warehouse = new Warehouse(spark(), dir.toString(), OutputFormat.delta);
        org.apache.hadoop.fs.Path table = warehouse.pathOf(Warehouse.SILVER, "models");
        List<String> partitions = List.of("snapshot_date", "release_year");
        assertTrue(DeltaSnapshotReplace.start(spark(), table, JULY, partitions, withDate(models("GPT-4", 2023), JULY).schema()).isEmpty());

        writer(warehouse, JULY).write(Warehouse.SILVER, "models", models("GPT-4", 2023));
        Dataset<Row> wider = models("GPT-4", 2023).withColumn("open_weights", functions.lit(false));
        assertTrue(DeltaSnapshotReplace.start(spark(), table, JULY, partitions, withDate(wider, JULY).schema()).isEmpty());
        assertTrue(DeltaSnapshotReplace.start(spark(), table, JULY, List.of("snapshot_date"), withDate(models("GPT-4", 2023), JULY).schema()).isEmpty());

        assertEquals(1, writer(warehouse, JULY).write(Warehouse.SILVER, "models", wider));
        assertEquals(List.of("GPT-4 false"), warehouse.read(Warehouse.SILVER, "models").orElseThrow()
                .select(functions.concat_ws(" ", functions.col("model"), functions.col("open_weights"))).as(Encoders.STRING())
                .collectAsList());
    }

    @Test
    void readsASnapshotFromTheFilesItsLogLists() {
        Warehouse warehouse = new Warehouse(spark(), dir.toString(), OutputFormat.delta);
        writer(warehouse, JULY).write(Warehouse.SILVER, "models", models("GPT-4", 2023, "Undated", null));
        writer(warehouse, JULY).write(Warehouse.SILVER, "models", models("GPT-4", 2023, "Gemini", 2023, "Undated", null)); // replaces July
        writer(warehouse, AUGUST).write(Warehouse.SILVER, "models", models("Claude 3", 2024).withColumn("open_weights", functions.lit(true))); // a new column

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
    void theTenthCommitIsCheckpointedWithoutSparkJobs() throws Exception {
        Warehouse warehouse = new Warehouse(spark(), dir.toString(), OutputFormat.delta);
        writer(warehouse, AUGUST).write(Warehouse.SILVER, "models", models("Claude 3", 2024)); // version 0
        for (int version = 1; version <= 8; version++) {
            writer(warehouse, JULY).write(Warehouse.SILVER, "models", models("GPT-4", 2023));
        }
        int ninth = sparkJobsOf(() -> writer(warehouse, JULY).write(Warehouse.SILVER, "models", models("GPT-4", 2023)));
        int tenth = sparkJobsOf(() -> writer(warehouse, JULY).write(Warehouse.SILVER, "models", models("GPT-4", 2023, "Gemini", 2023)));

        Path log = dir.resolve("silver/models/_delta_log");
        assertTrue(Files.exists(log.resolve("00000000000000000010.checkpoint.parquet")), "Delta's checkpoint of the tenth commit");
        assertTrue(Files.readString(log.resolve("_last_checkpoint")).contains("\"version\":10"), Files.readString(log.resolve("_last_checkpoint")));
        assertEquals(ninth, tenth, "the tenth commit ran no Spark job for the checkpoint (Delta's own rebuilds the state first)");
        // Spark's Delta, started afresh, reads the table from that checkpoint; the next replace lists its files from it.
        DeltaLog.clearCache();
        assertEquals(10, DeltaLog.forTable(spark(), warehouse.pathOf(Warehouse.SILVER, "models"))
                .update(false, scala.Option.empty(), scala.Option.empty()).logSegment().checkpointProvider().version());
        assertEquals(List.of("2024-07-16 GPT-4 2023", "2024-07-16 Gemini 2023", "2024-08-01 Claude 3 2024"), stored(warehouse));
        writer(warehouse, JULY).write(Warehouse.SILVER, "models", models("Llama 3", 2024));
        assertEquals(List.of("2024-07-16 Llama 3 2024", "2024-08-01 Claude 3 2024"), stored(warehouse));
    }

    @Test
    void newTablesKeepEachFilesRowCountWithoutColumnStatistics() throws IOException {
        Warehouse warehouse = new Warehouse(spark(), dir.toString(), OutputFormat.delta);
        writer(warehouse, JULY).write(Warehouse.SILVER, "models", models("GPT-4", 2023, "Gemini", 2023, "Undated", null));
        writer(warehouse, JULY).write(Warehouse.SILVER, "models", models("GPT-4", 2023, "Llama 3", 2024, "o1", 2024, "Claude 3", 2024)); // replaces July

        List<Path> commits = commits(dir.resolve("silver/models/_delta_log"));
        JsonNode metadata = actions(commits.get(0), "metaData").get(0);
        assertEquals("0", metadata.path("configuration").path("delta.dataSkippingNumIndexedCols").asText(), metadata.toString());
        // Created with 3 rows, then replaced with 4: each added file's statistics are its row count alone.
        assertEquals(3, rowCounts(commits.get(0)));
        assertEquals(4, rowCounts(commits.get(1)));
        // What the row counts are kept for: Delta answers a table's count from its log, reading no file.
        Dataset<Row> count = spark().read().format("delta").load(dir.resolve("silver/models").toString()).groupBy().count();
        assertEquals(4L, count.first().getLong(0));
        assertTrue(count.queryExecution().optimizedPlan().toString().contains("LocalRelation"), count.queryExecution().optimizedPlan().toString());
    }

    /** What the SQL endpoint plans its statements by (serve.CensusSqlServer): live rows, from the logs, every snapshot. */
    @Test
    void theLargestTableIsTheOneWithTheMostLiveRows() {
        Configuration hadoop = spark().sparkContext().hadoopConfiguration();
        assertEquals(Optional.empty(), CensusCatalog.largestTable(hadoop, dir.toString()));
        Warehouse warehouse = new Warehouse(spark(), dir.toString(), OutputFormat.delta);
        writer(warehouse, JULY).write(Warehouse.SILVER, "models", models("GPT-4", 2023, "Gemini", 2023, "Undated", null));
        writer(warehouse, AUGUST).write(Warehouse.SILVER, "models", models("Claude 3", 2024));
        writer(warehouse, JULY).write(Warehouse.GOLD, "models_by_year", models("a", 1, "b", 2, "c", 3, "d", 4));
        writer(warehouse, JULY).write(Warehouse.SILVER, "models", models("GPT-4", 2023, "Llama 3", 2024)); // replaces July's 3 rows

        // gold's 4 rows now outnumber silver's live 2 + 1 (the 3 replaced rows are in removed files)
        assertEquals(Optional.of(new CensusCatalog.TableSize("gold.models_by_year", 4)), CensusCatalog.largestTable(hadoop, dir.toString()));
        writer(warehouse, SEPTEMBER).write(Warehouse.SILVER, "models", models("o1", 2024, "o3", 2025)); // 2 + 1 + 2
        assertEquals(Optional.of(new CensusCatalog.TableSize("silver.models", 5)), CensusCatalog.largestTable(hadoop, dir.toString()));
    }

    @Test
    void readsAParquetWarehouseThroughSpark() {
        Warehouse warehouse = new Warehouse(spark(), dir.toString(), OutputFormat.parquet);
        writer(warehouse, JULY).write(Warehouse.SILVER, "models", models("GPT-4", 2023, "Undated", null));
        writer(warehouse, AUGUST).write(Warehouse.SILVER, "models", models("Claude 3", 2024));
        assertEquals(List.of("GPT-4 2023", "Undated null"), cells(warehouse.readSnapshot(Warehouse.SILVER, "models", JULY).orElseThrow()));
    }

    /** The Spark jobs that ran while the work did. */
    private static int sparkJobsOf(Runnable work) throws TimeoutException {
        AtomicInteger jobs = new AtomicInteger();
        SparkListener counter = new SparkListener() {
            @Override
            public void onJobStart(SparkListenerJobStart start) {
                jobs.incrementAndGet();
            }
        };
        spark().sparkContext().listenerBus().waitUntilEmpty();
        spark().sparkContext().addSparkListener(counter);
        try {
            work.run();
            spark().sparkContext().listenerBus().waitUntilEmpty();
        } finally {
            spark().sparkContext().removeSparkListener(counter);
        }
        return jobs.get();
    }

    private static TableWriter writer(Warehouse warehouse, LocalDate date) {
        return new TableWriter(spark(), warehouse, date);
    }

    private static DeltaSnapshotReplace start(org.apache.hadoop.fs.Path table, LocalDate date) {
        return DeltaSnapshotReplace.start(spark(), table, date, List.of("snapshot_date", "release_year"), withDate(models("x", 1), date).schema())
                .orElseThrow();
    }

    /** Rows of (model, release_year) pairs. */
    private static Dataset<Row> models(Object... pairs) {
        List<Row> rows = new java.util.ArrayList<>();
        for (int i = 0; i < pairs.length; i += 2) {
            rows.add(RowFactory.create(pairs[i], pairs[i + 1]));
        }
        return spark().createDataFrame(rows, MODELS);
    }

    private static Dataset<Row> withDate(Dataset<Row> rows, LocalDate date) {
        return rows.withColumn("snapshot_date", functions.lit(java.sql.Date.valueOf(date)));
    }

    private static List<String> stored(Warehouse warehouse) {
        return warehouse.read(Warehouse.SILVER, "models").orElseThrow()
                .selectExpr("concat_ws(' ', cast(snapshot_date as string), model, cast(release_year as string)) AS row")
                .orderBy("row").as(Encoders.STRING()).collectAsList();
    }

    private static Dataset<Row> deltaReaderSnapshot(Warehouse warehouse, LocalDate date) {
        return warehouse.read(Warehouse.SILVER, "models").orElseThrow()
                .where(functions.col("snapshot_date").equalTo(functions.lit(java.sql.Date.valueOf(date)))).drop("snapshot_date");
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

    private static int occurrences(String text, String part) {
        return text.split(part, -1).length - 1;
    }

    /** The rows of the files a commit adds, from their statistics, which must hold nothing else. */
    private static long rowCounts(Path commit) throws IOException {
        long rows = 0;
        for (JsonNode add : actions(commit, "add")) {
            JsonNode stats = JSON.readTree(add.path("stats").asText());
            List<String> fields = new java.util.ArrayList<>();
            stats.fieldNames().forEachRemaining(fields::add);
            assertEquals(List.of("numRecords"), fields, stats.toString());
            rows += stats.path("numRecords").asLong();
        }
        return rows;
    }

    /** The actions of one kind ("add", "metaData") in a commit file. */
    private static List<JsonNode> actions(Path commit, String kind) throws IOException {
        List<JsonNode> found = new java.util.ArrayList<>();
        for (String line : Files.readAllLines(commit)) {
            JsonNode action = JSON.readTree(line).path(kind);
            if (!action.isMissingNode()) {
                found.add(action);
            }
        }
        return found;
    }

    private static List<Path> commits(Path log) throws IOException {
        try (Stream<Path> files = Files.list(log)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".json")).sorted().toList();
        }
    }
}
