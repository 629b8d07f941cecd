package org.modelcensus.audit;

import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.modelcensus.write.TableWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.delta.kernel.Operation;
import io.delta.kernel.Scan;
import io.delta.kernel.Snapshot;
import io.delta.kernel.Table;
import io.delta.kernel.DataWriteContext;
import io.delta.kernel.Transaction;
import io.delta.kernel.TransactionCommitResult;
import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.MapValue;
import io.delta.kernel.data.Row;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.expressions.Literal;
import io.delta.kernel.internal.InternalScanFileUtils;
import io.delta.kernel.internal.data.ScanStateRow;
import io.delta.kernel.internal.util.Utils;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterable;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.DataFileStatus;

/**
 * A Delta warehouse's census_runs, read and appended on the driver with Delta Kernel: no Spark session, no Spark job.
 * This is what lets a scheduled run whose input and options did not change end in a few seconds (see
 * census.UnchangedRun). Every other run appends its row here too ({@link RunAudit#append}): Kernel's commits come
 * without Delta's checksum file, and Spark's Delta rebuilt the table's state with a job before appending after one.
 * Spark creates the table. Kernel (unlike Spark) writes only tables whose protocol it supports, which census_runs'
 * plain appends keep it at; a caller falls back to Spark when it refuses.
 */
public final class RunLog {

