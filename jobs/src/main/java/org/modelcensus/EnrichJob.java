package org.modelcensus;

import java.io.PrintStream;

import org.apache.spark.sql.SparkSession;
import org.modelcensus.config.EnrichConfig;
import org.modelcensus.config.EnrichOptions;
import org.modelcensus.enrich.Enrichment;
import org.modelcensus.spark.SparkSessions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point of scripts/enrich.sh (and spark-submit --class org.modelcensus.EnrichJob): joins a stored census
 * snapshot with a hardware file and/or an investment table. Exit codes as {@link CensusJob}: 0 done,
 * 1 unexpected failure, 2 input or option the user can fix.
 */
public final class EnrichJob {

    private static final Logger LOG = LoggerFactory.getLogger(EnrichJob.class);

    private EnrichJob() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err, true));
    }

    /** @param stopSession stop the SparkSession at the end (false when the caller owns the session, as tests do) */
    public static int run(String[] args, PrintStream out, PrintStream err, boolean stopSession) {
        SparkSession spark = null;
        try {
            EnrichConfig config = EnrichOptions.parse(args, out);
            if (config == null) {
                return CensusJob.OK;
            }
            spark = SparkSessions.create(config.master(), config.warehouse());
            Enrichment.Result result = new Enrichment(spark).run(config);
            out.println("model-census: enriched snapshot " + result.snapshotDate() + " of " + config.warehouse() + ": " + result.written());
            return CensusJob.OK;
        } catch (CensusInputException e) {
            err.println("model-census: " + e.getMessage());
            return CensusJob.BAD_INPUT;
        } catch (Exception e) {
            LOG.error("enrichment failed", e);
            err.println("model-census: unexpected failure: " + e + " (details in the log above)");
            return CensusJob.FAILED;
        } finally {
            if (spark != null && stopSession) {
                spark.stop();
            }
        }
    }
}
