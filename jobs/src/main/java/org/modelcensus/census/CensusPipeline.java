package org.modelcensus.census;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.modelcensus.audit.RunAudit;
import org.modelcensus.config.CensusConfig;
import org.modelcensus.config.CensusOptions;
import org.modelcensus.config.TextSource;
import org.modelcensus.errors.CensusInputException;
import org.modelcensus.errors.CensusQualityException;
import org.modelcensus.errors.ExitCode;
import org.modelcensus.read.CatalogueInput;
import org.modelcensus.read.CatalogueRead;
import org.modelcensus.read.CatalogueReader;
import org.modelcensus.read.InputFingerprint;
import org.modelcensus.quality.DataQuality;
import org.modelcensus.reference.ReferenceData;
import org.modelcensus.report.ReportRenderer;
import org.modelcensus.scope.CatalogueKind;
import org.modelcensus.scope.ComputeScope;
import org.modelcensus.spark.PackedCheckpoint;
import org.modelcensus.spark.SparkSessions;
import org.modelcensus.transform.CensusFunctions;
import org.modelcensus.transform.SqlRunner;
import org.modelcensus.write.CsvExporter;
import org.modelcensus.write.OutputFolder;
import org.modelcensus.write.TableWriter;
import org.modelcensus.write.Warehouse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One census run: read → normalize (silver) → breakdowns (gold) → write. */
public final class CensusPipeline {

    private static final Logger LOG = LoggerFactory.getLogger(CensusPipeline.class);
    private static final Pattern DATE_IN_NAME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    /** Folder of the warehouse where a run on a cluster keeps its checkpoints, in {@code <run id>/}, until it ends. */
    static final String CHECKPOINTS = "_checkpoints";

    /** The views a census registers for its SQL files: the records read and the previous snapshot's models. */
    static final Set<String> SQL_INPUTS = Set.of("catalogue_accepted", "rejected_rows", "previous_models");

    private final SparkSession spark;
    /** The catalogue as read, its records kept for the run and released when it ends (CatalogueRead.release). */
    private CatalogueRead catalogue;
    /**
     * The kept tables of the accepted records and staging, in local mode. The census's silver files and quality checks
     * read them, nothing after: released once those ran, they leave the memory to the writes (at 10^6 models 1.5 GB,
     * which Spark otherwise spilled to disk in the gold phase). Kept to the end when a later file reads them.
     */
    private final List<PackedCheckpoint> keptForSilver = new ArrayList<>();

    public CensusPipeline(SparkSession spark) {
        this.spark = spark;
    }

    /**
     * What a run produced: the tables by name, the read counts and the data-quality report.
     *
     * @param report  the report page written, null when --report-dir is empty
     * @param skipped why the run counted nothing (its input and options were unchanged), null when it ran
     */
    public record Result(CensusConfig config, long read, long accepted, long rejected,
                         Map<String, Dataset<Row>> silver, Map<String, Dataset<Row>> gold, Map<String, Long> rowsWritten,
                         String runId, DataQuality.Report quality, Dataset<Row> changes, java.nio.file.Path report, String skipped) {

        /** A run that counted nothing: its input and options were unchanged since the last successful run. */
        static Result skipped(CensusConfig config, String runId, String reason) {
            return new Result(config, 0, 0, 0, Map.of(), Map.of(), Map.of(), runId, null, null, null, reason);
        }

        /** What the run counted and where its outputs are, for the person who started it. */
        public String summary() {
            if (skipped != null) {
                return "model-census: snapshot " + config.snapshotDate() + " of " + config.input() + ": " + skipped + "\n";
            }
            Row total = gold.get("headline_metrics").where("metric = 'models_total'").first();
            String countries = gold.get("country_ranking").limit(5).collectAsList().stream()
                    .map(row -> java.util.Objects.requireNonNullElse(row.<String>getAs("country_name_en"), row.<String>getAs("country_code"))
                            + " " + row.getAs("models"))
                    .collect(java.util.stream.Collectors.joining(", "));
            StringBuilder text = new StringBuilder()
                    .append("model-census: snapshot ").append(config.snapshotDate()).append(" of ").append(config.input()).append(": ")
                    .append(read).append(" records = ").append(accepted).append(" accepted + ").append(rejected).append(" rejected\n")
                    .append("  ").append((long) total.getDouble(1)).append(" models released ").append(config.fromYear()).append("-")
                    .append(config.toYear()).append("; most by country: ").append(countries).append('\n')
                    .append("  tables: ").append(config.warehouse()).append(" (").append(rowsWritten.size())
                    .append(" tables; query them with scripts/sql.sh \"SELECT * FROM country_ranking\")\n");
            if (report != null) {
                text.append("  report: ").append(report).append('\n');
            }
            if (config.exportCsvDir() != null) {
                text.append("  CSV:    ").append(config.exportCsvDir()).append('\n');
            }
            return text.toString();
        }
    }

