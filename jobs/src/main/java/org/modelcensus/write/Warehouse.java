package org.modelcensus.write;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.io.IOException;
import java.net.URI;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeSet;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.catalog.ExternalCatalogUtils;
import org.apache.spark.sql.delta.DeltaLog;
import org.apache.spark.sql.delta.NoMapping$;
import org.apache.spark.sql.delta.Snapshot;
import org.apache.spark.sql.delta.actions.Metadata;
import org.apache.spark.sql.delta.actions.Protocol;
import org.apache.spark.sql.types.StructType;
import org.modelcensus.config.CensusConfig.OutputFormat;
import org.modelcensus.errors.CensusInputException;

import scala.Option;
import scala.collection.JavaConverters;

/**
 * Where the census tables live: {@code <root>/<layer>/<table>}, in Delta or Parquet. Reading back finds the
 * format of each table from its files, so a warehouse written by another run reads without options.
 */
public record Warehouse(SparkSession spark, String root, OutputFormat format) {

    /** Normalized models and the rejected records. */
    public static final String SILVER = "silver";
    /** The breakdowns. */
    public static final String GOLD = "gold";
    /** What a run checked, changed and did: data_quality, catalogue_changes, census_runs. */
    public static final String AUDIT = "audit";

    public Path pathOf(String layer, String table) {
        return pathOf(root, layer, table);
    }

    /** Where a table of the warehouse at {@code root} lives. */
    public static Path pathOf(String root, String layer, String table) {
        return new Path(new Path(root, layer), table);
    }

    /**
     * The rows of a Delta table's live files, every snapshot (their numRecords statistics, a row per 64 bytes of a file
     * without one), read from its log with Delta Kernel on the driver, without a Spark session; empty when Kernel
     * cannot read it.
     */
    public static OptionalLong liveRows(Configuration hadoop, Path table) {
        return DeltaLogFiles.listWithRows(hadoop, table)
                .map(files -> OptionalLong.of(files.stream().mapToLong(file -> file.rows() >= 0 ? file.rows() : file.size() / 64).sum()))
                .orElse(OptionalLong.empty());
    }

