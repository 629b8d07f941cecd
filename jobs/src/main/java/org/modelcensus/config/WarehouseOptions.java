package org.modelcensus.config;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options of every job over a census warehouse (census, enrich, export, sql, serve): the warehouse and the master. */
public final class WarehouseOptions {

    @Option(names = "--warehouse", paramLabel = "DIR", defaultValue = "./warehouse",
            description = "The census warehouse: where the tables are written and read (default: ${DEFAULT-VALUE}).")
    String warehouse;

    @Mixin
    SparkOptions spark = new SparkOptions();

    public String warehouse() {
        return warehouse;
    }

    /** The --master option; null when not given (spark-submit's master, else local[*]). */
    public String master() {
        return spark.master();
    }
}
