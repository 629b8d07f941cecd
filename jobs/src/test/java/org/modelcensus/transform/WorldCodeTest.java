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
 * WLD, all countries, counts each model once, even a model whose catalogue row lists "WLD" as a country (a label
 * countries.csv lacks, kept as its own code): the tables over sql/intermediate/window_model_countries.sql count its
 * rows, so the model must be there once under WLD, not twice.
 */
class WorldCodeTest {

    private static Map<String, Dataset<Row>> views;

    @BeforeAll
    static void runCensusSql() {
        views = TinyCatalogue.census(CensusTestKit.config(null, 3), List.of(
                model("Listed", "2022-03-01").domain("Language").organization("Lab W").country("WLD")
                        .compute("1e25").accessibility("API access"),
                model("Other", "2023-03-01").domain("Language").organization("Mistral").country("France")
                        .compute("1e24").accessibility("Open weights (unrestricted)")),
                "staging", "silver", "intermediate", "gold");
    }

    @AfterAll
    static void releaseViews() {
        TinyCatalogue.release(views);
    }

    @Test
    void aModelListingWldIsOnceInAllCountries() {
        assertTable(views.get("window_model_countries").orderBy("country_code", "model"),
                "country_code | model",
                "FRA          | Other",
                "WLD          | Listed",
                "WLD          | Other");
        assertTable(views.get("open_weights_share"),
                "country_code | models | open_weights_models | open_weights_share_pct",
                "WLD          | 2      | 1                   | 50",
                "FRA          | 1      | 1                   | 100");
        assertTable(views.get("models_over_compute_thresholds").where("country_code = 'WLD'"),
                "threshold_flop | country_code | release_year | models",
                "1e+24          | WLD          | 2022         | 1",
                "1e+24          | WLD          | 2023         | 1",
                "1e+25          | WLD          | 2022         | 1");
        assertTable(views.get("compute_growth").select("scope", "models"),
                "scope | models",
                "WLD   | 2");
    }
}
