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
 * 2 input or option the user can fix (message only, no stack trace), 3 the data-quality gate stopped the run
 * (an error-level check failed; nothing of the snapshot was written).
 */
public final class CensusJob {

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int BAD_INPUT = 2;
    public static final int QUALITY_GATE = 3;

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
        } catch (CensusInputException | CensusQualityException e) {
            err.println("model-census: " + e.getMessage());
            return exitCodeOf(e);
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

    /** The exit code a failure ends the job with. */
    public static int exitCodeOf(Throwable failure) {
        if (failure instanceof CensusQualityException) {
            return QUALITY_GATE;
        }
        return failure instanceof CensusInputException ? BAD_INPUT : FAILED;
    }

    /** How census_runs names the end of a run with that failure. */
    public static String statusOf(Throwable failure) {
        return switch (exitCodeOf(failure)) {
            case QUALITY_GATE -> "quality_gate_failed";
            case BAD_INPUT -> "bad_input";
            default -> "failed";
        };
    }
}
