package org.modelcensus.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/** Builds the one SparkSession of a run, with Delta Lake and settings sized for a catalogue. */
public final class SparkSessions {

    private SparkSessions() {
    }

    /**
     * @param master the --master option; null keeps spark-submit's master, or local[*] when there is none
     */
    public static SparkSession create(String master) {
        SparkConf submitted = new SparkConf();
        String effectiveMaster = master != null ? master : submitted.get("spark.master", "local[*]");
        SparkSession.Builder builder = SparkSession.builder()
                .appName("model-census")
                .master(effectiveMaster)
                .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
                .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
                // 2023-02-30 must be an invalid date, not an upgrade exception (spec: rejected rows).
                .config("spark.sql.legacy.timeParserPolicy", "CORRECTED")
                .config("spark.sql.session.timeZone", "UTC")
                // Delta rebuilds table state with this many tasks per read; the default of 50 is for big logs.
                .config("spark.databricks.delta.snapshotPartitions", "2")
                // The .crc checksum file costs a state computation per commit; readers do not need it.
                .config("spark.databricks.delta.writeChecksumFile.enabled", "false")
                .config("spark.sql.adaptive.enabled", "true");
        if (!submitted.contains("spark.sql.shuffle.partitions")) {
            // Catalogues are small: a handful of partitions; CensusPipeline raises it for big inputs.
            builder.config("spark.sql.shuffle.partitions", "4");
        }
        if (effectiveMaster.startsWith("local") && !submitted.contains("spark.ui.enabled")) {
            builder.config("spark.ui.enabled", "false");
        }
        return builder.getOrCreate();
    }
}
