package org.modelcensus;

import java.io.PrintStream;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.modelcensus.audit.RunAudit;
import org.modelcensus.config.CensusConfig.OutputFormat;
import org.modelcensus.config.CensusOptions;
import org.modelcensus.config.CommandLines;
import org.modelcensus.spark.SparkSessions;
import org.modelcensus.write.CsvExporter;
import org.modelcensus.write.Warehouse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * scripts/export.sh: writes one stored snapshot as CSV, read from the warehouse, no catalogue needed. The files
 * are those of {@code --export-csv} (every gold table, rejected_rows, data_quality, catalogue_changes and the
 * census_runs of the snapshot), plus the tables scripts/enrich.sh added to the snapshot's gold and audit layers. Exit codes as {@link CensusJob}: 0 done, 1 unexpected failure, 2 fixable input.
 */
@Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Writes the census tables of one stored snapshot as CSV files.")
public final class CensusExport {

    private static final Logger LOG = LoggerFactory.getLogger(CensusExport.class);

    @Option(names = "--warehouse", paramLabel = "DIR", required = true, description = "The census warehouse to read.")
    String warehouse;

    @Option(names = "--snapshot-date", paramLabel = "YYYY-MM-DD", description = "Snapshot to export (default: the latest stored).")
    String snapshotDate;

    @Option(names = "--to", paramLabel = "DIR", required = true, description = "Folder for the CSV files (created when missing).")
    String to;

    @Option(names = "--master", paramLabel = "URL", description = "Spark master (default: local[*]).")
    String master;

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err, true));
    }

    public static int run(String[] args, PrintStream out, PrintStream err, boolean stopSession) {
        CensusExport options = new CensusExport();
        CommandLine commandLine = new CommandLine(options);
        SparkSession spark = null;
        try {
            if (!CommandLines.parse(commandLine, args, out)) {
                return CensusJob.OK;
            }
            LocalDate requested = CensusOptions.parseSnapshotDate(options.snapshotDate);
            spark = SparkSessions.create(options.master);
            int files = options.export(spark, requested);
            out.println("model-census: exported " + files + " tables to " + options.to);
            return CensusJob.OK;
        } catch (CensusInputException e) {
            err.println("model-census: " + e.getMessage());
            return CensusJob.BAD_INPUT;
        } catch (Exception e) {
            LOG.error("export failed", e);
            err.println("model-census: unexpected failure: " + e + " (details in the log above)");
            return CensusJob.FAILED;
        } finally {
            if (spark != null && stopSession) {
                spark.stop();
            }
        }
    }

    private int export(SparkSession spark, LocalDate requested) {
        // The format is found per table from its files; the one given here is only used for writing.
        Warehouse stored = new Warehouse(spark, warehouse, OutputFormat.delta);
        List<String> goldTables = stored.tables(Warehouse.GOLD);
        if (goldTables.isEmpty()) {
            throw new CensusInputException("No census tables in " + warehouse + " (expected " + stored.pathOf(Warehouse.GOLD, "<table>")
                    + "): give --warehouse the folder a census run wrote.");
        }
        // Every census run writes silver.models; gold also holds the enrichment's tables, which not every snapshot has.
        List<LocalDate> dates = stored.snapshotDates(Warehouse.SILVER, "models");
        LocalDate snapshot = requested != null ? requested : dates.isEmpty() ? null : dates.get(dates.size() - 1);
        if (snapshot == null || !dates.contains(snapshot)) {
            throw new CensusInputException("Snapshot " + (snapshot == null ? "(none)" : snapshot) + " is not stored in " + warehouse
                    + "; stored snapshots: " + dates + ".");
        }

        Map<String, Dataset<Row>> tables = new LinkedHashMap<>();
        for (String table : goldTables) {
            stored.readSnapshot(Warehouse.GOLD, table, snapshot).ifPresent(rows -> tables.put(table, rows));
        }
        stored.readSnapshot(Warehouse.SILVER, "rejected_rows", snapshot).ifPresent(rows -> tables.put("rejected_rows", rows));
        // data_quality, catalogue_changes and, after scripts/enrich.sh, hardware_unmatched; census_runs below
        for (String table : stored.tables(Warehouse.AUDIT).stream().filter(t -> !t.equals(RunAudit.TABLE)).toList()) {
            stored.readSnapshot(Warehouse.AUDIT, table, snapshot).ifPresent(rows -> tables.put(table, rows));
        }
        Optional<Dataset<Row>> runs = RunAudit.runsOf(stored, snapshot);
        runs.ifPresent(rows -> tables.put(RunAudit.TABLE, rows));
        new CsvExporter(spark, to).exportAll(tables);
        LOG.info("exported snapshot {} of {}: {}", snapshot, warehouse, tables.keySet());
        return tables.size();
    }
}
