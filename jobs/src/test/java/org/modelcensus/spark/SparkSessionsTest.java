package org.modelcensus.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modelcensus.SparkTestSupport;

/** The session's Hadoop configuration, which Spark serializes into every job that reads or writes files, and its settings by size. */
class SparkSessionsTest {

    @TempDir
    Path dir;

    @Test
    void jobsGetHadoopsSettingsWithoutTheFileEachCameFrom() throws IOException {
        SparkSession spark = SparkTestSupport.spark();
        // A Delta write and read first: file writes load MapReduce's and HDFS's default settings.
        spark.range(3).write().format("delta").save(dir.resolve("table").toString());
        assertEquals(3, spark.read().format("delta").load(dir.resolve("table").toString()).count());

        Configuration jobs = spark.sessionState().newHadoopConf();
        Configuration hadoops = new Configuration();
        // the settings stay, from Hadoop's files as from Spark's session
        assertEquals("file:///", jobs.get("fs.defaultFS"));
        assertEquals("100", jobs.get("mapreduce.task.io.sort.mb"));
        assertEquals(PosixLocalFileSystem.class.getName(), jobs.get("fs.file.impl"));
        // where each came from, which Hadoop records for a configuration of its own, does not
        assertArrayEquals(new String[] {"core-default.xml"}, hadoops.getPropertySources("fs.defaultFS"));
        assertNull(jobs.getPropertySources("fs.defaultFS"));
        assertNull(jobs.getPropertySources("mapreduce.task.io.sort.mb"));
        List<String> fromHadoopsFiles = StreamSupport.stream(jobs.spliterator(), false).map(Map.Entry::getKey)
                .filter(key -> jobs.getPropertySources(key) != null && hadoops.get(key) != null && !key.startsWith("spark.")).toList();
        assertTrue(fromHadoopsFiles.size() <= 5, "settings of Hadoop's files serialized with their source: " + fromHadoopsFiles);
        assertTrue(serialized(jobs) * 3 < 2 * serialized(new Configuration(hadoops)), "the serialized settings are a third smaller");
    }

    @Test
    void aggregatesSkipTheirFirstMapWhenATaskHasMoreModelsThanItHolds() {
        SparkSession spark = SparkTestSupport.spark();
        String twoLevel = "spark.sql.codegen.aggregate.map.twolevel.enabled";
        List<String> sized = List.of("spark.sql.shuffle.partitions", "spark.sql.codegen.wholeStage", "spark.sql.codegen.factoryMode",
                "spark.sql.adaptive.enabled", "spark.databricks.delta.snapshotPartitions", twoLevel);
        Map<String, String> before = new java.util.HashMap<>();
        sized.forEach(key -> spark.conf().getOption(key).foreach(value -> before.put(key, value)));
        long tasks = spark.sparkContext().defaultParallelism();
        long firstMapKeys = 1 << 16; // spark.sql.codegen.aggregate.fastHashMap.capacityBit 16
        try {
            SparkSessions.sizeFor(spark, 35L << 20, firstMapKeys * tasks);
            assertEquals("true", spark.conf().get(twoLevel), "as many models per task as the first map holds");
            SparkSessions.sizeFor(spark, 35L << 20, (firstMapKeys + 1) * tasks);
            assertEquals("false", spark.conf().get(twoLevel), "one more");
            SparkSessions.sizeFor(spark, 350_000, 192);
            assertEquals("true", spark.conf().get(twoLevel), "the estimate before the count is replaced by the count");
        } finally {
            sized.forEach(key -> {
                if (before.containsKey(key)) {
                    spark.conf().set(key, before.get(key));
                } else {
                    spark.conf().unset(key);
                }
            });
        }
    }

    private static int serialized(Configuration hadoop) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        hadoop.write(new DataOutputStream(bytes));
        return bytes.size();
    }
}