    private static final Logger LOG = LoggerFactory.getLogger(RunLog.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Engine engine;
    private final Table table;
    private final String path;

    private RunLog(Engine engine, Table table, String path) {
        this.engine = engine;
        this.table = table;
        this.path = path;
    }

    /** The census_runs of a Delta warehouse; empty when it has none yet (a first run) or is not Delta. */
    public static Optional<RunLog> open(Path table, Configuration hadoop) throws IOException {
        FileSystem fs = table.getFileSystem(hadoop);
        if (!fs.exists(new Path(table, "_delta_log"))) {
            return Optional.empty();
        }
        Engine engine = DefaultEngine.create(hadoop);
        String path = fs.makeQualified(table).toString();
        return Optional.of(new RunLog(engine, Table.forPath(engine, path), path));
    }

    /**
     * The last run that succeeded (latest end), as {@link RunAudit#lastSuccess} reads it through Spark.
     *
     * @return its id, end, input SHA-256 and options; empty when no run succeeded
     */
    public Optional<RunAudit.LastSuccess> lastSuccess() throws IOException {
        Snapshot snapshot = table.getLatestSnapshot(engine);
        StructType tableSchema = snapshot.getSchema(engine);
        StructType readSchema = new StructType();
        for (String column : List.of("run_id", "ended_at", "status", "input_sha256", "options")) {
            readSchema = readSchema.add(tableSchema.get(column));
        }
        Scan scan = snapshot.getScanBuilder(engine).withReadSchema(engine, readSchema).build();
        Row scanState = scan.getScanState(engine);
        StructType physicalSchema = ScanStateRow.getPhysicalDataReadSchema(engine, scanState);
        RunAudit.LastSuccess last = null;
        try (CloseableIterator<FilteredColumnarBatch> scanFiles = scan.getScanFiles(engine)) {
            while (scanFiles.hasNext()) {
                try (CloseableIterator<Row> files = scanFiles.next().getRows()) {
                    while (files.hasNext()) {
                        Row file = files.next();
                        CloseableIterator<ColumnarBatch> physical = engine.getParquetHandler().readParquetFiles(
                                Utils.singletonCloseableIterator(InternalScanFileUtils.getAddFileStatus(file)), physicalSchema, Optional.empty());
                        try (CloseableIterator<FilteredColumnarBatch> batches = Scan.transformPhysicalData(engine, scanState, file, physical)) {
                            while (batches.hasNext()) {
                                try (CloseableIterator<Row> rows = batches.next().getRows()) {
                                    while (rows.hasNext()) {
                                        last = later(last, rows.next());
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return Optional.ofNullable(last);
    }

    /** The later of a run found so far and a row of (run_id, ended_at, status, input_sha256, options), if it succeeded. */
    private static RunAudit.LastSuccess later(RunAudit.LastSuccess last, Row row) {
        if (row.isNullAt(2) || !"succeeded".equals(row.getString(2)) || row.isNullAt(1)) {
            return last;
        }
        long endedMicros = row.getLong(1);
        Instant ended = Instant.EPOCH.plusNanos(endedMicros * 1000);
        if (last != null && !ended.isAfter(last.endedAt())) {
            return last;
        }
        Map<String, String> options = new HashMap<>();
        if (!row.isNullAt(4)) {
            MapValue map = row.getMap(4);
            ColumnVector keys = map.getKeys();
            ColumnVector values = map.getValues();
            for (int i = 0; i < map.getSize(); i++) {
                options.put(keys.getString(i), values.isNullAt(i) ? null : values.getString(i));
            }
        }
        return new RunAudit.LastSuccess(row.getString(0), ended, row.isNullAt(3) ? null : row.getString(3), options);
    }

    /**
     * Appends one row to census_runs in one commit (Kernel retries a commit that raced another run's append).
     *
     * @param values the row's values by column, as {@link RunAudit#values} gives them
     * @throws IllegalStateException when the table lacks a column of {@link RunAudit#SCHEMA} (written by an older
     *                               version: Spark then adds it) or Kernel cannot write it
     */
    public void append(Map<String, Object> values) throws IOException {
        Transaction transaction = table.createTransactionBuilder(engine, "model-census", Operation.WRITE).build(engine);
        StructType schema = transaction.getSchema(engine);
        for (String column : RunAudit.SCHEMA.fieldNames()) {
            if (schema.indexOf(column) < 0) {
                throw new IllegalStateException(path + " has no column " + column);
            }
        }
        Row state = transaction.getTransactionState(engine);
        ColumnarBatch batch = engine.getJsonHandler().parseJson(new OneString(JSON.writeValueAsString(values)), schema, Optional.empty());
        CloseableIterator<FilteredColumnarBatch> data = Transaction.transformLogicalData(engine, state,
                Utils.singletonCloseableIterator(new FilteredColumnarBatch(batch, Optional.empty())), Map.<String, Literal>of());
        DataWriteContext context = Transaction.getWriteContext(engine, state, Map.of());
        CloseableIterator<DataFileStatus> files = engine.getParquetHandler()
                .writeParquetFiles(context.getTargetDirectory(), data, context.getStatisticsColumns());
        CloseableIterator<Row> actions = Transaction.generateAppendActions(engine, state, files, context);
        TransactionCommitResult committed = transaction.commit(engine, CloseableIterable.inMemoryIterable(actions));
        if (TableWriter.checkpointDue(committed.getVersion())) {
            // As TableWriter does (the table's delta.checkpointInterval is for Delta to skip): readers then replay ten
            // commit files at most. The row is committed whatever happens here, so a failure must not have the caller
            // record the run a second time.
            try {
                table.checkpoint(engine, committed.getVersion());
            } catch (RuntimeException | IOException e) {
                LOG.warn("could not checkpoint {} at version {} (the next writer will): {}", path, committed.getVersion(), e.toString());
            }
        }
        LOG.info("appended to {} (version {})", path, committed.getVersion());
    }

    /** A column of one JSON text: what Kernel's JSON handler turns into a row of the table's schema. */
    private record OneString(String text) implements ColumnVector {
        @Override
        public DataType getDataType() {
            return StringType.STRING;
        }

        @Override
        public int getSize() {
            return 1;
        }

        @Override
        public void close() {
        }

        @Override
        public boolean isNullAt(int rowId) {
            return false;
        }

        @Override
        public String getString(int rowId) {
            return text;
        }
    }
}
