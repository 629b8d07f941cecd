package org.modelcensus.write;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.delta.kernel.Snapshot;
import io.delta.kernel.Table;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.exceptions.CheckpointAlreadyExistsException;
import io.delta.kernel.internal.InternalScanFileUtils;
import io.delta.kernel.internal.ScanImpl;
import io.delta.kernel.internal.util.VectorUtils;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;

/**
 * The live files of a Delta table, read from its log on the driver with Delta Kernel. Spark's Delta rebuilds a
 * table's whole state with a Spark job (seconds in a small local JVM) before it lists a file; Kernel reads the
 * same checkpoint and commits directly.
 */
final class DeltaLogFiles {

    private static final Logger LOG = LoggerFactory.getLogger(DeltaLogFiles.class);

    /**
     * One live file as the log records it: the path as written there (relative to the table, URL-encoded), and its rows
     * (the numRecords statistic; -1 when not asked for or the log has none).
     */
    record LiveFile(String path, Map<String, String> partitionValues, long size, long modificationTime, long rows) {
    }

    private DeltaLogFiles() {
    }

    /**
     * The live files of the table at {@code version} (the latest when empty); empty when Kernel cannot read the
     * table or a file has a deletion vector (rows removed in place, which the census never writes).
     *
     * @param table the table's folder
     */
    static Optional<List<LiveFile>> list(Configuration hadoop, Path table, OptionalLong version) {
        return list(hadoop, table, version, false);
    }

    /** As {@link #list}, at the latest version, with each file's rows. */
    static Optional<List<LiveFile>> listWithRows(Configuration hadoop, Path table) {
        return list(hadoop, table, OptionalLong.empty(), true);
    }

    private static Optional<List<LiveFile>> list(Configuration hadoop, Path table, OptionalLong version, boolean rows) {
        Engine engine = DefaultEngine.create(hadoop);
        List<LiveFile> live = new ArrayList<>();
        try {
            Table delta = Table.forPath(engine, qualified(hadoop, table));
            Snapshot snapshot = version.isPresent() ? delta.getSnapshotAsOfVersion(engine, version.getAsLong()) : delta.getLatestSnapshot(engine);
            try (CloseableIterator<FilteredColumnarBatch> batches = ((ScanImpl) snapshot.getScanBuilder(engine).build()).getScanFiles(engine, rows)) {
                while (batches.hasNext()) {
                    try (CloseableIterator<Row> files = batches.next().getRows()) {
                        while (files.hasNext()) {
                            Row add = files.next().getStruct(InternalScanFileUtils.ADD_FILE_ORDINAL);
                            StructType fields = add.getSchema();
                            if (!add.isNullAt(fields.indexOf("deletionVector"))) {
                                return Optional.empty();
                            }
                            Map<String, String> partitions = VectorUtils.toJavaMap(add.getMap(fields.indexOf("partitionValues")));
                            live.add(new LiveFile(add.getString(fields.indexOf("path")), Collections.unmodifiableMap(partitions),
                                    add.getLong(fields.indexOf("size")), add.getLong(fields.indexOf("modificationTime")),
                                    rows ? numRecords(add, fields) : -1));
                        }
                    }
                }
            }
        } catch (RuntimeException | IOException e) {
            // A table feature Kernel does not read, or a layout it was not written in: the caller asks Spark instead.
            LOG.debug("Delta Kernel cannot list the files of {} ({}); asking Spark", table, e.toString());
            return Optional.empty();
        }
        return Optional.of(live);
    }

    /** The file's numRecords statistic, -1 when the log has none (Delta writes it with every file it adds). */
    private static long numRecords(Row add, StructType fields) {
        int stats = fields.indexOf("stats");
        if (stats < 0 || add.isNullAt(stats)) {
            return -1;
        }
        try {
            JsonNode numRecords = JSON.readTree(add.getString(stats)).get("numRecords");
            return numRecords != null && numRecords.canConvertToLong() ? numRecords.asLong() : -1;
        } catch (IOException e) {
            return -1;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Writes the table's checkpoint at {@code version} with Kernel: Spark's Delta rebuilds the whole state with Spark
     * jobs for it (about 0.7 s per small table). False when Kernel cannot (a table feature it does not write).
     */
    static boolean checkpoint(Configuration hadoop, Path table, long version) {
        Engine engine = DefaultEngine.create(hadoop);
        try {
            Table.forPath(engine, qualified(hadoop, table)).checkpoint(engine, version);
            return true;
        } catch (CheckpointAlreadyExistsException e) {
            return true; // a concurrent run wrote it
        } catch (RuntimeException | IOException e) {
            LOG.debug("Delta Kernel cannot checkpoint {} at version {} ({}); asking Spark", table, version, e.toString());
            return false;
        }
    }

    /** As {@link #list}, the files of one snapshot_date at that version. */
    static Optional<List<LiveFile>> snapshot(Configuration hadoop, Path table, long version, LocalDate snapshotDate) {
        return list(hadoop, table, OptionalLong.of(version)).map(files -> files.stream()
                .filter(file -> snapshotDate.toString().equals(file.partitionValues().get("snapshot_date"))).toList());
    }

    /** Kernel takes a table's path as a fully qualified URI string (scheme and authority). */
    private static String qualified(Configuration hadoop, Path table) throws IOException {
        return table.getFileSystem(hadoop).makeQualified(table).toString();
    }
}
