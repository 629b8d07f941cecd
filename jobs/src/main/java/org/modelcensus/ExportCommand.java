package org.modelcensus;

import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;

import org.modelcensus.config.CensusOptions;
import org.modelcensus.config.WarehouseOptions;
import org.modelcensus.errors.ExitCode;
import org.modelcensus.spark.SparkSessions;
import org.modelcensus.write.SnapshotExport;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code export} (scripts/export.sh): one stored snapshot as CSV files, from the warehouse alone. */
@Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Writes the census tables of one stored snapshot as CSV files.")
final class ExportCommand implements Callable<Integer> {

    @ParentCommand
    private ModelCensus app;

    @Mixin
    private WarehouseOptions warehouse;

    @Option(names = "--snapshot-date", paramLabel = "YYYY-MM-DD", description = "Snapshot to export (default: the latest stored).")
    private String snapshotDate;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Folder for the CSV files (created when missing).")
    private String out;

    @Override
    public Integer call() {
        LocalDate requested = CensusOptions.parseSnapshotDate(snapshotDate);
        return app.withSession(() -> SparkSessions.create(warehouse.master()), spark -> {
            List<String> tables = new SnapshotExport(spark, warehouse.warehouse()).export(requested, out);
            app.out().println("model-census: exported " + tables.size() + " tables to " + out);
            return ExitCode.OK.code();
        });
    }
}
