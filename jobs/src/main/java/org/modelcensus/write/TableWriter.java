package org.modelcensus.write;

import static org.apache.spark.sql.functions.lit;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.modelcensus.config.CensusConfig.OutputFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one snapshot of a table under {@code <warehouse>/<layer>/<table>}, partitioned by snapshot_date (and
 * release_year where the table has it). Re-running a snapshot replaces that snapshot only.
 * Delta does it in one atomic commit (replaceWhere), so readers never see a half-written snapshot;
 * Parquet deletes the snapshot's folder, then appends.
 */
public final class TableWriter {

    private static final Logger LOG = LoggerFactory.getLogger(TableWriter.class);

    private final SparkSession spark;
    private final String warehouse;
    private final OutputFormat format;
    private final LocalDate snapshotDate;

    public TableWriter(SparkSession spark, String warehouse, OutputFormat format, LocalDate snapshotDate) {
        this.spark = spark;
        this.warehouse = warehouse;
        this.format = format;
        this.snapshotDate = snapshotDate;
    }

    public String pathOf(String layer, String table) {
        return new Path(new Path(warehouse, layer), table).toString();
    }

    /** @return rows written */
    public long write(String layer, String table, Dataset<Row> rows) {
        List<String> partitions = new ArrayList<>(List.of("snapshot_date"));
        if (List.of(rows.columns()).contains("release_year") && !layer.equals("gold")) {
            partitions.add("release_year");
        }
        Dataset<Row> snapshot = rows.withColumn("snapshot_date", lit(java.sql.Date.valueOf(snapshotDate)));
        String path = pathOf(layer, table);
        if (format == OutputFormat.delta) {
            snapshot.write()
                    .format("delta")
                    .mode(SaveMode.Overwrite)
                    .option("replaceWhere", "snapshot_date = '" + snapshotDate + "'")
                    .option("mergeSchema", "true")
                    .partitionBy(partitions.toArray(String[]::new))
                    .save(path);
        } else {
            deleteSnapshotFolder(path);
            snapshot.write()
                    .format("parquet")
                    .mode(SaveMode.Append)
                    .partitionBy(partitions.toArray(String[]::new))
                    .save(path);
        }
        long written = rows.count();
        LOG.info("wrote {}/{}: {} rows for snapshot {}", layer, table, written, snapshotDate);
        return written;
    }

    private void deleteSnapshotFolder(String tablePath) {
        Path folder = new Path(tablePath, "snapshot_date=" + snapshotDate);
        try {
            FileSystem fs = folder.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (fs.exists(folder)) {
                fs.delete(folder, true);
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot replace snapshot " + snapshotDate + " of " + tablePath + ": " + e.getMessage(), e);
        }
    }
}
