package org.modelcensus;

import java.io.PrintStream;

import org.apache.spark.sql.SparkSession;
import org.modelcensus.config.CensusConfig;
import org.modelcensus.config.CensusOptions;
import org.modelcensus.spark.SparkSessions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point for spark-submit and scripts/run.sh. Exit codes: 0 done, 1 unexpected failure,
 * 2 input or option the user can fix (message only, no stack trace).
 */
public final class CensusJob {

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int BAD_INPUT = 2;

    private static final Logger LOG = LoggerFactory.getLogger(CensusJob.class);

    private CensusJob() {
    }

    public static void main(String[] args) {
        int code = run(args, System.out, System.err, true);
        System.exit(code);
    }

    /**
     * Runs the census in this JVM.
     *
     * @param stopSession stop the SparkSession at the end (false when the caller owns the session, as tests do)
     */
    public static int run(String[] args, PrintStream out, PrintStream err, boolean stopSession) {
        SparkSession spark = null;
        try {
            CensusConfig config = CensusOptions.parse(args, out);
            if (config == null) {
                return OK;
            }
            spark = SparkSessions.create(config.master(), config.warehouse());
            new CensusPipeline(spark).run(config);
            return OK;
        } catch (CensusInputException e) {
            err.println("model-census: " + e.getMessage());
            return BAD_INPUT;
        } catch (Exception e) { // Spark rethrows checked Hadoop exceptions unchecked
            LOG.error("census failed", e);
            err.println("model-census: unexpected failure: " + e + " (details in the log above)");
            return FAILED;
        } finally {
            if (spark != null && stopSession) {
                spark.stop();
            }
        }
    }
}
