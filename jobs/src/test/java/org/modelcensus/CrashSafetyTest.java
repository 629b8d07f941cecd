package org.modelcensus;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.modelcensus.CensusTestKit.snapshotContents;
import static org.modelcensus.CensusTestKit.warehouse;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modelcensus.write.Warehouse;

/**
 * A run killed with SIGKILL while it writes leaves the earlier snapshot readable and unchanged, and the next run
 * of the killed snapshot succeeds. The killed runs are child JVMs, each on a warehouse of its own, started together
 * (most of their time is a new JVM's start and the catalogue's reading, which overlap well): one is stopped the moment
 * it has committed its first silver table (others still in flight), the other its first gold table.
 */
class CrashSafetyTest {

    private static final LocalDate EARLIER = SampleCensus.SNAPSHOT;
    private static final String REAL = Fixtures.SNAPSHOT.toString();
    private static final List<String> KILL_AFTER = List.of("wrote silver/", "wrote gold/");

    @TempDir
    Path dir;

    @Test
    void killedRunsLeaveTheEarlierSnapshotAndReRunsSucceed() throws Exception {
        // The earlier snapshot: a copy of the suite's census of the sample, for each run.
        Map<String, List<String>> earlier = SampleCensus.contents();
        Map<String, String> roots = new LinkedHashMap<>();
        Map<String, ChildJvm> runs = new LinkedHashMap<>();
        for (String killAfter : KILL_AFTER) {
            String name = killAfter.substring("wrote ".length(), killAfter.length() - 1);
            String root = SampleCensus.copyWarehouse(dir.resolve(name + "-warehouse")).toString();
            roots.put(killAfter, root);
            runs.put(killAfter, ChildJvm.census(dir.resolve(name + "-killed.log"), "--input", REAL, "--warehouse", root,
                    "--snapshot-date", "2024-08-01"));
        }
        killEachWhenItLogs(runs, Duration.ofMinutes(5));

        for (String killAfter : KILL_AFTER) {
            String root = roots.get(killAfter);
            Warehouse warehouse = warehouse(root);
            assertFalse(runs.get(killAfter).log().contains("recorded run"), killAfter + ": the run was killed before it ended");
            assertEquals(earlier, snapshotContents(warehouse, EARLIER), killAfter + ": the earlier snapshot is unchanged and readable");
            // and as BI tools read it, through Spark's Delta reader
            assertEquals(earlier.get("silver.models"), CensusTestKit.jsonLines(warehouse.read(Warehouse.SILVER, "models").orElseThrow()
                    .where(col("snapshot_date").equalTo(lit(java.sql.Date.valueOf(EARLIER)))).drop("snapshot_date")), killAfter);

            CensusTestKit.Outcome rerun = CensusTestKit.census("--input", REAL, "--warehouse", root, "--snapshot-date", "2024-08-01");
            assertEquals(0, rerun.exitCode(), killAfter + ": " + rerun.err());
            assertEquals(earlier, snapshotContents(warehouse, EARLIER), killAfter);
            Map<String, List<String>> rerunTables = snapshotContents(warehouse, LocalDate.of(2024, 8, 1));
            assertEquals(earlier.keySet(), rerunTables.keySet(), killAfter + ": every table holds the re-run snapshot");
            assertEquals(192, rerunTables.get("silver.models").size() + rerunTables.get("silver.rejected_rows").size(),
                    killAfter + ": the real snapshot's 192 records, once each");
            assertEquals(List.of("2020:3", "2021:9", "2022:28", "2023:104"),
                    warehouse.readSnapshot(Warehouse.GOLD, "models_by_year", LocalDate.of(2024, 8, 1)).orElseThrow()
                            .selectExpr("concat(release_year, ':', models)").as(org.apache.spark.sql.Encoders.STRING()).collectAsList(),
                    killAfter);
        }
    }

    /** SIGKILL to each run the moment its log has its text (watched together: each is killed on time). */
    private static void killEachWhenItLogs(Map<String, ChildJvm> runs, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, ChildJvm> running = new LinkedHashMap<>(runs);
        while (!running.isEmpty()) {
            for (var run : List.copyOf(running.entrySet())) {
                if (run.getValue().log().contains(run.getKey())) {
                    run.getValue().kill();
                    running.remove(run.getKey());
                } else if (!run.getValue().process().isAlive() || System.nanoTime() > deadline) {
                    runs.values().forEach(ChildJvm::close);
                    throw new AssertionError("no '" + run.getKey() + "' in the log of a run "
                            + (run.getValue().process().isAlive() ? "within " + timeout : "that ended") + ":\n" + run.getValue().tail());
                }
            }
            Thread.sleep(20);
        }
    }
}
