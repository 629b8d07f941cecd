package org.modelcensus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.modelcensus.CensusTestKit.assertMentions;
import static org.modelcensus.CensusTestKit.assertTable;
import static org.modelcensus.SparkTestSupport.assertSameTable;
import static org.modelcensus.SparkTestSupport.readCsv;

import java.nio.file.Path;
import java.util.List;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The census of the real 2024-07-16 snapshot, run as scripts/run.sh runs it ({@link RealCensus}), reproduces every
 * table of the expected folder, cell for cell and in order, in the CSV export and in the Delta warehouse, and tells
 * the person who ran it what it counted and where the outputs are.
 */
class GoldenCensusTest {

    @TempDir
    Path work;

    static List<String> expectedTables() {
        return Fixtures.expectedTables();
    }

    @Test
    void everyExpectedTableIsWrittenAndTheRunSaysWhatItCounted() {
        assertEquals(13, expectedTables().size());
        String summary = RealCensus.census().out();
        assertMentions(summary, "192 records = 192 accepted + 0 rejected", "144 models released 2020-2023",
                "United States 64, China 42, Korea 11, France 6, United Kingdom 5",
                RealCensus.warehouse().toString(), RealCensus.reportDir().resolve("2024-07-16/index.html").toString());
        for (String table : expectedTables()) {
            assertEquals(true, RealCensus.warehouse().resolve("gold").resolve(table).resolve("_delta_log").toFile().isDirectory(), table);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("expectedTables")
    void exportedCsvEqualsExpected(String table) {
        RealCensus.census();
        assertSameTable(readCsv(Fixtures.EXPECTED.resolve(table + ".csv")), readCsv(RealCensus.exportDir().resolve(table + ".csv")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("expectedTables")
    void deltaTableHoldsExpectedInOrder(String table) {
        RealCensus.census();
        Dataset<Row> stored = SparkTestSupport.spark().read().format("delta")
                .load(RealCensus.warehouse().resolve("gold").resolve(table).toString())
                .where("snapshot_date = '2024-07-16'");
        assertSameTable(readCsv(Fixtures.EXPECTED.resolve(table + ".csv")), stored.drop("snapshot_date"));
    }

    /** Exports are exact: Epoch's 1.001e25 stays 1.001e+25, not 1e+25 (issue: a 3-digit rounding of the export). */
    @Test
    void exportedComputeIsExactAsEpochWroteIt() {
        Path export = work.resolve("export");
        CensusTestKit.Outcome run = CensusTestKit.census("--input", Fixtures.SNAPSHOT.toString(), "--warehouse",
                work.resolve("warehouse").toString(), "--top-year", "2023", "--top-n", "3", "--export-csv", export.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTable(readCsv(export.resolve("top_models_by_compute.csv")),
                "release_year | rank | model            | training_compute_flop | parameters",
                "2023         | 1    | Gemini 1.0 Ultra | 5.0000000001e+25      | ",
                "2023         | 2    | GPT-4            | 2.1e+25               | ",
                "2023         | 3    | Inflection-2     | 1.001e+25             | ");
    }
}
