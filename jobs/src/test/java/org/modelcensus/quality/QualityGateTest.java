package org.modelcensus.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.modelcensus.CensusTestKit.MODEL_A;
import static org.modelcensus.CensusTestKit.MODEL_B;
import static org.modelcensus.CensusTestKit.MODEL_C;
import static org.modelcensus.CensusTestKit.catalogue;
import static org.modelcensus.CensusTestKit.census;
import static org.modelcensus.CensusTestKit.snapshotContents;
import static org.modelcensus.CensusTestKit.warehouse;
import static org.modelcensus.CensusTestKit.assertMentions;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modelcensus.CensusTestKit.Outcome;
import org.modelcensus.errors.ExitCode;
import org.modelcensus.write.Warehouse;

/**
 * The quality gate: too many rejected records or a failed error-level check stop the run with exit code 3
 * before any table is written, and the snapshot already stored stays as it was.
 */
class QualityGateTest {

    private static final LocalDate SNAPSHOT = LocalDate.of(2024, 7, 16);

    @TempDir
    Path dir;

    @Test
    void tooManyRejectedRecordsStopTheRunAndKeepTheStoredSnapshot() {
        String root = dir.resolve("warehouse").toString();
        Warehouse warehouse = warehouse(root);
        assertEquals(0, census(dir, catalogue(dir, "good.csv", MODEL_A, MODEL_B, MODEL_C), root, "--snapshot-date", "2024-07-16").exitCode());
        Map<String, List<String>> stored = snapshotContents(warehouse, SNAPSHOT);

        // 2 of 4 records have no valid date: 50% rejected, above the default 5%.
        Path damaged = catalogue(dir, "damaged.csv", MODEL_A, MODEL_B,
                "Model X,2023-13-01,Language,Chat,Lab,China,Industry,,,", "Model Y,someday,Language,Chat,Lab,China,Industry,,,");
        Outcome outcome = census(dir, damaged, root, "--snapshot-date", "2024-07-16");

        assertEquals(ExitCode.QUALITY_GATE.code(), outcome.exitCode(), outcome.err());
        assertEquals(1, outcome.errLines().size(), outcome.err());
        assertMentions(outcome.err(), "quality gate", "rejected_share", "= 0.5", "allowed 0.05", "--max-reject-share");
        assertEquals(stored, snapshotContents(warehouse, SNAPSHOT), "the stored snapshot is unchanged");

        Row run = warehouse.read(Warehouse.AUDIT, "census_runs").orElseThrow().orderBy("started_at").collectAsList().get(1);
        assertEquals("quality_gate_failed", run.getAs("status"));
        assertEquals(3, (int) run.getAs("exit_code"));
        assertMentions(run.getList(run.fieldIndex("checks_failed")).toString(), "rejected_share");
    }

    @Test
    void aRaisedMaximumLetsTheSameCatalogueThrough() {
        Path damaged = catalogue(dir, "damaged.csv", MODEL_A, "Model X,2023-13-01,Language,Chat,Lab,China,Industry,,,");

        Outcome outcome = census(dir, damaged, dir.resolve("warehouse").toString(), "--max-reject-share", "0.5");

        assertEquals(0, outcome.exitCode(), outcome.err());
    }

    @Test
    void aFailedErrorCheckStopsTheRunBeforeAnyTableIsWritten() {
        String root = dir.resolve("warehouse").toString();
        Path negative = catalogue(dir, "negative.csv", MODEL_A, "Model N,2023-04-01,Language,Chat,Lab N,China,Industry,7e9,-5e23,");

        Outcome outcome = census(dir, negative, root, "--snapshot-date", "2024-07-16");

        assertEquals(ExitCode.QUALITY_GATE.code(), outcome.exitCode(), outcome.err());
        assertMentions(outcome.err(), "training_compute_flop_non_negative", "Model N");
        assertFalse(outcome.err().contains("--max-reject-share"), "the share was fine: " + outcome.err());
        for (String layer : List.of(Warehouse.SILVER, Warehouse.GOLD)) {
            assertEquals(List.of(), warehouse(root).tables(layer), layer + " tables written despite the gate");
        }
        assertEquals(List.of("census_runs"), warehouse(root).tables(Warehouse.AUDIT), "only the run is recorded");
    }
}