    /** Runs the census and records the run in census_runs, however it ends. */
    public Result run(CensusConfig requested) {
        return run(requested, null);
    }

    /**
     * As {@link #run(CensusConfig)}, with the input's fingerprint when it was just taken (UnchangedRun hashed it to
     * find it changed): a big input is then read once for its hash, not twice.
     */
    public Result run(CensusConfig requested, InputFingerprint hashed) {
        RunAudit audit = new RunAudit(requested);
        Path checkpoints = new Path(new Path(requested.warehouse(), CHECKPOINTS), audit.runId());
        if (!spark.sparkContext().isLocal()) {
            spark.sparkContext().setCheckpointDir(checkpoints.toString()); // see materialize
        }
        try {
            return census(requested, audit, hashed);
        } catch (Exception | Error e) { // an IOException too, which Delta's Scala code throws undeclared
            audit.appendFailure(spark, e);
            throw e;
        } finally {
            if (catalogue != null) {
                catalogue.release();
                catalogue = null;
            }
            releaseKeptForSilver();
            if (!spark.sparkContext().isLocal()) {
                deleteCheckpoints(checkpoints);
            }
        }
    }

    private Result census(CensusConfig requested, RunAudit audit, InputFingerprint hashed) {
        Phases phases = new Phases();
        phases.done("JVM and session");
        CensusFunctions.register(spark);
        TextSource referenceFiles = TextSource.of(requested.referenceDir(), "conf/reference");
        ReferenceData reference = new ReferenceData(spark, referenceFiles);
        Set<String> countryCodes = reference.registerViews();
        if (!countryCodes.contains(requested.focusCountry())) {
            throw new CensusInputException("Unknown --focus-country " + requested.focusCountry() + ": it is not a country code of "
                    + referenceFiles.describe("countries.csv") + " (known: " + String.join(", ", countryCodes) + ").");
        }

        CatalogueReader reader = new CatalogueReader(spark, reference.catalogueFields());
        CatalogueInput input = reader.locate(requested.input(), requested.inputFormat());
        CensusConfig config = requested.snapshotDate() != null ? requested : requested.withSnapshotDate(snapshotDateOf(input));
        audit.config(config);
        // Until the records are counted (below), about a row per 64 bytes of input: the audit's and Delta's own first
        // queries (is the input unchanged since the last run?) are sized by it too.
        SparkSessions.sizeFor(spark, input.bytes(), input.bytes() / 64);
        LOG.info("census run {} of {} ({}) as snapshot {} (window {}-{}, format {})", audit.runId(), config.input(), input.format(),
                config.snapshotDate(), config.fromYear(), config.toYear(), config.format());
        createOutputFolders(config);
        InputFingerprint fingerprint = hashed != null ? hashed : reader.fingerprint(input);
        audit.input(fingerprint);
        Warehouse warehouse = new Warehouse(spark, config.warehouse(), config.format());
        Optional<Result> skipped = config.force() ? Optional.empty() : skipUnchanged(config, fingerprint, warehouse, audit);
        if (skipped.isPresent()) {
            return skipped.get();
        }

        catalogue = reader.read(input, fingerprint);
        // The records are kept once, each with its verdict: the counts, the kind, the accepted and the rejected records
        // then read them, not the input (a Parquet catalogue was scanned once more for the counts: at 10^6 models 1.5 s).
        catalogue = catalogue.withRecords(materializeForSilver(catalogue.records()));
        catalogue.release(); // what the reader kept to classify them (a CSV's parsed records): the copy replaces it
        CatalogueKind kind = CatalogueKind.of(catalogue);
        audit.catalogue(kind.name());
        if (!catalogue.header().unusedColumns().isEmpty()) {
            LOG.info("columns not used by the census: {}", catalogue.header().unusedColumnsListed());
        }
        if (!catalogue.header().absentFields().isEmpty()) {
            LOG.info("fields not in the header, null for every model (their header names: conf/reference/catalogue_fields.csv): {}",
                    String.join(", ", catalogue.header().absentFields()));
        }
        CatalogueRead.Counts counts = catalogue.counts();
        long accepted = counts.accepted();
        long rejected = counts.rejected();
        audit.counts(accepted + rejected, accepted, rejected);
        SparkSessions.sizeFor(spark, input.bytes(), accepted + rejected);
        if (accepted + rejected == 0) {
            throw new CensusInputException("Input file " + config.input() + " has a header but no model rows.");
        }

        // Each table is computed once and kept, with its query plan cut short: later SQL files then plan against
        // a small stored table rather than the whole chain of views before it (planning, not data, is what costs
        // most on a catalogue of a few hundred rows). The accepted records are a filter of the kept ones.
        catalogue.accepted().createOrReplaceTempView("catalogue_accepted");
        // The rejected records are read by the quality check, the write and the export: with none (counted above) an
        // empty table, else kept once, apart from the records, which are released after the quality checks.
        Dataset<Row> rejectedRows = rejected == 0 ? spark.createDataFrame(List.<Row>of(), catalogue.rejected().schema())
                : materialize(catalogue.rejected());
        rejectedRows.createOrReplaceTempView("rejected_rows");
        SqlRunner.Plan sql = new SqlRunner(spark, TextSource.of(config.sqlDir(), "sql"), config.sqlParameters())
                .plan(SQL_INPUTS, Set.of());
        phases.done("read");
        sql.run("reference");
        // Staging too: the seven silver files (and the scope's audit) read stg_catalogue, whose label mappings each of
        // them would otherwise compute and plan again (silver phase of the real catalogue 2.1-2.4 s -> 1.5-1.8 s). A
        // staging table that one file reads (stg_catalogue_scope, the accepted records and a column) is computed in it:
        // keeping it was a copy of every record for one reader.
        sql.run("staging", this::materializeForSilver, name -> sql.readers(name) > 1);
        audit.excluded(ComputeScope.excluded(spark, config));
        Map<String, Dataset<Row>> silver = sql.run(Warehouse.SILVER, this::materialize);
        phases.done("silver");

        // The quality gate: nothing of this snapshot is written when an error-level check fails.
        DataQuality.Report quality = new DataQuality(spark).check(sql);
        if (!quality.passed()) {
            audit.checksFailed(quality.failedErrors());
            throw new CensusQualityException("the quality gate stopped the run: " + quality.failedErrors().size()
                    + " error-level check(s) failed: " + String.join("; ", quality.failedErrors())
                    + ". No table of snapshot " + config.snapshotDate() + " was written; fix the catalogue"
                    + (quality.failedErrors().stream().anyMatch(c -> c.startsWith("rejected_share")) ? " or raise --max-reject-share" : "")
                    + " and run again.", quality.failedErrors());
        }
        Dataset<Row> changes = materialize(catalogueChanges(warehouse, config.snapshotDate(), silver.get("models"), sql));
        if (!readAfterQuality(sql)) {
            releaseKeptForSilver();
        }
        phases.done("quality and changes");

        // The gold files are analysed before anything is written, so a broken one stops the run with the warehouse as it
        // was; the silver and audit tables are then written while Spark plans the gold ones (the main thread's work).
        sql.run("intermediate");
        Map<String, Dataset<Row>> gold = sql.run(Warehouse.GOLD);
        Map<String, Dataset<Row>> silverTables = new LinkedHashMap<>(silver);
        silverTables.put("rejected_rows", rejectedRows);
        Map<String, Dataset<Row>> auditTables = new LinkedHashMap<>();
        auditTables.put("data_quality", quality.table().select(lit(audit.runId()).as("run_id"), col("*")));
        auditTables.put("catalogue_changes", changes);
        Map<String, Map<String, Dataset<Row>>> tables = new LinkedHashMap<>();
        tables.put(Warehouse.SILVER, silverTables);
        tables.put(Warehouse.AUDIT, auditTables);
        Map<String, Long> written;
        try (TableWriter.Writes writes = new TableWriter(spark, warehouse, config.snapshotDate()).start(tables)) {
            // Gold tables are small aggregates of the silver ones: kept once computed (by the writes) for the counts, the
            // export and the report. In run order, so a file that reads another gold table reads the kept one.
            gold.values().forEach(table -> table.persist(StorageLevel.MEMORY_AND_DISK()));
            writes.add(Warehouse.GOLD, gold);
            written = writes.await();
        }
        audit.written(written);
        phases.done("gold and writes");

        RunAudit.Record record = audit.record(ExitCode.OK.status(), ExitCode.OK.code(), null);
        if (config.exportCsvDir() != null) {
            Map<String, Dataset<Row>> exported = new LinkedHashMap<>(gold);
            exported.put("rejected_rows", rejectedRows);
            exported.putAll(auditTables);
            Dataset<Row> recorded = record.table(spark);
            exported.put(RunAudit.TABLE, RunAudit.runsOf(warehouse, config.snapshotDate()).map(runs -> runs.unionByName(recorded, true)).orElse(recorded));
            new CsvExporter(spark, config.exportCsvDir()).exportAll(exported);
            LOG.info("exported {} tables to {}", exported.size(), config.exportCsvDir());
            phases.done("export");
        }
        java.nio.file.Path report = config.reportDir() == null ? null
                : new ReportRenderer(config.reportDir()).render(config, kind, gold, spark, quality.table());
        phases.done("report");
        audit.append(spark, record);
        phases.done("audit");
        LOG.info("read {} records = {} accepted + {} rejected; wrote {} tables to {}", accepted + rejected, accepted, rejected,
                written.size(), config.warehouse());
        LOG.info("phases: {}", phases);
        return new Result(config, accepted + rejected, accepted, rejected, silver, gold, written, audit.runId(), quality, changes,
                report, null);
    }

