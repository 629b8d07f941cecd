package org.modelcensus.write;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.ConcurrentModificationException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.DeltaLog;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.MetadataBuilder;
import org.modelcensus.catalog.DataDictionary;
import org.modelcensus.config.CensusConfig.OutputFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Writes one snapshot of a table under {@code <warehouse>/<layer>/<table>}, partitioned by snapshot_date (and
 * release_year where the table has it). Re-running a snapshot replaces that snapshot only, and a run killed at
 * any moment leaves the other snapshots as they were:
 * <ul>
 * <li>Delta replaces the snapshot in one atomic commit; a killed run leaves uncommitted files that readers never see.
 * A new table, or one whose columns change, is written with replaceWhere; an existing one through
 * {@link DeltaSnapshotReplace}, which finds the snapshot's files in the log without replaceWhere's state rebuild.
 * Runs of other snapshots at the same time touch other partitions: Delta's conflict check lets both commit, and a
 * commit that lost a race (two runs creating the same new table) is retried. Every tenth commit of a table is
 * followed by its log's checkpoint, written with Delta Kernel (see {@link #CHECKPOINT_EVERY}).</li>
 * <li>Parquet writes the snapshot into a hidden staging folder of its own, then swaps it in with a rename, so
 * concurrent runs never share Spark's {@code _temporary} folder and readers see the old or the new snapshot.</li>
 * </ul>
 */
public final class TableWriter {

    private static final Logger LOG = LoggerFactory.getLogger(TableWriter.class);
    private static final int ATTEMPTS = 8;
    /**
     * Commits of a Delta table from one checkpoint of its log to the next. The writer checkpoints with Delta Kernel, on
     * the driver: Delta's own checkpoint (every 10th commit by default) rebuilds the table's state with Spark jobs, in
     * the commit itself, so one census run in ten took twice as long (docs/benchmarks.md). New tables are created with
     * a delta.checkpointInterval Delta never reaches (SparkSessions). RunLog checkpoints census_runs as often.
     */
    public static final int CHECKPOINT_EVERY = 10;
    /** Tables {@link #writeAll} writes at a time. */
    private static final int PARALLEL_WRITES = 4;
    /** Commits of a table's history searched for a write's own: more than concurrent runs make in the meantime. */
    private static final int HISTORY_SEARCHED = 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Whether a table's log is checkpointed after the commit of this version (every {@link #CHECKPOINT_EVERY}th). */
    public static boolean checkpointDue(long version) {
        return version > 0 && version % CHECKPOINT_EVERY == 0;
    }

    private final SparkSession spark;
    private final Warehouse warehouse;
    private final LocalDate snapshotDate;

    public TableWriter(SparkSession spark, Warehouse warehouse, LocalDate snapshotDate) {
        this.spark = spark;
        this.warehouse = warehouse;
        this.snapshotDate = snapshotDate;
    }

    /** @return rows written */
    public long write(String layer, String table, Dataset<Row> rows) {
        long started = System.nanoTime();
        List<String> partitions = new ArrayList<>(List.of("snapshot_date"));
        if (List.of(rows.columns()).contains("release_year") && !layer.equals(Warehouse.GOLD)) {
            partitions.add("release_year");
        }
        // Breakdowns and audit tables are small and ordered: one file per snapshot keeps the row order for readers and exports.
        Dataset<Row> snapshot = withComments(table, (layer.equals(Warehouse.SILVER) ? rows : rows.coalesce(1))
                .withColumn("snapshot_date", lit(java.sql.Date.valueOf(snapshotDate))));
        Path path = warehouse.pathOf(layer, table);
        long written;
        if (warehouse.format() == OutputFormat.delta) {
            // The commit is marked with a mark of its own, by which its row count is found in the table's history: no
            // second pass over the rows, and a concurrent run's commit is never taken for this one.
            String mark = "model-census " + UUID.randomUUID();
            retryingConflicts(path, () -> {
                Optional<DeltaSnapshotReplace> replace = DeltaSnapshotReplace.start(spark, path, snapshotDate, partitions, snapshot.schema());
                if (replace.isPresent()) {
                    replace.get().commit(snapshot, mark);
                    return null;
                }
                snapshot.write()
                        .format("delta")
                        .mode(SaveMode.Overwrite)
                        .option("replaceWhere", "snapshot_date = '" + snapshotDate + "'")
                        .option("mergeSchema", "true")
                        .option("userMetadata", mark)
                        .partitionBy(partitions.toArray(String[]::new))
                        .save(path.toString());
                return null;
            });
            written = rowsOfCommit(path, mark).orElseGet(rows::count);
            checkpointEveryTenthCommit(path);
        } else {
            List<String> inner = partitions.subList(1, partitions.size());
            Path staged = stage(path, snapshot.drop("snapshot_date"), inner);
            swapIn(staged, new Path(path, "snapshot_date=" + snapshotDate));
            written = rows.count();
        }
        LOG.info("wrote {}/{}: {} rows for snapshot {} in {} ms", layer, table, written, snapshotDate,
                (System.nanoTime() - started) / 1_000_000);
        return written;
    }

