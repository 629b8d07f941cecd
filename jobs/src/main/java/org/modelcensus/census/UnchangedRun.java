package org.modelcensus.census;

import java.util.Optional;

import org.apache.hadoop.conf.Configuration;
import org.modelcensus.audit.RunAudit;
import org.modelcensus.audit.RunLog;
import org.modelcensus.config.CensusConfig;
import org.modelcensus.config.CensusConfig.OutputFormat;
import org.modelcensus.errors.ExitCode;
import org.modelcensus.read.CatalogueInput;
import org.modelcensus.read.InputFingerprint;
import org.modelcensus.spark.SparkSessions;
import org.modelcensus.write.Warehouse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduled run with nothing new to count, told before any Spark session starts: its input's bytes (SHA-256)
 * and its options equal those of the Delta warehouse's last successful run. It is recorded in census_runs as
 * skipped through Delta Kernel ({@link RunLog}) and the job ends in the time it takes to hash the input, where a
 * session, Delta's log replay and a Spark append took some 7 s. A run found to have something new (a first run, other
 * options, other bytes) goes on to the census, told not to ask again. What Kernel cannot tell (a Parquet warehouse, an
 * input that cannot be read, a census_runs Kernel cannot write) goes on to the census as requested, which applies the
 * same rule with its session (CensusPipeline) or reports the problem.
 */
public final class UnchangedRun {

    private static final Logger LOG = LoggerFactory.getLogger(UnchangedRun.class);

    private UnchangedRun() {
    }

    /**
     * What was told before the session.
     *
     * @param skipped the skipped run, recorded; null when the census runs
     * @param run     the settings the census runs with: as requested, or counting (as --force) when this already found
     *                that something changed, so that the census does not read census_runs again
     * @param input   the input's fingerprint when this hashed it (changed bytes, same options), for the census to record
     *                rather than hash the input again; otherwise null
     */
    public record Decision(CensusPipeline.Result skipped, CensusConfig run, InputFingerprint input) {

        Decision(CensusPipeline.Result skipped, CensusConfig run) {
            this(skipped, run, null);
        }
    }

    /** Skips the run, or tells the census whether it still has to decide. */
    public static Decision decide(CensusConfig requested) {
        if (requested.force() || requested.format() != OutputFormat.delta) {
            return new Decision(null, requested);
        }
        try {
            Configuration hadoop = SparkSessions.hadoopConfiguration();
            Optional<RunLog> runs = RunLog.open(Warehouse.pathOf(requested.warehouse(), Warehouse.AUDIT, RunAudit.TABLE), hadoop);
            if (runs.isEmpty()) {
                return new Decision(null, requested.counting()); // a first run
            }
            CatalogueInput input = CatalogueInput.locate(requested.input(), requested.inputFormat(), hadoop);
            CensusConfig config = requested.snapshotDate() != null ? requested
                    : requested.withSnapshotDate(CensusPipeline.snapshotDateOf(input));
            Optional<RunAudit.LastSuccess> last = runs.get().lastSuccess();
            if (last.isEmpty() || !last.get().options().equals(config.asOptions())) {
                return new Decision(null, requested.counting()); // told without hashing the input
            }
            InputFingerprint fingerprint = InputFingerprint.of(input, hadoop);
            if (!last.get().unchanged(fingerprint, config.asOptions())) {
                return new Decision(null, requested.counting(), fingerprint);
            }
            RunAudit audit = new RunAudit(config);
            audit.input(fingerprint);
            String reason = last.get().skipReason();
            runs.get().append(audit.record("skipped", ExitCode.OK.code(), reason).values());
            LOG.info("skipped run {}: {}", audit.runId(), reason);
            return new Decision(CensusPipeline.Result.skipped(config, audit.runId(), reason), config);
        } catch (Exception e) {
            // The census itself reports a bad input, and records the run, once its session is up.
            LOG.info("the census starts its session to decide whether its input changed: {}", e.toString());
            return new Decision(null, requested);
        }
    }
}