    /** The tables stored in a layer, by name. */
    public List<String> tables(String layer) {
        List<String> names = new ArrayList<>();
        try {
            Path dir = new Path(root, layer);
            FileSystem fs = fs(dir);
            if (fs.exists(dir)) {
                for (FileStatus child : fs.listStatus(dir)) {
                    if (child.isDirectory() && !child.getPath().getName().startsWith("_") && !child.getPath().getName().startsWith(".")) {
                        names.add(child.getPath().getName());
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot list " + root + "/" + layer + ": " + e.getMessage(), e);
        }
        names.sort(String::compareTo);
        return names;
    }

    /** The stored table, all snapshots; empty when it was never written. */
    public Optional<Dataset<Row>> read(String layer, String table) {
        Path path = pathOf(layer, table);
        try {
            FileSystem fs = fs(path);
            if (!fs.exists(path)) {
                return Optional.empty();
            }
            if (fs.exists(new Path(path, "_delta_log"))) {
                return Optional.of(spark.read().format("delta").load(path.toString()));
            }
            FileStatus[] entries = fs.globStatus(new Path(path, "[!_.]*"));
            if (entries == null || entries.length == 0) {
                return Optional.empty();
            }
            return Optional.of(spark.read().format("parquet").load(path.toString()));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    /** The format a stored table was written in; empty when it was never written. */
    public Optional<OutputFormat> formatOf(String layer, String table) {
        Path path = pathOf(layer, table);
        try {
            FileSystem fs = fs(path);
            if (!fs.exists(path)) {
                return Optional.empty();
            }
            return Optional.of(fs.exists(new Path(path, "_delta_log")) ? OutputFormat.delta : OutputFormat.parquet);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * The snapshot dates stored in a table, oldest first; empty when it was never written. A Delta table's are the
     * partition values of its live files, read from its log on the driver with Delta Kernel: a Spark query would
     * rebuild the table's state and scan its files, seconds before a job's first result.
     */
    public List<LocalDate> snapshotDates(String layer, String table) {
        Path path = pathOf(layer, table);
        try {
            FileSystem fs = fs(path);
            if (fs.exists(new Path(path, "_delta_log"))) {
                Optional<List<LocalDate>> logged = snapshotDatesInLog(path);
                if (logged.isPresent()) {
                    return logged.get();
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + path + ": " + e.getMessage(), e);
        }
        return read(layer, table).map(rows -> rows.select("snapshot_date").distinct().orderBy("snapshot_date").collectAsList().stream()
                .map(row -> row.getDate(0).toLocalDate()).toList()).orElse(List.of());
    }

    /** The snapshot_date partition values of a Delta table's live files; empty when Kernel cannot read the table. */
    private Optional<List<LocalDate>> snapshotDatesInLog(Path table) {
        TreeSet<LocalDate> dates = new TreeSet<>();
        Optional<List<DeltaLogFiles.LiveFile>> files = DeltaLogFiles.list(spark.sparkContext().hadoopConfiguration(), table, OptionalLong.empty());
        for (DeltaLogFiles.LiveFile file : files.orElse(List.of())) {
            String date = file.partitionValues().get("snapshot_date");
            if (date == null) {
                return Optional.empty();
            }
            dates.add(LocalDate.parse(date));
        }
        return files.map(listed -> List.copyOf(dates));
    }

    /** One snapshot of a stored table, without its snapshot_date column; empty when the table was never written. */
    public Optional<Dataset<Row>> readSnapshot(String layer, String table, LocalDate snapshotDate) {
        Path path = pathOf(layer, table);
        try {
            FileSystem fs = fs(path);
            if (fs.exists(new Path(path, "_delta_log"))) {
                Optional<Dataset<Row>> listed = readSnapshotFiles(fs.makeQualified(path), snapshotDate);
                if (listed.isPresent()) {
                    return listed;
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + path + ": " + e.getMessage(), e);
        }
        return read(layer, table).map(rows -> rows.where(col("snapshot_date").equalTo(lit(java.sql.Date.valueOf(snapshotDate))))
                .drop("snapshot_date"));
    }

    /**
     * A Delta table's snapshot read as the Parquet files its log lists for it (Delta Kernel, on the driver): Spark's
     * Delta reader would first rebuild the table's whole state with a Spark job. Empty when Spark's Delta reader must
     * read it ({@link #readLoggedFiles}).
     */
    private Optional<Dataset<Row>> readSnapshotFiles(Path table, LocalDate snapshotDate) {
        Snapshot snapshot = DeltaLog.forTable(spark, table).update(false, Option.empty(), Option.empty());
        if (snapshot.version() < 0) {
            return Optional.empty();
        }
        return DeltaLogFiles.snapshot(spark.sparkContext().hadoopConfiguration(), table, snapshot.version(), snapshotDate)
                .flatMap(files -> readLoggedFiles(spark, table, snapshot.metadata(), files))
                .map(rows -> rows.drop("snapshot_date"));
    }

    /**
     * A Delta table at {@code version} read as the Parquet files its log lists (Kernel), in the table's column order:
     * what the read-only sessions of scripts/sql.sh and the SQL endpoint read a small table with (see
     * catalog.LoggedFilesRead). Empty when Spark's Delta reader must read it: a protocol beyond reader version 1
     * (columns mapped to other names, rows deleted in place), more than {@code maxFiles} files, or what
     * {@link #readLoggedFiles} cannot read.
     */
    public static Optional<Dataset<Row>> readVersionFiles(SparkSession spark, Path table, long version, Protocol protocol,
            Metadata metadata, int maxFiles) {
        if (protocol.minReaderVersion() != 1) {
            return Optional.empty();
        }
        return DeltaLogFiles.list(spark.sparkContext().hadoopConfiguration(), table, OptionalLong.of(version))
                .filter(files -> files.size() <= maxFiles)
                .flatMap(files -> readLoggedFiles(spark, table, metadata, files));
    }

    /**
     * The files the log lists, read as Parquet with the table's schema, in its column order. Empty when columns are
     * mapped to other names in the files, or a file lies outside Delta's partition folders (Spark takes the partition
     * values from the folder names).
     */
    private static Optional<Dataset<Row>> readLoggedFiles(SparkSession spark, Path table, Metadata metadata,
            List<DeltaLogFiles.LiveFile> live) {
        if (!metadata.columnMappingMode().equals(NoMapping$.MODULE$)) {
            return Optional.empty();
        }
        List<String> partitions = JavaConverters.seqAsJavaList(metadata.partitionColumns());
        List<String> files = new ArrayList<>();
        for (DeltaLogFiles.LiveFile file : live) {
            StringBuilder folders = new StringBuilder(table.toString());
            for (String partition : partitions) {
                folders.append('/').append(ExternalCatalogUtils.getPartitionPathString(partition, file.partitionValues().get(partition)));
            }
            String path = new Path(table, new Path(URI.create(file.path()))).toString();
            if (!path.startsWith(folders + "/")) {
                return Optional.empty();
            }
            files.add(path);
        }
        StructType schema = metadata.schema();
        Dataset<Row> rows = files.isEmpty() ? spark.createDataFrame(List.of(), schema)
                : spark.read().schema(schema).option("basePath", table.toString()).parquet(files.toArray(String[]::new));
        // The table's column order (Spark puts partition columns last).
        return Optional.of(rows.select(Arrays.stream(schema.fieldNames()).map(name -> col("`" + name + "`")).toArray(Column[]::new)));
    }

    /**
     * The census snapshot a job reads: the requested one, else the latest stored. Every census run writes
     * silver.models, so its snapshots are the warehouse's; gold also holds enrichment tables not every snapshot has.
     */
    public LocalDate snapshot(LocalDate requested) {
        List<LocalDate> dates = snapshotDates(SILVER, "models");
        LocalDate snapshot = requested != null ? requested : dates.isEmpty() ? null : dates.get(dates.size() - 1);
        if (snapshot == null || !dates.contains(snapshot)) {
            throw new CensusInputException("Snapshot " + (snapshot == null ? "(none)" : snapshot) + " is not stored in " + root
                    + "; stored snapshots: " + dates + ".");
        }
        return snapshot;
    }

    /** The latest snapshot date of a stored table before the given one, if any. */
    public Optional<LocalDate> latestSnapshotBefore(String layer, String table, LocalDate snapshotDate) {
        return snapshotDates(layer, table).stream().filter(date -> date.isBefore(snapshotDate)).reduce((earlier, later) -> later);
    }

    private FileSystem fs(Path path) throws IOException {
        return path.getFileSystem(spark.sparkContext().hadoopConfiguration());
    }
}
