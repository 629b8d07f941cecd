package org.modelcensus.write;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.modelcensus.audit.RunAudit;
import org.modelcensus.config.CensusConfig.OutputFormat;
import org.modelcensus.errors.CensusInputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One stored snapshot as CSV, read from the warehouse alone (no catalogue): every gold table, rejected_rows, the
 * audit tables (data_quality, catalogue_changes and, after an enrichment, hardware_unmatched) and the snapshot's
 * census_runs. The same files as a census run's --export-csv, plus what an enrichment added to the snapshot.
 */
public final class SnapshotExport {

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotExport.class);

    private final SparkSession spark;
    private final Warehouse stored;

    public SnapshotExport(SparkSession spark, String warehouse) {
        this.spark = spark;
        // The format is found per table from its files; the one given here is only used for writing.
        this.stored = new Warehouse(spark, warehouse, OutputFormat.delta);
    }

    /**
     * Writes the snapshot (null: the latest stored) as {@code <outDir>/<table>.csv}.
     *
     * @return the tables written, in order
     */
    public List<String> export(LocalDate requested, String outDir) {
        if (stored.tables(Warehouse.GOLD).isEmpty()) {
            throw new CensusInputException("No census tables in " + stored.root() + " (expected " + stored.pathOf(Warehouse.GOLD, "<table>")
                    + "): give --warehouse the folder a census run wrote.");
        }
        LocalDate snapshot = stored.snapshot(requested);
        OutputFolder.create("--out", outDir, spark.sparkContext().hadoopConfiguration());
        Map<String, Dataset<Row>> tables = new LinkedHashMap<>();
        for (String table : stored.tables(Warehouse.GOLD)) {
            stored.readSnapshot(Warehouse.GOLD, table, snapshot).ifPresent(rows -> tables.put(table, rows));
        }
        stored.readSnapshot(Warehouse.SILVER, "rejected_rows", snapshot).ifPresent(rows -> tables.put("rejected_rows", rows));
        for (String table : stored.tables(Warehouse.AUDIT).stream().filter(t -> !t.equals(RunAudit.TABLE)).toList()) {
            stored.readSnapshot(Warehouse.AUDIT, table, snapshot).ifPresent(rows -> tables.put(table, rows));
        }
        RunAudit.runsOf(stored, snapshot).ifPresent(rows -> tables.put(RunAudit.TABLE, rows));
        new CsvExporter(spark, outDir).exportAll(tables);
        LOG.info("exported snapshot {} of {}: {}", snapshot, stored.root(), tables.keySet());
        return List.copyOf(tables.keySet());
    }
}
