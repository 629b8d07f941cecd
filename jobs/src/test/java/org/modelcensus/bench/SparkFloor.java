package org.modelcensus.bench;

import java.lang.management.ManagementFactory;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.modelcensus.spark.SparkSessions;

/**
 * The floor of a census run, for scripts/bench.sh: what any Spark job that reads the catalogue and writes one Delta
 * table pays, with the census's session settings and JVM flags: start the session, read the catalogue's CSV
 * (multi-line, header), write it as one Delta table. The census's own work is what it adds to this.
 * A benchmark harness, never part of the product.
 *
 * <p>Arguments: the catalogue CSV and the Delta table's folder (replaced).
 */
public final class SparkFloor {

    private SparkFloor() {
    }

    public static void main(String[] args) {
        SparkSession spark = SparkSessions.create(null);
        long session = System.currentTimeMillis();
        Dataset<Row> catalogue = spark.read()
                .option("header", "true")
                .option("multiLine", "true")
                .option("escape", "\"")
                .csv(args[0]);
        // Delta refuses the header's spaces and parentheses in column names: c0, c1, ...
        catalogue = catalogue.toDF(java.util.stream.IntStream.range(0, catalogue.columns().length).mapToObj(i -> "c" + i)
                .toArray(String[]::new));
        catalogue.write().format("delta").mode(SaveMode.Overwrite).save(args[1]);
        long end = System.currentTimeMillis();
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        System.out.printf("floor: JVM and session %.1f s, read and one Delta write %.1f s%n", (session - jvmStart) / 1e3,
                (end - session) / 1e3);
        spark.stop();
    }
}
