package org.modelcensus.spark;

import static org.apache.spark.sql.functions.callUDF;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.execution.LogicalRDD;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.RDDInfo;
import org.apache.spark.unsafe.types.UTF8String;
import org.apache.spark.util.LongAccumulator;
import org.junit.jupiter.api.Test;
import org.modelcensus.SparkTestSupport;

/** The census's local checkpoint gives back the rows it kept, in order, computed once, with the plan cut. */
class PackedCheckpointTest {

    private final SparkSession spark = SparkTestSupport.spark();

    @Test
    void keepsEveryRowInItsPartitionAndOrderComputedOnce() {
        LongAccumulator computed = spark.sparkContext().longAccumulator("rows computed");
        spark.udf().register("counted", (UDF1<Long, Long>) id -> {
            computed.add(1);
            return id;
        }, DataTypes.LongType);
        // 3 partitions of ~7 MB each: two packed arrays a partition; nulls, lists, dates and decimals among the cells
        Dataset<Row> table = spark.range(0, 30_000, 1, 3)
                .select(callUDF("counted", col("id")).as("id"),
                        expr("if(id % 7 = 0, null, repeat(concat('model ', id), 60 + cast(id % 5 as int)))").as("name"),
                        expr("if(id % 11 = 0, null, array('USA', if(id % 2 = 0, 'KOR', null)))").as("countries"),
                        expr("date_add(date'2020-01-01', cast(id % 1500 as int))").as("published"),
                        expr("cast(id as decimal(38, 2)) * 1e20").as("compute"));

        Dataset<Row> kept = PackedCheckpoint.of(spark, table).table();
        assertEquals(30_000, computed.value(), "computed once, when kept");
        List<Row> rows = kept.collectAsList();
        assertEquals(table.collectAsList(), rows, "the same rows in the same order");
        assertEquals(60_000, computed.value(), "the table itself computed again for the comparison only");
        assertEquals(30_000, kept.where(col("name").isNull()).count() + kept.where(col("name").isNotNull()).count());
        assertEquals(60_000, computed.value(), "kept rows are read, not computed");

        assertEquals(table.schema(), kept.schema());
        assertEquals(3, kept.rdd().getNumPartitions());
        assertInstanceOf(LogicalRDD.class, kept.queryExecution().analyzed(), "the plan starts from the kept rows");
    }

    @Test
    void aRowLongerThanAnArrayAndAnEmptyTableAreKept() {
        String longName = "x".repeat(5 << 20); // more than a packed array's 4 MB
        Dataset<Row> table = spark.createDataFrame(List.of(
                        org.apache.spark.sql.RowFactory.create("first", 1),
                        org.apache.spark.sql.RowFactory.create(longName, 2),
                        org.apache.spark.sql.RowFactory.create("third", 3)),
                new StructType().add("name", DataTypes.StringType).add("n", DataTypes.IntegerType)).coalesce(1);
        List<Row> rows = PackedCheckpoint.of(spark, table).table().collectAsList();
        assertEquals(3, rows.size());
        assertEquals("first", rows.get(0).getString(0));
        assertEquals(longName, rows.get(1).getString(0));
        assertEquals(List.of(1, 2, 3), rows.stream().map(r -> r.getInt(1)).toList());

        Dataset<Row> empty = PackedCheckpoint.of(spark, table.where(col("n").gt(3))).table();
        assertEquals(0, empty.count());
        assertEquals(table.schema(), empty.schema());
    }

    @Test
    void aReleasedTableGivesBackItsMemory() {
        Set<Integer> before = storedRdds().keySet();
        PackedCheckpoint kept = PackedCheckpoint.of(spark,
                spark.range(0, 20_000, 1, 2).select(col("id"), expr("repeat(concat('model ', id), 20)").as("name")));
        Map<Integer, Long> stored = storedRdds();
        stored.keySet().removeAll(before);
        assertEquals(1, stored.size(), "one stored RDD of packed rows: " + stored);
        assertTrue(stored.values().iterator().next() > 3_000_000, "its ~4 MB in memory: " + stored);
        assertEquals(20_000, kept.table().count());

        kept.release();
        assertFalse(storedRdds().containsKey(stored.keySet().iterator().next()), "released: " + storedRdds());
    }

    /** Spark's stored RDDs with the bytes each holds in memory. */
    private Map<Integer, Long> storedRdds() {
        return Arrays.stream(spark.sparkContext().getRDDStorageInfo())
                .collect(Collectors.toMap(RDDInfo::id, RDDInfo::memSize, Long::sum, HashMap::new));
    }

    @Test
    void rowsNotInSparksBinaryFormatArePackedAsIfTheyWere() {
        StructType schema = new StructType().add("name", DataTypes.StringType).add("n", DataTypes.LongType);
        List<InternalRow> generic = new ArrayList<>();
        for (long i = 0; i < 50_000; i++) {
            generic.add(new GenericInternalRow(new Object[] {i % 3 == 0 ? null : UTF8String.fromString("model " + i + " ".repeat(100)), i}));
        }
        Iterator<byte[]> packed = PackedCheckpoint.pack(generic.iterator(), schema);
        List<byte[]> arrays = new ArrayList<>();
        packed.forEachRemaining(arrays::add);
        assertTrue(arrays.size() > 1, "more than one array for ~6 MB of rows: " + arrays.size());

        Iterator<InternalRow> unpacked = PackedCheckpoint.unpack(arrays.iterator(), 2);
        for (InternalRow expected : generic) {
            assertTrue(unpacked.hasNext());
            InternalRow row = unpacked.next();
            assertEquals(expected.isNullAt(0), row.isNullAt(0));
            if (!expected.isNullAt(0)) {
                assertEquals(expected.getUTF8String(0), row.getUTF8String(0));
            }
            assertEquals(expected.getLong(1), row.getLong(1));
        }
        assertFalse(unpacked.hasNext());
        assertFalse(PackedCheckpoint.pack(List.<InternalRow>of().iterator(), schema).hasNext(), "no rows, no array");
    }
}
