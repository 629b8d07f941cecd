package org.modelcensus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.modelcensus.CensusTestKit.snapshotContents;
import static org.modelcensus.CensusTestKit.warehouse;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import org.modelcensus.write.Warehouse;

/**
 * A run killed with SIGKILL while it writes leaves the earlier snapshot readable and unchanged, and the next run
 * of the killed snapshot succeeds. The killed run is a child JVM, stopped the moment it has committed its first
 * silver table (others still in flight) or its first gold table.
 */
class CrashSafetyTest {

    private static final LocalDate EARLIER = SampleCensus.SNAPSHOT;
    private static final String REAL = Fixtures.SNAPSHOT.toString();

    @TempDir
    Path dir;

    @ParameterizedTest(name = "killed after ''{0}''")
    @ValueSource(strings = {"wrote silver/", "wrote gold/"})
    void killedRunLeavesEarlierSnapshotAndRerunSucceeds(String killAfter) throws Exception {
        // The earlier snapshot: a copy of the suite's census of the sample.
        String root = SampleCensus.copyWarehouse(dir.resolve("warehouse")).toString();
        Warehouse warehouse = warehouse(root);
        Map<String, List<String>> earlier = SampleCensus.contents();

        ChildJvm run = ChildJvm.census(dir.resolve("killed.log"), "--input", REAL, "--warehouse", root, "--snapshot-date", "2024-08-01");
        run.awaitLog(killAfter, Duration.ofMinutes(5));
        run.kill();
        assertFalse(run.log().contains("recorded run"), "the run was killed before it ended");

        assertEquals(earlier, snapshotContents(warehouse, EARLIER), "the earlier snapshot is unchanged and readable");

        CensusTestKit.Outcome rerun = CensusTestKit.census("--input", REAL, "--warehouse", root, "--snapshot-date", "2024-08-01");
        assertEquals(0, rerun.exitCode(), rerun.err());
        assertEquals(earlier, snapshotContents(warehouse, EARLIER));
        Map<String, List<String>> rerunTables = snapshotContents(warehouse, LocalDate.of(2024, 8, 1));
        assertEquals(earlier.keySet(), rerunTables.keySet(), "every table holds the re-run snapshot");
        assertEquals(192, rerunTables.get("silver.models").size() + rerunTables.get("silver.rejected_rows").size(),
                "the real snapshot's 192 records, once each");
        assertEquals(List.of("2020:3", "2021:9", "2022:28", "2023:104"),
                warehouse.readSnapshot(Warehouse.GOLD, "models_by_year", LocalDate.of(2024, 8, 1)).orElseThrow()
                        .selectExpr("concat(release_year, ':', models)").as(org.apache.spark.sql.Encoders.STRING()).collectAsList());
    }
}
