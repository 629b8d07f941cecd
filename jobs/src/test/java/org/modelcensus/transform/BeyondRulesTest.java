package org.modelcensus.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.modelcensus.CensusTestKit.assertTable;
import static org.modelcensus.transform.TinyCatalogue.model;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.modelcensus.CensusTestKit;
import org.modelcensus.report.ReportRenderer;

/**
 * The rules of the tables beyond the report (thresholds, compute growth, accessibility, open weights) and of
 * --min-compute, on a tiny catalogue, window 2020..2023, --min-growth-models 3. In the window: USA 4 models (one
 * co-developed with the United Kingdom), United Kingdom 2, China 3, Korea 1, France 7; 16 models in all (WLD, each
 * model once, even Tie, whose row lists WLD itself).
 * Outside it: one 2019 model of 1e26 FLOP, which no table counts.
 */
class BeyondRulesTest {

    private static final String USA = "United States of America";
    private static final String GBR = "United Kingdom of Great Britain and Northern Ireland";
    private static final List<TinyCatalogue.ModelRow> CATALOGUE = List.of(
            // USA: three fitted models on an exact line, 10x a year; one exactly at each of 1e24 and 1e25
            model("Aurora", "2021-01-01").domain("Language").organization("Lab A").country(USA)
                    .compute("1e23").accessibility("Open weights (unrestricted)"),
            model("CoDev", "2022-01-01").domain("Language").organization("Lab A, Oxford").country(USA + ", " + GBR)
                    .compute("1e24").accessibility("Open access (non-commercial)"),
            // Tie also lists WLD as a country, a label countries.csv lacks (kept as its own code): still once under WLD
            model("Tie", "2023-01-01").domain("Language").organization("Lab A").country(USA + ", WLD")
                    .compute("1e25").accessibility("API access"),
            model("Secret", "2023-09-01").domain("Language").organization("Lab A").country(USA).accessibility("Unreleased"),
            // GBR: two fitted models (CoDev and Small), one under --min-growth-models 3; 2020-07-02 is 2020.5 (a leap year)
            model("Small", "2020-07-02").domain("Vision").organization("Oxford").country(GBR)
                    .compute("1e22").accessibility("Open source"),
            // KOR: just under 1e25; 2023-07-02 is 2023 + 182/365
            model("Han", "2023-07-02").domain("Language").organization("Naver").country("Korea (Republic of)")
                    .compute("9.99e24").accessibility("Hosted access (no API)"),
            // CHN: nothing to fit; an empty accessibility, an unmapped one and a 2025 label
            model("NoCompute", "2021-06-01").domain("Language").organization("Baidu").country("China"),
            model("Bad", "2022-03-01").domain("Language").organization("Baidu").country("China")
                    .compute("unknown").accessibility("Weights on request"),
            model("Restricted", "2022-05-01").domain("Language").organization("Baidu").country("China")
                    .accessibility("Open weights (restricted use)"),
            // FRA: seven models, one with open weights, so that WLD has 5 open of 16 = 31.25 %
            model("F1", "2021-02-01").domain("Language").organization("Mistral").country("France")
                    .accessibility("Open weights (restricted use)"),
            model("F2", "2021-02-02").domain("Language").organization("Mistral").country("France"),
            model("F3", "2021-02-03").domain("Language").organization("Mistral").country("France"),
            model("F4", "2021-02-04").domain("Language").organization("Mistral").country("France"),
            model("F5", "2021-02-05").domain("Language").organization("Mistral").country("France"),
            model("F6", "2021-02-06").domain("Language").organization("Mistral").country("France"),
            model("F7", "2021-02-07").domain("Language").organization("Mistral").country("France"),
            model("Old", "2019-12-31").domain("Language").organization("Lab A").country(USA)
                    .compute("1e26").accessibility("Unreleased"));

    private static Map<String, Dataset<Row>> views;

    @BeforeAll
    static void runCensusSql() {
        views = TinyCatalogue.census(CensusTestKit.config(null, 3), CATALOGUE, "staging", "silver", "quality", "intermediate", "gold");
    }

    @AfterAll
    static void releaseViews() {
        TinyCatalogue.release(views);
    }

    @Test
    void aModelAtAThresholdCountsAndACoDevelopedModelCountsForEachCountryAndOnceInAll() {
        // 1e24: CoDev (exactly 1e24; USA and GBR), Tie (1e25), Han (9.99e24); 1e25: Tie (exactly); 1e26: only Old, of 2019
        assertTable(views.get("models_over_compute_thresholds"),
                "threshold_flop | country_code | release_year | models",
                "1e+24          | WLD          | 2022         | 1",
                "1e+24          | WLD          | 2023         | 2",
                "1e+24          | GBR          | 2022         | 1",
                "1e+24          | KOR          | 2023         | 1",
                "1e+24          | USA          | 2022         | 1",
                "1e+24          | USA          | 2023         | 1",
                "1e+25          | WLD          | 2023         | 1",
                "1e+25          | USA          | 2023         | 1");
    }

