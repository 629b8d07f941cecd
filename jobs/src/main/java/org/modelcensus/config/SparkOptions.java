package org.modelcensus.config;

import picocli.CommandLine.Option;

/** The Spark master option every Spark job shares: one name, one meaning. */
public final class SparkOptions {

    @Option(names = "--master", paramLabel = "URL", description = "Spark master (default: spark-submit's, else local[*]).")
    String master;

    /** The --master option; null when not given (spark-submit's master, else local[*]). */
    public String master() {
        return CensusOptions.blankToNull(master);
    }
}