    /**
     * A scheduled run whose input bytes and options equal the warehouse's last successful run's has nothing new to
     * count: it is recorded as skipped and rewrites nothing (--force recomputes). A Delta warehouse is mostly told so
     * before its session starts (UnchangedRun); this is the same rule for the rest.
     */
    private Optional<Result> skipUnchanged(CensusConfig config, InputFingerprint fingerprint, Warehouse warehouse, RunAudit audit) {
        Optional<RunAudit.LastSuccess> last = RunAudit.lastSuccess(warehouse);
        if (last.isEmpty() || !last.get().unchanged(fingerprint, config.asOptions())) {
            return Optional.empty();
        }
        String reason = last.get().skipReason();
        LOG.info("skipped: {}", reason);
        audit.append(spark, audit.record("skipped", ExitCode.OK.code(), reason));
        return Optional.of(Result.skipped(config, audit.runId(), reason));
    }

    /** catalogue_changes against the latest earlier snapshot of the warehouse's models (none: no changes). */
    private Dataset<Row> catalogueChanges(Warehouse warehouse, LocalDate snapshotDate, Dataset<Row> models, SqlRunner.Plan sql) {
        Optional<LocalDate> previousDate = warehouse.latestSnapshotBefore(Warehouse.SILVER, "models", snapshotDate);
        Dataset<Row> previous = previousDate
                .flatMap(date -> warehouse.readSnapshot(Warehouse.SILVER, "models", date).map(rows -> rows.withColumn("snapshot_date", lit(java.sql.Date.valueOf(date)))))
                .orElse(models.limit(0).withColumn("snapshot_date", lit(null).cast("date")));
        LOG.info("catalogue changes against {}", previousDate.map(d -> "snapshot " + d).orElse("no earlier snapshot"));
        previous.createOrReplaceTempView("previous_models");
        return sql.run(Warehouse.AUDIT).get("catalogue_changes");
    }

