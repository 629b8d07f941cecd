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
 * session, Delta's log replay and a Spark append took some 7 s. Anything else (--force, a first run, a Parquet
 * warehouse, an input that cannot be read, a census_runs Kernel cannot write) goes on to the census, which starts
 * its session and applies the same rule there (CensusPipeline), or reports the problem.
 */
public final class UnchangedRun {

    private static final Logger LOG = LoggerFactory.getLogger(UnchangedRun.class);

    private UnchangedRun() {
    }

    /** The skipped run, recorded; empty when the census must start (and decide again). */
    public static Optional<CensusPipeline.Result> skip(CensusConfig requested) {
        if (requested.force() || requested.format() != OutputFormat.delta) {
            return Optional.empty();
        }
        try {
            Configuration hadoop = SparkSessions.hadoopConfiguration();
            Optional<RunLog> runs = RunLog.open(Warehouse.pathOf(requested.warehouse(), Warehouse.AUDIT, RunAudit.TABLE), hadoop);
            if (runs.isEmpty()) {
                return Optional.empty();
            }
            CatalogueInput input = CatalogueInput.locate(requested.input(), requested.inputFormat(), hadoop);
            CensusConfig config = requested.snapshotDate() != null ? requested
                    : requested.withSnapshotDate(CensusPipeline.snapshotDateOf(input));
            Optional<RunAudit.LastSuccess> last = runs.get().lastSuccess();
            if (last.isEmpty() || !last.get().options().equals(config.asOptions())) {
                return Optional.empty(); // without hashing the input, which the census does again
            }
            InputFingerprint fingerprint = InputFingerprint.of(input, hadoop);
            if (!last.get().unchanged(fingerprint, config.asOptions())) {
                return Optional.empty();
            }
            RunAudit audit = new RunAudit(config);
            audit.input(fingerprint);
            String reason = last.get().skipReason();
            runs.get().append(audit.values("skipped", ExitCode.OK.code(), reason));
            LOG.info("skipped run {}: {}", audit.runId(), reason);
            return Optional.of(CensusPipeline.Result.skipped(config, audit.runId(), reason));
        } catch (Exception e) {
            // The census itself reports a bad input, and records the run, once its session is up.
            LOG.info("the census starts its session to decide whether its input changed: {}", e.toString());
            return Optional.empty();
        }
    }
}
