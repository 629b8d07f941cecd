package org.modelcensus.audit;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.io.IOException;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.modelcensus.config.CensusConfig;
import org.modelcensus.config.CensusConfig.OutputFormat;
import org.modelcensus.errors.ExitCode;
import org.modelcensus.read.InputFingerprint;
import org.modelcensus.write.TableWriter;
import org.modelcensus.write.Warehouse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The census_runs record of one run: what ran on which input, with which options and versions, what it read
 * and wrote, and how it ended. Filled in as the run goes, appended once when it ends, failed runs included.
 * (A run killed with kill -9 cannot record itself; its partial files are never visible, see TableWriter.)
 */
public final class RunAudit {

    private static final Logger LOG = LoggerFactory.getLogger(RunAudit.class);
    public static final String TABLE = "census_runs";

    public static final StructType SCHEMA = new StructType()
            .add("run_id", DataTypes.StringType, false)
            .add("started_at", DataTypes.TimestampType, false)
            .add("ended_at", DataTypes.TimestampType, false)
            .add("status", DataTypes.StringType, false)
            .add("exit_code", DataTypes.IntegerType, false)
            .add("message", DataTypes.StringType)
            .add("input_path", DataTypes.StringType)
            .add("input_sha256", DataTypes.StringType)
            .add("input_bytes", DataTypes.LongType)
            .add("snapshot_date", DataTypes.DateType)
            .add("options", DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType))
            .add("rows_read", DataTypes.LongType)
            .add("rows_accepted", DataTypes.LongType)
            .add("rows_rejected", DataTypes.LongType)
            .add("rows_written", DataTypes.createMapType(DataTypes.StringType, DataTypes.LongType))
            .add("checks_failed", DataTypes.createArrayType(DataTypes.StringType))
            .add("spark_version", DataTypes.StringType)
            .add("delta_version", DataTypes.StringType)
            // what was counted: the catalogue's kind and the accepted models --min-compute left out, per reason
            .add("catalogue", DataTypes.StringType)
            .add("rows_excluded", DataTypes.createMapType(DataTypes.StringType, DataTypes.LongType));

    private final String runId = UUID.randomUUID().toString();
    private final Instant startedAt = Instant.now();
    private CensusConfig config;
    private InputFingerprint input;
    private Long read;
    private Long accepted;
    private Long rejected;
    private Map<String, Long> rowsWritten = new LinkedHashMap<>();
    private List<String> checksFailed = List.of();
    private String catalogue;
    private Map<String, Long> rowsExcluded = new LinkedHashMap<>();

    public RunAudit(CensusConfig config) {
        this.config = config;
    }

    public String runId() {
        return runId;
    }

    public void config(CensusConfig resolved) {
        this.config = resolved;
    }

    public void input(InputFingerprint fingerprint) {
        this.input = fingerprint;
    }

    public void counts(long readRecords, long acceptedRecords, long rejectedRecords) {
        this.read = readRecords;
        this.accepted = acceptedRecords;
        this.rejected = rejectedRecords;
    }

    public void written(Map<String, Long> rows) {
        this.rowsWritten = new LinkedHashMap<>(rows);
    }

    public void checksFailed(List<String> checks) {
        this.checksFailed = List.copyOf(checks);
    }

    /** The kind of catalogue read: large_scale, notable or all (see scope.CatalogueKind). */
    public void catalogue(String kind) {
        this.catalogue = kind;
    }

    /** Accepted models left out of every table by --min-compute, per reason. */
    public void excluded(Map<String, Long> rows) {
        this.rowsExcluded = new LinkedHashMap<>(rows);
    }

    /** This run's census_runs row as it stands now, ended with the given status. */
    public Record record(String status, int exitCode, String message) {
        return new Record(fields(status, exitCode, message));
    }

    /** A census_runs row, its fields in the order of {@link #SCHEMA}. */
    public static final class Record {

        private final Object[] fields;

        private Record(Object[] fields) {
            this.fields = fields;
        }

        /** The row as a table of one row, as Spark writes and exports it. */
        public Dataset<Row> table(SparkSession spark) {
            return spark.createDataFrame(List.of(RowFactory.create(fields)), SCHEMA);
        }

        /**
         * The row as values by column, as JSON holds them (times as ISO-8601 instants, dates as yyyy-MM-dd): what
         * {@link RunLog#append} writes without Spark.
         */
        public Map<String, Object> values() {
            Map<String, Object> values = new LinkedHashMap<>();
            for (int i = 0; i < fields.length; i++) {
                Object value = fields[i];
                values.put(SCHEMA.fields()[i].name(), value instanceof Timestamp time ? time.toInstant().toString()
                        : value instanceof Date date ? date.toString()
                        : value instanceof String[] list ? List.of(list)
                        : value);
            }
            return values;
        }
    }

    /** The row's fields in the order of {@link #SCHEMA}. */
    private Object[] fields(String status, int exitCode, String message) {
        return new Object[] {
                runId,
                Timestamp.from(startedAt),
                Timestamp.from(Instant.now()),
                status,
                exitCode,
                message,
                config.input(),
                input == null ? null : input.sha256(),
                input == null ? null : input.bytes(),
                config.snapshotDate() == null ? null : Date.valueOf(config.snapshotDate()),
                config.asOptions(),
                read,
                accepted,
                rejected,
                rowsWritten,
                checksFailed.toArray(String[]::new),
                org.apache.spark.package$.MODULE$.SPARK_VERSION(),
                io.delta.package$.MODULE$.VERSION(),
                catalogue,
                rowsExcluded};
    }

    /** The recorded runs of a snapshot, oldest first; empty when the warehouse has no census_runs yet. */
    public static Optional<Dataset<Row>> runsOf(Warehouse warehouse, LocalDate snapshotDate) {
        return warehouse.read(Warehouse.AUDIT, TABLE)
                .map(runs -> runs.where(col("snapshot_date").equalTo(lit(Date.valueOf(snapshotDate)))).orderBy("started_at"));
    }

    /**
     * The last run of a warehouse that succeeded.
     *
     * @param endedAt     when it ended
     * @param inputSha256 the SHA-256 of its input
     * @param options     its options ({@link CensusConfig#asOptions})
     */
    public record LastSuccess(String runId, Instant endedAt, String inputSha256, Map<String, String> options) {

        /** Whether a run on this input with these options has nothing new to count. */
        public boolean unchanged(InputFingerprint input, Map<String, String> runOptions) {
            return input.sha256().equals(inputSha256) && runOptions.equals(options);
        }

        /** Why a run with nothing new to count is skipped: census_runs' message and what the job prints. */
        public String skipReason() {
            return "input and options unchanged since run " + runId + " (ended " + endedAt + "): nothing rewritten; --force recomputes";
        }
    }

    /** The last run of the warehouse that succeeded; empty when none did. */
    public static Optional<LastSuccess> lastSuccess(Warehouse warehouse) {
        return warehouse.read(Warehouse.AUDIT, TABLE).flatMap(runs -> runs.where(col("status").equalTo(lit("succeeded")))
                .orderBy(col("ended_at").desc())
                .select("run_id", "ended_at", "input_sha256", "options")
                .limit(1)
                .collectAsList().stream().findFirst())
                .map(row -> new LastSuccess(row.getString(0), row.getTimestamp(1).toInstant(), row.getString(2), row.getJavaMap(3)));
    }

    /**
     * Records a run that ended with {@code failure}, an {@link Error} too (the driver out of memory, say): if the JVM
     * still can, the row names it, then the caller rethrows it. Never throws: what fails here is added to the failure.
     */
    public void appendFailure(SparkSession spark, Throwable failure) {
        ExitCode exit = ExitCode.of(failure);
        // An unexpected failure by its class too: "Java heap space" alone does not say what ran out.
        String message = exit == ExitCode.FAILED ? failure.toString() : String.valueOf(failure.getMessage());
        try {
            append(spark, record(exit.status(), exit.code(), message));
        } catch (Exception | Error e) {
            failure.addSuppressed(e);
            LOG.warn("could not record run {} in census_runs: {}", runId, e.toString());
        }
    }

    /**
     * Appends the run's row to census_runs. Never throws: a run that failed must report its own failure, not the
     * audit's, so a failure to record is logged instead.
     */
    public void append(SparkSession spark, Record record) {
        try {
            Warehouse warehouse = new Warehouse(spark, config.warehouse(), config.format());
            if (!appendedByKernel(warehouse, record)) {
                new TableWriter(spark, warehouse, config.snapshotDate()).append(Warehouse.AUDIT, TABLE, record.table(spark));
            }
            LOG.info("recorded run {} in {}", runId, warehouse.pathOf(Warehouse.AUDIT, TABLE));
        } catch (Exception e) { // an IOException too, which Delta's Scala code throws undeclared
            LOG.warn("could not record run {} in census_runs: {}", runId, e.toString());
        }
    }

    /**
     * Appends the row with Delta Kernel ({@link RunLog}) where census_runs is a Delta table Kernel can write, as a
     * skipped run does (UnchangedRun): Kernel's commits come without Delta's checksum file (.crc), and Spark's Delta
     * rebuilt the table's state with a Spark job (2 s) before appending after one. Spark creates the table, and
     * appends when Kernel refuses (a census_runs of an older version, without a column).
     */
    private static boolean appendedByKernel(Warehouse warehouse, Record record) {
        if (warehouse.format() != OutputFormat.delta) {
            return false;
        }
        try {
            Optional<RunLog> runs = RunLog.open(warehouse.pathOf(Warehouse.AUDIT, TABLE), warehouse.spark().sparkContext().hadoopConfiguration());
            if (runs.isEmpty()) {
                return false;
            }
            runs.get().append(record.values());
            return true;
        } catch (IOException | RuntimeException e) {
            LOG.info("census_runs appended through Spark: {}", e.toString());
            return false;
        }
    }
}