    /** How long each phase of the run took, the first counted from the JVM's start (session and reading included). */
    private static final class Phases {
        private final StringBuilder text = new StringBuilder();
        private final long jvmStart = java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
        private long last = jvmStart;

        void done(String phase) {
            long now = System.currentTimeMillis();
            String took = String.format("%.1f s", (now - last) / 1e3);
            LOG.info("phase {} done in {}", phase, took);
            text.append(text.length() == 0 ? "" : ", ").append(phase).append(' ').append(took);
            last = now;
        }

        @Override
        public String toString() {
            return text + String.format("; %.1f s since the JVM started", (last - jvmStart) / 1e3);
        }
    }

    /**
     * Computes a table once and keeps it, with its plan cut, which is what makes small catalogues fast. In local mode
     * it is kept in memory, its rows packed into a few arrays (a local checkpoint the garbage collector need not trace:
     * PackedCheckpoint). On a cluster a local checkpoint lives only on the executor that computed it (when that
     * executor dies the run fails: "Checkpoint block ... not found"), so the table is written to
     * {@code <warehouse>/_checkpoints/<run id>} (a reliable checkpoint), which the run removes when it ends. Caching
     * (persist) instead also survives a lost executor but keeps every plan whole: on the 2-core machine the quality
     * checks alone then took over 3 minutes on local-cluster[2,1,1024], against 8 s with checkpoints.
     */
    private Dataset<Row> materialize(Dataset<Row> table) {
        return materialize(table, null);
    }

