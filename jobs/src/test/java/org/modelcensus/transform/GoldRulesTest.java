package org.modelcensus.transform;

import static org.modelcensus.CensusTestKit.assertTable;
import static org.modelcensus.transform.TinyCatalogue.model;

import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.modelcensus.CensusTestKit;

/**
 * The rules of the breakdown (gold) tables on a tiny catalogue, window 2020..2023, ranked year 2024.
 * In the window: 2020 1 model, 2021 2, 2022 none, 2023 4; USA 3 models, China 2, United Kingdom 2, Korea 1.
 * Outside it: one 2019 model and four 2024 models, all American, which only top_models_by_compute counts.
 */
class GoldRulesTest {

    private static final String USA = "United States of America";
    private static final String GBR = "United Kingdom of Great Britain and Northern Ireland";
    private static final List<TinyCatalogue.ModelRow> CATALOGUE = List.of(
            model("Aurora", "2020-05-01").domain("Language").task("Language modelling")
                    .organization("Google").country(USA).category("Industry").compute("1e23"),
            model("Borealis", "2021-02-01").domain("Language, Multimodal").task("Language generation, Chat")
                    .organization("Google Brain, DeepMind").country(USA).category("Industry"),
            model("Cirrus", "2021-09-01").domain("Vision").task("T1, T2, T3, T4, T5")
                    .organization("Google, OpenAI").country(USA + ", China").category("Industry, Academia"),
            model("Dune", "2023-01-10").domain("Language").task("T1, T2, T3, T4, T5, T6")
                    .organization("Baidu").country("China").category("Industry"),
            model("Ember", "2023-03-01").domain("Vision, Multimodal")
                    .organization("Stability AI").country(GBR).category("Industry").compute("9e25"),
            model("Fjord", "2023-06-01").domain("Audio").task("T1, T2, T3")
                    .organization("Oxford").country(GBR).category("Academia"),
            model("Geyser", "2023-11-30").domain("Speech").task("T1, T2, T3, T4")
                    .organization("Naver").country("Korea (Republic of)").category("Government"),
            model("Old", "2019-12-31").domain("Language").task("T1")
                    .organization("OpenAI").country(USA).category("Industry"),
            model("Big", "2024-01-15").domain("Language").task("Chat")
                    .organization("Meta AI").country(USA).category("Industry").compute("5e25"),
            model("Zeta", "2024-02-15").domain("Language").task("Chat")
                    .organization("Meta AI").country(USA).category("Industry").compute("2e25"),
            model("Alpha", "2024-03-15").domain("Language").task("Chat")
                    .organization("Meta AI").country(USA).category("Industry").compute("2.0e25"),
            model("NoCompute", "2024-04-15").domain("Language").task("Chat")
                    .organization("Meta AI").country(USA).category("Industry").compute("unknown"));

    private static Map<String, Dataset<Row>> views;

    @BeforeAll
    static void runCensusSql() {
        views = TinyCatalogue.census(CensusTestKit.config(2024, 4), CATALOGUE, "staging", "silver", "intermediate", "gold");
    }

    @AfterAll
    static void releaseViews() {
        TinyCatalogue.release(views);
    }

    @Test
    void countryRankingIsACompetitionRankWithTies() {
        assertTable(views.get("country_ranking"),
                "country_code | models | codeveloped_models | rank",
                "USA          | 3      | 1                  | 1",
                "CHN          | 2      | 1                  | 2",
                "GBR          | 2      | 0                  | 2",
                "KOR          | 1      | 0                  | 4");
    }

    @Test
    void modelsByYearHasEveryYearOfTheWindowWithZeros() {
        assertTable(views.get("models_by_year"),
                "release_year | models",
                "2020         | 1",
                "2021         | 2",
                "2022         | 0",
                "2023         | 4");
    }

    @Test
    void multimodalByYearHasEveryYearOfTheWindowWithZeros() {
        assertTable(views.get("multimodal_by_year"),
                "release_year | models",
                "2020         | 0",
                "2021         | 1",
                "2022         | 0",
                "2023         | 1");
    }

    @Test
    void taskCountsOfFiveOrMoreShareOneBucket() {
        assertTable(views.get("models_by_task_count_year").where("models > 0"),
                "task_count | release_year | models",
                "1          | 2020         | 1",
                "2          | 2021         | 1",
                "3          | 2023         | 1",
                "4          | 2023         | 1",
                "5+         | 2021         | 1",
                "5+         | 2023         | 1");
    }

    @Test
    void taskCountBucketsCoverEveryYearOfTheWindowWithZeros() {
        assertTable(views.get("models_by_task_count_year").where("task_count = '5+'"),
                "task_count | release_year | models",
                "5+         | 2020         | 0",
                "5+         | 2021         | 1",
                "5+         | 2022         | 0",
                "5+         | 2023         | 1");
    }

    @Test
    void topModelsByComputeBreakTiesByNameAndSkipModelsWithoutCompute() {
        assertTable(views.get("top_models_by_compute"),
                "release_year | rank | model | training_compute_flop",
                "2024         | 1    | Big   | 5e+25",
                "2024         | 2    | Alpha | 2e+25",
                "2024         | 3    | Zeta  | 2e+25");
    }

    @Test
    void topModelsByComputeKeepsTheTopN() {
        Dataset<Row> topTwo = TinyCatalogue.run(CensusTestKit.config(2024, 2), "gold").get("top_models_by_compute");

        assertTable(topTwo,
                "rank | model",
                "1    | Big",
                "2    | Alpha");
    }

    @Test
    void headlineMetricsGiveCountsGrowthAndSharesToOneDecimal() {
        // cagr: (4 / 1)^(1/3) - 1 = 58.74 %; shares of the 7 models of the window, multi-task of the 6 with tasks
        assertTable(views.get("headline_metrics"),
                "metric                     | value",
                "models_total               | 7",
                "cagr_pct                   | 58.7",
                "language_models            | 3",
                "language_share_pct         | 42.9",
                "multimodal_models          | 2",
                "multimodal_share_pct       | 28.6",
                "models_with_tasks          | 6",
                "multi_task_models          | 5",
                "multi_task_share_pct       | 83.3",
                "single_developer_models    | 6",
                "single_developer_share_pct | 85.7",
                "joint_models               | 1",
                "industry_models            | 5",
                "industry_share_pct         | 71.4");
    }
}