    @Test
    void computeGrowthFitsAllCountriesAndEachCountryWithEnoughModels() {
        List<Row> rows = views.get("compute_growth").collectAsList();

        assertEquals(List.of("WLD", "USA"), rows.stream().map(r -> r.<String>getAs("scope")).toList(),
                "GBR has 2 fitted models, under --min-growth-models 3; CHN none");
        // WLD, by hand: the least-squares line through (2021, 23), (2022, 24), (2023, 25), (2020.5, 22) and
        // (2023 + 182/365, log10 9.99e24): slope 1.0002790934248371 a year (a 365-day 2020 would give 1.00053216).
        assertGrowth(rows.get(0), 5, 10.006428428945679, 3.611352043357701);
        // USA: Aurora, CoDev and Tie lie on log10 compute = year - 1998: slope 1, 10x a year, doubling in 12 log10 2 months
        assertGrowth(rows.get(1), 3, 10.0, 3.612359947967774);
    }

    @Test
    void theGrowthChartDrawsTheFittedModelsByDateAndASampleOfThemAboveItsLimit() {
        assertEquals(List.of("Small", "Aurora", "CoDev", "Tie", "Han"), chartPoints(10));
        List<String> sample = chartPoints(3);
        assertEquals(3, sample.size());
        assertTrue(List.of("Small", "Aurora", "CoDev", "Tie", "Han").containsAll(sample), sample.toString());
        assertEquals(sample.stream().sorted(Comparator.comparing(List.of("Small", "Aurora", "CoDev", "Tie", "Han")::indexOf)).toList(),
                sample, "by date");
        assertEquals(sample, chartPoints(3), "the same sample every time");
    }

    private static List<String> chartPoints(int max) {
        return ReportRenderer.chartPoints(views.get("window_models"), max).select("model").as(Encoders.STRING()).collectAsList();
    }

    @Test
    void accessibilityLabelsOfBothVintagesMapToOneGroupAndTheRestIsUnknown() {
        assertTable(views.get("models_by_accessibility").where("country_code in ('WLD', 'CHN')"),
                "country_code | release_year | accessibility              | models",
                "WLD          | 2020         | open_weights_unrestricted  | 1",
                "WLD          | 2021         | open_weights_restricted    | 1",
                "WLD          | 2021         | open_weights_unrestricted  | 1",
                "WLD          | 2021         | unknown                    | 7",
                "WLD          | 2022         | open_weights_noncommercial | 1",
                "WLD          | 2022         | open_weights_restricted    | 1",
                "WLD          | 2022         | unknown                    | 1",
                "WLD          | 2023         | api_access                 | 1",
                "WLD          | 2023         | hosted_access              | 1",
                "WLD          | 2023         | unreleased                 | 1",
                "CHN          | 2021         | unknown                    | 1",
                "CHN          | 2022         | open_weights_restricted    | 1",
                "CHN          | 2022         | unknown                    | 1");
    }

    @Test
    void anUnmappedAccessibilityLabelIsAWarningThatNamesIt() {
        assertTable(views.get("accessibility_mapped"),
                "check                       | level   | value | rows_affected | details",
                "accessibility_labels_mapped | warning | 1     | 1             | Weights on request");
    }

    @Test
    void openWeightsShareIsExactToOneDecimalWithHalvesRoundedUp() {
        // WLD 5 / 16 = 31.25 % -> 31.3; CHN 1 / 3 -> 33.3; FRA 1 / 7 = 14.29 % -> 14.3
        assertTable(views.get("open_weights_share"),
                "country_code | models | open_weights_models | open_weights_share_pct",
                "WLD          | 16     | 5                   | 31.3",
                "FRA          | 7      | 1                   | 14.3",
                "USA          | 4      | 2                   | 50",
                "CHN          | 3      | 1                   | 33.3",
                "GBR          | 2      | 2                   | 100",
                "KOR          | 1      | 0                   | 0");
    }

    @Test
    void minComputeLeavesOutTheModelsBelowItAndThoseWithoutAFigure() {
        Map<String, Dataset<Row>> scoped = TinyCatalogue.run(CensusTestKit.config(1e24, 3), "staging");

        // at 1e24 exactly CoDev stays; a compute of "unknown" is no figure
        assertTable(scoped.get("stg_catalogue").orderBy("source_record"),
                "model",
                "CoDev",
                "Tie",
                "Han",
                "Old");
        assertTable(scoped.get("stg_catalogue_scope").groupBy("excluded_reason").count().orderBy("excluded_reason"),
                "excluded_reason   | count",
                "                  | 4",
                "below_min_compute | 2",
                "no_compute_figure | 11");
    }

    @Test
    void withoutMinComputeNothingIsLeftOut() {
        assertEquals(0, views.get("stg_catalogue_scope").where("excluded_reason is not null").count());
        assertEquals(CATALOGUE.size(), views.get("stg_catalogue").count());
    }

    private static void assertGrowth(Row row, long models, double growthPerYear, double doublingMonths) {
        assertEquals(models, row.<Long>getAs("models"), "models of " + row);
        assertEquals(growthPerYear, row.<Double>getAs("growth_per_year"), growthPerYear * 1e-12, "growth_per_year of " + row);
        assertEquals(doublingMonths, row.<Double>getAs("doubling_months"), doublingMonths * 1e-12, "doubling_months of " + row);
    }
}