    /** As {@link #materialize(Dataset)}, for a table released after the quality checks (keptForSilver). */
    private Dataset<Row> materializeForSilver(Dataset<Row> table) {
        return materialize(table, keptForSilver);
    }

    private Dataset<Row> materialize(Dataset<Row> table, List<PackedCheckpoint> releasedLater) {
        Dataset<Row> kept;
        if (spark.sparkContext().isLocal()) {
            PackedCheckpoint packed = PackedCheckpoint.of(spark, table);
            if (releasedLater != null) {
                releasedLater.add(packed);
            }
            kept = packed.table();
        } else {
            kept = table.checkpoint(true);
        }
        // Fresh column ids: a kept table shares its columns' ids with the tables it came from, and a later join of the
        // two (model_organizations joins model_org_categories, both from stg_catalogue) then fails to resolve when
        // adaptive execution is off (Spark does not carry the kept table's partitioning over to renewed ids).
        return kept.select(Arrays.stream(kept.columns()).map(name -> kept.col("`" + name + "`").as(name)).toArray(Column[]::new));
    }

    /** Whether a file of a layer run after the quality checks reads the accepted records or a staging table. */
    static boolean readAfterQuality(SqlRunner.Plan sql) {
        Set<String> kept = new HashSet<>(Set.of("catalogue_accepted"));
        sql.tables().stream().filter(table -> table.layer().equals("staging")).forEach(table -> kept.add(table.name()));
        List<String> later = SqlRunner.LAYERS.subList(SqlRunner.LAYERS.indexOf("quality") + 1, SqlRunner.LAYERS.size());
        return sql.tables().stream()
                .filter(table -> later.contains(table.layer()))
                .anyMatch(table -> table.reads().stream().anyMatch(kept::contains));
    }

    private void releaseKeptForSilver() {
        keptForSilver.forEach(PackedCheckpoint::release);
        keptForSilver.clear();
    }

    /** Makes the folders the run writes to before it counts anything ({@link OutputFolder}). */
    private void createOutputFolders(CensusConfig config) {
        Configuration hadoop = spark.sparkContext().hadoopConfiguration();
        OutputFolder.create("--warehouse", config.warehouse(), hadoop);
        if (config.exportCsvDir() != null) {
            OutputFolder.create("--export-csv", config.exportCsvDir(), hadoop);
        }
        if (config.reportDir() != null) { // a folder on the driver
            OutputFolder.create("--report-dir", config.reportDir(), new Path(new java.io.File(config.reportDir()).toURI()), hadoop,
                    "Give a folder this user can write, or --report-dir '' for no report.");
        }
    }

    private void deleteCheckpoints(Path checkpoints) {
        try {
            FileSystem fs = checkpoints.getFileSystem(spark.sparkContext().hadoopConfiguration());
            fs.delete(checkpoints, true);
            FileStatus[] others = fs.exists(checkpoints.getParent()) ? fs.listStatus(checkpoints.getParent()) : null;
            if (others != null && others.length == 0) {
                fs.delete(checkpoints.getParent(), false);
            }
        } catch (IOException e) {
            LOG.warn("could not remove the checkpoints {}: {}", checkpoints, e.getMessage());
        }
    }

    /** Spec default: the first YYYY-MM-DD in the file name, else the file's modification date (UTC). */
    static LocalDate snapshotDateOf(CatalogueInput input) {
        Matcher matcher = DATE_IN_NAME.matcher(input.name());
        while (matcher.find()) {
            LocalDate date = CensusOptions.parseIsoDate(matcher.group());
            if (date != null) {
                return date;
            }
        }
        return Instant.ofEpochMilli(input.modificationTime()).atZone(ZoneOffset.UTC).toLocalDate();
    }

}
