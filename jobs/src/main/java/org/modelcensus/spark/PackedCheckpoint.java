package org.modelcensus.spark;

import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.UnsafeProjection;
import org.apache.spark.sql.catalyst.expressions.UnsafeRow;
import org.apache.spark.sql.execution.LogicalRDD$;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.unsafe.Platform;

/**
 * A local checkpoint (as Dataset.localCheckpoint, which Spark 3.5 keeps as two Java objects per row) whose blocks are a
 * few byte arrays per partition, each packing thousands of rows in Spark's binary row format. At 10^6 models the
 * census keeps some ten million rows, 3 GB: as objects the garbage collector traced and copied them again and again
 * (15 s of a 90 s census paused); serialized (Kryo), every read deserialized every row. Packed, the collector sees a
 * few hundred arrays and a read points one row object at each packed row in turn (docs/benchmarks.md).
 */
public final class PackedCheckpoint {
    /** Bytes of a packed array: big enough to hold thousands of rows, small enough to be spilled to disk one by one. */
    private static final int CHUNK_BYTES = 4 << 20;

    private final Dataset<Row> table;
    private final JavaRDD<byte[]> chunks;

    private PackedCheckpoint(Dataset<Row> table, JavaRDD<byte[]> chunks) {
        this.table = table;
        this.chunks = chunks;
    }

    /** The table computed once and kept in memory (spilled to disk when memory is short), its plan cut. */
    public static PackedCheckpoint of(SparkSession spark, Dataset<Row> table) {
        StructType schema = table.schema();
        int fields = schema.size();
        JavaRDD<byte[]> chunks = table.queryExecution().toRdd().toJavaRDD().mapPartitions(rows -> pack(rows, schema));
        chunks.persist(StorageLevel.MEMORY_AND_DISK());
        chunks.rdd().localCheckpoint();
        chunks.count();
        RDD<InternalRow> rows = chunks.mapPartitions(packed -> unpack(packed, fields)).rdd();
        return new PackedCheckpoint(Dataset.ofRows(spark, LogicalRDD$.MODULE$.fromDataset(rows, table, false)), chunks);
    }

    /** The kept rows as a table whose plan starts from them. */
    public Dataset<Row> table() {
        return table;
    }

    /**
     * Frees the memory (and disk) the rows take. A local checkpoint cannot be computed again: a query of the table after
     * this fails ("Checkpoint block ... not found"), so release only a table nothing reads any more.
     */
    public void release() {
        chunks.unpersist(false);
    }

    /**
     * Rows packed into arrays of about CHUNK_BYTES (a longer row gets an array of its own), each array's bytes in use
     * first, then its rows as [size][bytes], in order. Lazily: a block holds an array at a time beyond the stored ones.
     */
    static Iterator<byte[]> pack(Iterator<InternalRow> rows, StructType schema) {
        return new Iterator<>() {
            private UnsafeRow pending; // read, not yet packed: the array it came to was full
            private UnsafeProjection toUnsafe; // made at the first row not in binary format (whole-stage code gives none)

            @Override
            public boolean hasNext() {
                return pending != null || rows.hasNext();
            }

            @Override
            public byte[] next() {
                byte[] chunk = new byte[0];
                int used = 4;
                while (pending != null || rows.hasNext()) {
                    UnsafeRow row = pending != null ? pending : unsafe(rows.next());
                    pending = null;
                    int size = row.getSizeInBytes();
                    if (used + 4 + size > chunk.length) {
                        if (used > 4 && used + 4 + size > CHUNK_BYTES) {
                            pending = row;
                            break;
                        }
                        int grown = Math.max(used + 4 + size, Math.min(CHUNK_BYTES, Math.max(64 << 10, 2 * chunk.length)));
                        chunk = Arrays.copyOf(chunk, grown);
                    }
                    Platform.putInt(chunk, Platform.BYTE_ARRAY_OFFSET + used, size);
                    Platform.copyMemory(row.getBaseObject(), row.getBaseOffset(), chunk, Platform.BYTE_ARRAY_OFFSET + used + 4, size);
                    used += 4 + size;
                }
                if (used == 4) {
                    throw new NoSuchElementException();
                }
                Platform.putInt(chunk, Platform.BYTE_ARRAY_OFFSET, used);
                return chunk;
            }

            private UnsafeRow unsafe(InternalRow row) {
                if (row instanceof UnsafeRow unsafe) {
                    return unsafe;
                }
                if (toUnsafe == null) {
                    toUnsafe = UnsafeProjection.create(schema);
                }
                return toUnsafe.apply(row);
            }
        };
    }

    /** The packed rows, one row object pointed at each in turn (readers copy what they keep, as from a file scan). */
    static Iterator<InternalRow> unpack(Iterator<byte[]> chunks, int fields) {
        UnsafeRow row = new UnsafeRow(fields);
        return new Iterator<>() {
            private byte[] chunk;
            private int position;
            private int used;

            @Override
            public boolean hasNext() {
                while (position >= used && chunks.hasNext()) {
                    chunk = chunks.next();
                    used = Platform.getInt(chunk, Platform.BYTE_ARRAY_OFFSET);
                    position = 4;
                }
                return position < used;
            }

            @Override
            public InternalRow next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int size = Platform.getInt(chunk, Platform.BYTE_ARRAY_OFFSET + position);
                row.pointTo(chunk, Platform.BYTE_ARRAY_OFFSET + position + 4, size);
                position += 4 + size;
                return row;
            }
        };
    }
}
