package org.modelcensus.census;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.modelcensus.CensusTestKit.MODEL_A;
import static org.modelcensus.CensusTestKit.MODEL_B;
import static org.modelcensus.CensusTestKit.MODEL_C;
import static org.modelcensus.CensusTestKit.catalogue;
import static org.modelcensus.CensusTestKit.census;
import static org.modelcensus.CensusTestKit.writeFile;

import java.nio.file.Path;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modelcensus.CensusTestKit;
import org.modelcensus.CensusTestKit.Outcome;
import org.modelcensus.Fixtures;
import org.modelcensus.SparkTestSupport;
import org.modelcensus.config.TextSource;
import org.modelcensus.transform.SqlRunner;

/**
 * The census lets go of its kept accepted records and staging tables once the quality checks ran (in local mode), and
 * only when no later file reads them: a released table cannot be computed again.
 */
class KeptTablesTest {

    @TempDir
    Path dir;

    @Test
    void theCensusFilesReadNoStagingTableAfterTheQualityChecks() {
        assertFalse(CensusPipeline.readAfterQuality(plan(CensusTestKit.projectSql())),
                "the bundled SQL files: the kept records and staging tables are released");
    }

    @Test
    void onlyTheStagingTablesSeveralFilesReadAreKept() {
        SqlRunner.Plan plan = plan(CensusTestKit.projectSql());
        // stg_catalogue: six silver files and a quality check; stg_catalogue_scope: stg_catalogue alone, which computes it
        assertEquals(7, plan.readers("stg_catalogue"));
        assertEquals(1, plan.readers("stg_catalogue_scope"));
        assertEquals(0, plan.readers("country_ranking"));
    }

    @Test
    void aGoldFileThatReadsAStagingTableKeepsItToTheEnd() {
        Path sql = CensusTestKit.copyTree(Fixtures.PROJECT.resolve("sql"), dir.resolve("sql"));
        writeFile(sql.resolve("gold"), "staged_models.sql", "select count(*) as models from stg_catalogue");
        assertTrue(CensusPipeline.readAfterQuality(plan(TextSource.of(sql.toString(), "sql"))));

        String warehouse = dir.resolve("warehouse").toString();
        Outcome outcome = census(dir, catalogue(dir, "catalogue.csv", MODEL_A, MODEL_B, MODEL_C), warehouse,
                "--sql-dir", sql.toString(), "--snapshot-date", "2024-07-16");
        assertEquals(0, outcome.exitCode(), outcome.err());
        assertEquals(3L, SparkTestSupport.spark().read().format("delta").load(warehouse + "/gold/staged_models")
                .where("snapshot_date = '2024-07-16'").first().<Long>getAs("models"));
    }

    private static SqlRunner.Plan plan(TextSource sql) {
        return new SqlRunner(SparkTestSupport.spark(), sql, CensusTestKit.config(2024, 10).sqlParameters())
                .plan(CensusPipeline.SQL_INPUTS, Set.of());
    }
}
