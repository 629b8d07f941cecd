package org.modelcensus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.modelcensus.CensusTestKit.snapshotContents;
import static org.modelcensus.CensusTestKit.warehouse;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modelcensus.write.Warehouse;

/**
 * Two runs of different snapshots against one new warehouse at the same time (two JVMs, a child and the suite's,
 * racing to create every table): both succeed and both snapshots are complete, with the same contents a run alone writes.
 */
class ConcurrentRunsTest {

    @TempDir
    Path dir;

    @Test
    void twoWritersOfDifferentSnapshotsBothComplete() throws Exception {
        String shared = dir.resolve("shared-warehouse").toString();
        ChildJvm july = ChildJvm.census(dir.resolve("july.log"), "--input", Fixtures.SAMPLE.toString(), "--warehouse", shared,
                "--snapshot-date", "2024-07-16");
        // The other writer is the suite's JVM, started when the child has read its catalogue: both then reach their
        // first table at about the same time (a warm JVM computes faster than a new one).
        july.awaitLog("phase read done", Duration.ofMinutes(5));
        CensusTestKit.Outcome august = CensusTestKit.census("--input", Fixtures.SAMPLE.toString(), "--warehouse", shared,
                "--snapshot-date", "2024-08-01");
        assertEquals(0, july.awaitExit(Duration.ofMinutes(10)), july.tail());
        assertEquals(0, august.exitCode(), august.err());

        // What one run alone writes (the suite's census of the sample), to compare each racing snapshot with.
        Map<String, List<String>> expected = withoutRunIds(SampleCensus.contents());

        Warehouse warehouse = warehouse(shared);
        assertEquals(expected, withoutRunIds(snapshotContents(warehouse, LocalDate.of(2024, 7, 16))));
        assertEquals(expected, withoutRunIds(snapshotContents(warehouse, LocalDate.of(2024, 8, 1))));
        List<Row> runs = warehouse.read(Warehouse.AUDIT, "census_runs").orElseThrow().orderBy("snapshot_date").collectAsList();
        assertEquals(List.of("2024-07-16 succeeded", "2024-08-01 succeeded"),
                runs.stream().map(r -> r.getAs("snapshot_date") + " " + r.getAs("status")).toList());
    }

    /** data_quality rows carry their run's id, which differs by design. */
    private static Map<String, List<String>> withoutRunIds(Map<String, List<String>> contents) {
        contents.replaceAll((table, rows) -> rows.stream().map(row -> row.replaceAll("\"run_id\":\"[^\"]*\",?", "")).sorted().toList());
        return contents;
    }
}
