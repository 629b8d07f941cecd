package org.modelcensus.serve;

import org.apache.spark.TaskKilled;
import org.apache.spark.scheduler.JobFailed;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs what a cancelled statement stopped (Spark itself logs it only at INFO, which the endpoint's log leaves out):
 * each failed or cancelled job with its reason, and each running task that was killed, so the log shows that a
 * timeout stopped the work and not only the client's wait.
 */
final class CancellationLog extends SparkListener {

    private static final Logger LOG = LoggerFactory.getLogger(CancellationLog.class);

    @Override
    public void onJobEnd(SparkListenerJobEnd jobEnd) {
        if (jobEnd.jobResult() instanceof JobFailed failed) {
            LOG.info("job {} ended: {}", jobEnd.jobId(), failed.exception().getMessage().lines().findFirst().orElse(""));
        }
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
        if (taskEnd.reason() instanceof TaskKilled killed) {
            LOG.info("killed task {} of stage {}: {}", taskEnd.taskInfo().index(), taskEnd.stageId(), killed.reason());
        }
    }
}
