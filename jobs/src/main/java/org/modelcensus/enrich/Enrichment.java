package org.modelcensus.enrich;

import java.io.IOException;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.modelcensus.errors.CensusInputException;
import org.modelcensus.config.CensusConfig.OutputFormat;
import org.modelcensus.config.EnrichConfig;
import org.modelcensus.config.TextSource;
import org.modelcensus.reference.ReferenceData;
import org.modelcensus.spark.SparkSessions;
import org.modelcensus.transform.CensusFunctions;
import org.modelcensus.transform.SqlRunner;
import org.modelcensus.write.TableWriter;
import org.modelcensus.write.Warehouse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One enrichment run: a stored census snapshot (silver.models, silver.model_countries) joined with a hardware file
 * and/or an investment table: the SQL files that read them, each written to the layer of its folder, into the same
 * snapshot of the same warehouse. Re-running replaces that snapshot's tables.
 */
public final class Enrichment {

    private static final Logger LOG = LoggerFactory.getLogger(Enrichment.class);
    private static final List<String> LAYERS = List.of(Warehouse.SILVER, Warehouse.GOLD, Warehouse.AUDIT);

    private final SparkSession spark;

    public Enrichment(SparkSession spark) {
        this.spark = spark;
    }

    /** What a run wrote: the tables by layer and name, and the rows written by {@code layer.table}. */
    public record Result(LocalDate snapshotDate, Map<String, Map<String, Dataset<Row>>> tables, Map<String, Long> written) {
    }

    public Result run(EnrichConfig requested) {
        long started = System.nanoTime();
        Warehouse stored = new Warehouse(spark, requested.warehouse(), OutputFormat.delta);
        OutputFormat format = stored.formatOf(Warehouse.SILVER, "models").orElseThrow(() -> new CensusInputException(
                "No census in " + requested.warehouse() + " (" + stored.pathOf(Warehouse.SILVER, "models") + " not found): run "
                        + "scripts/run.sh --warehouse " + requested.warehouse() + " first, or give --warehouse the folder it wrote."));
        Warehouse warehouse = new Warehouse(spark, requested.warehouse(), format);
        // Sized before the first read (Delta's own queries on a table's log are sized by it too): the stored models of
        // every snapshot and the files joined in, at about a row per 64 bytes (a model, hardware or deal row).
        long inputBytes = bytesOf(warehouse.pathOf(Warehouse.SILVER, "models").toString()) + bytesOf(requested.hardware())
                + bytesOf(requested.investment());
        SparkSessions.sizeFor(spark, inputBytes, inputBytes / 64);
        LocalDate snapshot = warehouse.snapshot(requested.snapshotDate());
        EnrichConfig config = requested.withSnapshotDate(snapshot);
        LOG.info("enriching census snapshot {} of {} (hardware: {}, investment: {})", snapshot, config.warehouse(),
                config.hardware(), config.investment());

        CensusFunctions.register(spark);
        ReferenceData reference = new ReferenceData(spark, TextSource.of(config.referenceDir(), "conf/reference"));
        reference.registerViews();
        warehouse.readSnapshot(Warehouse.SILVER, "models", snapshot).orElseThrow().createOrReplaceTempView("models");
        warehouse.readSnapshot(Warehouse.SILVER, "model_countries", snapshot).orElseThrow().createOrReplaceTempView("model_countries");
        Set<String> inputs = new LinkedHashSet<>();
        if (config.hardware() != null) {
            List<String> peaks = new HardwareReader(spark).register(config.hardware(), reference.hardwarePerformanceColumns());
            LOG.info("hardware file {}: performance columns {}", config.hardware(), peaks);
            inputs.addAll(List.of(HardwareReader.HARDWARE_VIEW, HardwareReader.PEAKS_VIEW));
        }
        if (config.investment() != null) {
            LOG.info("investment table {}: {}", config.investment(), new InvestmentReader(spark).register(config));
            inputs.add(InvestmentReader.VIEW);
        }
        // The SQL files that read the hardware or investment input, and what they need; the stored census tables are
        // read, never computed again.
        SqlRunner.Plan sql = new SqlRunner(spark, TextSource.of(config.sqlDir(), "sql"), config.sqlParameters())
                .plan(inputs, Set.of("models", "model_countries"));
        sql.run("reference");
        sql.run("staging");
        Map<String, Map<String, Dataset<Row>>> tables = new LinkedHashMap<>();
        for (String layer : LAYERS) {
            tables.put(layer, sql.run(layer, table -> table.persist(StorageLevel.MEMORY_AND_DISK())));
        }

        // Silver first: the breakdowns and the audit read its stored (persisted) rows instead of recomputing the join;
        // then those together, in one round of parallel writes.
        TableWriter writer = new TableWriter(spark, warehouse, snapshot);
        Map<String, Long> written = new LinkedHashMap<>(writer.writeAll(Warehouse.SILVER, tables.get(Warehouse.SILVER)));
        Map<String, Map<String, Dataset<Row>>> readingSilver = new LinkedHashMap<>(tables);
        readingSilver.remove(Warehouse.SILVER);
        written.putAll(writer.writeAll(readingSilver));
        LOG.info("enrichment of snapshot {} written in {}: {}", snapshot,
                String.format("%.1f s", (System.nanoTime() - started) / 1e9), written);
        logWhatWasLeftOut(config);
        return new Result(snapshot, tables, written);
    }

    /** The bytes under a file or folder (none when it is not given or not found), for sizing the session. */
    private long bytesOf(String location) {
        if (location == null) {
            return 0;
        }
        Path path = new Path(location);
        try {
            return path.getFileSystem(spark.sparkContext().hadoopConfiguration()).getContentSummary(path).getLength();
        } catch (IOException e) {
            return 0;
        }
    }

    /** Unmatched hardware names and skipped investment rows go to the log, with what to do about them. */
    private void logWhatWasLeftOut(EnrichConfig config) {
        if (config.hardware() != null) {
            List<Row> unmatched = spark.sql("select training_hardware, models from hardware_unmatched").collectAsList();
            if (!unmatched.isEmpty()) {
                LOG.warn("{} training-hardware name(s) match no chip of {} (table audit.hardware_unmatched; add them to "
                        + "conf/reference/hardware_aliases.csv to match): {}", unmatched.size(), config.hardware(),
                        unmatched.stream().limit(20).map(r -> r.getString(0) + " (" + r.getLong(1) + " models)").toList());
            }
        }
        if (config.investment() != null) {
            List<Row> skipped = spark.sql("select skip_reason, sum(records), slice(array_sort(collect_set(coalesce(country_label, '(empty)'))), 1, 10) "
                    + "from stg_investment_records where skip_reason is not null group by skip_reason order by skip_reason").collectAsList();
            for (Row row : skipped) {
                LOG.warn("investment table {}: {} row(s) not used, {}: {}", config.investment(), row.getLong(1), row.getString(0),
                        row.getList(2));
            }
        }
    }
}
