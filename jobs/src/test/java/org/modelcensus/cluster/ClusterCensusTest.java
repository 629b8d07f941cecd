package org.modelcensus.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.modelcensus.CensusTestKit.assertMentions;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.modelcensus.Fixtures;

/**
 * The census on a cluster of separate JVMs (a driver and two executors, see {@link LocalClusterRun}) gives the
 * expected tables of the real 2024-07-16 snapshot, also when one executor JVM is killed (kill -9) mid-run. One run
 * proves both: a cluster run costs four JVMs on the 2-core machine.
 */
class ClusterCensusTest {

    /** The slowest step seen: a run on the loaded 2-core machine takes 2 to 3 minutes. */
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(8);
    private static final String SILVER_DONE = "phase silver done";

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void censusOnTwoExecutorJvmsGivesTheExpectedTablesAfterLosingOne() throws Exception {
        try (LocalClusterRun run = LocalClusterRun.start("executor-killed", Fixtures.SNAPSHOT)) {
            // After the silver tables, the executors hold them (and shuffle files) and every write is still to come.
            run.awaitLog(SILVER_DONE, RUN_TIMEOUT);
            List<ProcessHandle> executors = run.executors();
            assertEquals(2, executors.size(), "executor JVMs while the census runs");
            ProcessHandle killed = executors.get(0);
            assertTrue(killed.destroyForcibly(), "kill -9 of executor pid " + killed.pid());
            killed.onExit().get(1, TimeUnit.MINUTES);

            int exitCode = run.awaitExit(RUN_TIMEOUT);
            String log = run.log();
            assertEquals(0, exitCode, "exit code after executor pid " + killed.pid() + " was killed; log:\n" + log);
            assertMentions(log, "Lost executor", "read 192 records = 192 accepted + 0 rejected");
            GoldTables.assertExportMatchesExpected(run.exportDir());
            assertFalse(Files.exists(run.warehouseDir().resolve("_checkpoints")), "the run removes its checkpoints");
            assertTrue(Files.isRegularFile(run.reportDir().resolve("2024-07-16/index.html")), "the report, rendered by the driver");
        }
    }
}
