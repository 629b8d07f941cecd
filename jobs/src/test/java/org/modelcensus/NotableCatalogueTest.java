package org.modelcensus;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.modelcensus.CensusTestKit.assertMentions;
import static org.modelcensus.CensusTestKit.assertTable;
import static org.modelcensus.SparkTestSupport.readCsv;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.modelcensus.write.Warehouse;

/**
 * The census of a notable-format catalogue (the made-up Fixtures.NOTABLE, 23 models, 21 of them in 2020..2023), with
 * and without --min-compute 1e23: what it counted is recorded and said, and the tables beyond the report are written,
 * exported exactly and shown. The expected values were computed by hand from the file
 * (expected/beyond-the-report/compute_expected.py).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NotableCatalogueTest {

    private static final String THRESHOLDS = "models_over_compute_thresholds";

    @TempDir
    static Path dir;

    private CensusTestKit.Outcome every;
    private CensusTestKit.Outcome over1e23;

    @BeforeAll
    void runBothCensuses() {
        every = census("every", List.of());
        over1e23 = census("over-1e23", List.of("--min-compute", "1e23"));
    }

    private CensusTestKit.Outcome census(String name, List<String> options) {
        Path run = dir.resolve(name);
        List<String> args = new ArrayList<>(List.of("--export-csv", run.resolve("export").toString(), "--report-dir", run.resolve("report").toString()));
        args.addAll(options);
        try {
            Files.createDirectories(run);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        CensusTestKit.Outcome outcome = CensusTestKit.census(run, Fixtures.NOTABLE, run.resolve("warehouse").toString(), args.toArray(String[]::new));
        assertEquals(0, outcome.exitCode(), name + ": " + outcome.err());
        return outcome;
    }

    @Test
    void everyModelIsCountedAndTheRunSaysItReadNotableModels() {
        assertMentions(every.out(), "23 records = 23 accepted + 0 rejected", "21 models released 2020-2023");
        Row run = runOf("every");
        assertAll(
                () -> assertEquals("notable", run.getAs("catalogue")),
                () -> assertEquals(Map.of(), run.getJavaMap(run.fieldIndex("rows_excluded"))),
                () -> assertEquals("Notable AI models, 2020–2023", report("every").selectFirst("h1 [data-lang=en]").text()),
                () -> assertEquals("https://epoch.ai/data/notable-ai-models", report("every").selectFirst("#credit a").attr("href")));
    }

    @Test
    void minComputeLeavesModelsOutOfEveryTableAndCountsThemPerReason() {
        assertMentions(over1e23.out(), "23 records = 23 accepted + 0 rejected", "12 models released 2020-2023");
        Row run = runOf("over-1e23");
        Map<String, Long> written = run.getJavaMap(run.fieldIndex("rows_written"));
        assertAll(
                () -> assertEquals("notable", run.getAs("catalogue")),
                // below 1e23: Pine-T5, Condor-Zero, Dragon-13B, Hangang-S, Orchid-0; no figure: Orchid-1, Orchid-Voice,
                // Dragon-Chat, Thames-Go, Atlas-Robot. Condor-Two, at exactly 1e23, stays.
                () -> assertEquals(Map.of("below_min_compute", 5L, "no_compute_figure", 5L), run.getJavaMap(run.fieldIndex("rows_excluded"))),
                () -> assertEquals(List.of(23L, 23L, 0L),
                        List.of(run.<Long>getAs("rows_read"), run.<Long>getAs("rows_accepted"), run.<Long>getAs("rows_rejected"))),
                () -> assertEquals("1e+23", run.getJavaMap(run.fieldIndex("options")).get("min-compute")),
                () -> assertEquals(13L, written.get("silver.models"), "the 13 models of 1e23 FLOP or more, 2024's included"),
                () -> assertEquals(0L, written.get("silver.rejected_rows"), "left out, not rejected"),
                () -> assertEquals("0", qualityValue("over-1e23", "rejected_share"), "they are no rejected records"),
                () -> assertEquals("Notable AI models with at least 1e+23 FLOP, 2020–2023",
                        report("over-1e23").selectFirst("h1 [data-lang=en]").text()));
    }

    @Test
    void thresholdsCountTheSameModelsEitherWay() {
        for (String run : List.of("every", "over-1e23")) {
            assertTable(exported(run, THRESHOLDS),
                    "threshold_flop | country_code | release_year | models",
                    "1e+24          | WLD          | 2022         | 2",
                    "1e+24          | WLD          | 2023         | 3",
                    "1e+24          | CHN          | 2023         | 1",
                    "1e+24          | KOR          | 2023         | 1",
                    "1e+24          | USA          | 2022         | 2",
                    "1e+24          | USA          | 2023         | 1",
                    "1e+25          | WLD          | 2023         | 1",
                    "1e+25          | USA          | 2023         | 1");
        }
        Document page = report("every");
        assertEquals(List.of("5", "1", "0"), page.select("#beyond-thresholds tr[data-key=WLD] td").eachText(), "the window's WLD totals");
    }

    @Test
    void theCutAt1e23FlattensTheGrowthLineAndLeavesTheUnitedStatesUnderTenModels() {
        // every: 16 models with a figure, 10 American (exactly --min-growth-models); over 1e23: 12, 8 American
        assertGrowth(exported("every", "compute_growth"),
                new Object[] {"WLD", 16L, 2.6057230478919076, 8.68505543932287},
                new Object[] {"USA", 10L, 3.0015533016454086, 7.567591420340318});
        assertGrowth(exported("over-1e23", "compute_growth"),
                new Object[] {"WLD", 12L, 1.266006863445323, 35.26453421703415});
        assertEquals(12, report("over-1e23").select("#beyond-growth-chart circle.model").size());
    }

    @Test
    void openWeightsSharesAndAccessibilityOfBothVintagesLabels() {
        assertTable(exported("every", "open_weights_share"),
                "country_code | models | open_weights_models | open_weights_share_pct",
                "WLD          | 21     | 8                   | 38.1",
                "USA          | 13     | 4                   | 30.8",
                "CHN          | 4      | 3                   | 75",
                "GBR          | 2      | 0                   | 0",
                "KOR          | 2      | 0                   | 0",
                "FRA          | 1      | 1                   | 100");
        assertTable(exported("over-1e23", "open_weights_share"),
                "country_code | models | open_weights_models | open_weights_share_pct",
                "WLD          | 12     | 5                   | 41.7",
                "USA          | 8      | 2                   | 25",
                "CHN          | 2      | 2                   | 100",
                "FRA          | 1      | 1                   | 100",
                "GBR          | 1      | 0                   | 0",
                "KOR          | 1      | 0                   | 0");
        assertTable(exported("every", "models_by_accessibility").where("country_code = 'USA' and release_year = '2023'"),
                "country_code | release_year | accessibility           | models",
                "USA          | 2023         | api_access              | 1",
                "USA          | 2023         | open_weights_restricted | 1",
                "USA          | 2023         | unknown                 | 2");
        assertEquals("1", qualityValue("every", "accessibility_labels_mapped"), "Weights on request of Bridge-LM");
    }

    private Dataset<Row> exported(String run, String table) {
        return readCsv(dir.resolve(run).resolve("export").resolve(table + ".csv"));
    }

    private String qualityValue(String run, String check) {
        return exported(run, "data_quality").where("check = '" + check + "'").first().getAs("value");
    }

    private Row runOf(String run) {
        return CensusTestKit.warehouse(dir.resolve(run).resolve("warehouse").toString())
                .read(Warehouse.AUDIT, "census_runs").orElseThrow().first();
    }

    private Document report(String run) {
        try {
            return Jsoup.parse(Files.readString(dir.resolve(run).resolve("report").resolve(LocalDate.of(2025, 6, 1) + "/index.html")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Scope and models exactly; the growth and doubling time to 1e-12 (Spark's least squares against Python's). */
    private static void assertGrowth(Dataset<Row> exported, Object[]... expected) {
        List<Row> rows = exported.collectAsList();
        assertEquals(expected.length, rows.size(), "rows of compute_growth: " + rows);
        for (int i = 0; i < expected.length; i++) {
            Row row = rows.get(i);
            assertEquals(expected[i][0], row.getAs("scope"));
            assertEquals(String.valueOf(expected[i][1]), row.getAs("models"));
            double growth = (double) expected[i][2];
            double doubling = (double) expected[i][3];
            assertEquals(growth, Double.parseDouble(row.getAs("growth_per_year")), growth * 1e-12, "growth_per_year of " + row);
            assertEquals(doubling, Double.parseDouble(row.getAs("doubling_months")), Math.abs(doubling) * 1e-12, "doubling_months of " + row);
        }
    }
}