    /**
     * The rows the commit with this mark wrote (Delta's operation metrics), read from the table's newest commit files
     * on the driver: Delta's history API reads them with a Spark job per table.
     */
    private Optional<Long> rowsOfCommit(Path path, String mark) {
        Path log = new Path(path, "_delta_log");
        try {
            FileSystem fs = log.getFileSystem(spark.sparkContext().hadoopConfiguration());
            FileStatus[] commits = fs.globStatus(new Path(log, "*.json"));
            Arrays.sort(commits, Comparator.comparing((FileStatus commit) -> commit.getPath().getName()).reversed());
            for (int i = 0; i < Math.min(HISTORY_SEARCHED, commits.length); i++) {
                try (BufferedReader lines = new BufferedReader(new InputStreamReader(fs.open(commits[i].getPath()), StandardCharsets.UTF_8))) {
                    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                        JsonNode info = JSON.readTree(line).path("commitInfo");
                        if (mark.equals(info.path("userMetadata").asText(null))) {
                            JsonNode rows = info.path("operationMetrics").path("numOutputRows");
                            return rows.isMissingNode() ? Optional.empty() : Optional.of(Long.parseLong(rows.asText()));
                        }
                    }
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            LOG.warn("could not read the commits of {} ({}); counting the rows again", path, e.getMessage());
            return Optional.empty();
        }
    }

    /** As {@link #writeAll(Map)}, for the tables of one layer. */
    public Map<String, Long> writeAll(String layer, Map<String, Dataset<Row>> tables) {
        return writeAll(Map.of(layer, tables));
    }

    /**
     * Writes the tables of every layer given, {@link #PARALLEL_WRITES} at a time: a Delta commit of a small table is
     * mostly the driver's bookkeeping and waiting on the file system, which overlap well.
     *
     * @param tables the tables by layer and name
     * @return rows written, by {@code layer.table}, in the order given
     */
    public Map<String, Long> writeAll(Map<String, Map<String, Dataset<Row>>> tables) {
        try (Writes writes = start(tables)) {
            return writes.await();
        }
    }

    /**
     * Starts writing the tables of every layer given, as {@link #writeAll(Map)} does, and returns at once: the caller
     * can prepare more tables while these are written, and {@link Writes#add add} them.
     */
    public Writes start(Map<String, Map<String, Dataset<Row>>> tables) {
        Writes writes = new Writes();
        tables.forEach(writes::add);
        return writes;
    }

    /** Tables being written, {@link #PARALLEL_WRITES} at a time; closing stops the writes not yet done. */
    public final class Writes implements AutoCloseable {

        private final ExecutorService pool = Executors.newFixedThreadPool(PARALLEL_WRITES);
        private final Map<String, Future<Long>> pending = new LinkedHashMap<>();

        private Writes() {
        }

        /** Starts writing more tables of a layer, after those added before. */
        public void add(String layer, Map<String, Dataset<Row>> tables) {
            tables.forEach((name, rows) -> pending.put(layer + "." + name, pool.submit(() -> write(layer, name, rows))));
        }

        /** @return rows written, by {@code layer.table}, in the order added, once every table is written */
        public Map<String, Long> await() {
            try {
                Map<String, Long> written = new LinkedHashMap<>();
                for (Map.Entry<String, Future<Long>> entry : pending.entrySet()) {
                    written.put(entry.getKey(), entry.getValue().get());
                }
                return written;
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while writing " + pending.keySet(), e);
            }
        }

        @Override
        public void close() {
            pool.shutdownNow();
        }
    }

    /**
     * The rows with the data dictionary's comment on each column (conf/dictionary; none where it describes none): a
     * new Delta table keeps them in its schema, so scripts/sql.sh's DESCRIBE shows them on a warehouse no endpoint has
     * served yet, and the endpoint's first start sets only the tables' own comments (CensusCatalog.sync).
     */
    private static Dataset<Row> withComments(String table, Dataset<Row> rows) {
        return rows.select(Arrays.stream(rows.columns()).map(name -> {
            String comment = Dictionary.BUNDLED.columnComment(table, name);
            return col("`" + name + "`").as(name, comment == null ? Metadata.empty() : new MetadataBuilder().putString("comment", comment).build());
        }).toArray(Column[]::new));
    }

    /** The bundled dictionary, loaded on first use. */
    private static final class Dictionary {
        static final DataDictionary BUNDLED = DataDictionary.load();
    }

    /** Adds rows to an unpartitioned log table (census_runs); concurrent runs never lose each other's rows. */
    public void append(String layer, String table, Dataset<Row> records) {
        Dataset<Row> rows = withComments(table, records);
        Path path = warehouse.pathOf(layer, table);
        if (warehouse.format() == OutputFormat.delta) {
            retryingConflicts(path, () -> {
                rows.write().format("delta").mode(SaveMode.Append).option("mergeSchema", "true").save(path.toString());
                return null;
            });
            checkpointEveryTenthCommit(path);
            return;
        }
        Path staged = stage(path, rows.coalesce(1), List.of());
        try {
            FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
            for (FileStatus part : fs.globStatus(new Path(staged, "part-*"))) {
                rename(fs, part.getPath(), new Path(path, staged.getName().substring(1) + "-" + part.getPath().getName()));
            }
            fs.delete(staged, true);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot add rows to " + path + ": " + e.getMessage(), e);
        }
    }

    private Path stage(Path table, Dataset<Row> rows, List<String> partitions) {
        Path staged = new Path(table, "_staging-" + UUID.randomUUID());
        rows.write().format("parquet").mode(SaveMode.ErrorIfExists).partitionBy(partitions.toArray(String[]::new)).save(staged.toString());
        return staged;
    }

    private void swapIn(Path staged, Path target) {
        try {
            FileSystem fs = target.getFileSystem(spark.sparkContext().hadoopConfiguration());
            for (FileStatus marker : fs.globStatus(new Path(staged, "_*"))) {
                fs.delete(marker.getPath(), true); // _SUCCESS: not part of the snapshot
            }
            if (fs.exists(target) && !fs.delete(target, true)) {
                throw new IOException("cannot delete the previous copy " + target);
            }
            rename(fs, staged, target);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot replace snapshot " + snapshotDate + " in " + target.getParent() + ": " + e.getMessage(), e);
        }
    }

    private static void rename(FileSystem fs, Path from, Path to) throws IOException {
        if (!fs.rename(from, to)) {
            throw new IOException("cannot rename " + from + " to " + to);
        }
    }

    /** After this JVM's commit to the table: its checkpoint, when the commit is a tenth, then Delta's clean-up of old log files. */
    private void checkpointEveryTenthCommit(Path table) {
        DeltaLog log = DeltaLog.forTable(spark, table);
        long version = log.unsafeVolatileSnapshot().version(); // the commit's own: this JVM's Delta has seen no later one
        if (!checkpointDue(version)) {
            return;
        }
        if (DeltaLogFiles.checkpoint(spark.sparkContext().hadoopConfiguration(), table, version)) {
            log.doLogCleanup(log.unsafeVolatileSnapshot()); // the commit's snapshot: log files past their retention go
        } else {
            log.checkpoint();
        }
    }

    /** Runs a Delta commit, again after a short random pause when a concurrent commit made it conflict. */
    private static <T> T retryingConflicts(Path table, Supplier<T> commit) {
        for (int attempt = 1; ; attempt++) {
            try {
                return commit.get();
            } catch (RuntimeException e) {
                if (!isConcurrentCommit(e) || attempt == ATTEMPTS) {
                    throw e;
                }
                LOG.warn("commit to {} conflicted with a concurrent run (attempt {} of {}): {}; retrying", table, attempt, ATTEMPTS,
                        e.getMessage().lines().findFirst().orElse(""));
                try {
                    Thread.sleep(200L * attempt + ThreadLocalRandom.current().nextLong(300));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** Delta's conflict exceptions all extend java.util.ConcurrentModificationException. */
    private static boolean isConcurrentCommit(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConcurrentModificationException) {
                return true;
            }
        }
        return false;
    }
}
