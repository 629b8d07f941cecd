package org.modelcensus.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.modelcensus.CensusTestKit.MODEL_A;
import static org.modelcensus.CensusTestKit.MODEL_B;
import static org.modelcensus.CensusTestKit.MODEL_C;
import static org.modelcensus.CensusTestKit.catalogue;
import static org.modelcensus.CensusTestKit.census;
import static org.modelcensus.CensusTestKit.warehouse;
import static org.modelcensus.CensusTestKit.assertTable;

import java.nio.file.Path;
import java.time.LocalDate;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modelcensus.CensusTestKit.Outcome;
import org.modelcensus.write.Warehouse;

/** Every run records the checks of sql/quality/ in data_quality; warnings are recorded and never stop a run. */
class DataQualityTest {

    @TempDir
    Path dir;

    @Test
    void recordsEveryCheckWithWhatItFound() {
        // B: a non-numeric parameter count, a country and a category the reference data lacks; C: no country;
        // the last record has no valid date (1 of 4 records rejected, allowed by --max-reject-share 0.5).
        Path input = catalogue(dir, "catalogue.csv", MODEL_A, MODEL_B, MODEL_C,
                "Model D,2023-02-30,Language,Chat,Lab D,China,Industry,,,");
        String root = dir.resolve("warehouse").toString();

        Outcome outcome = census(dir, input, root, "--snapshot-date", "2024-07-16", "--max-reject-share", "0.5");

        assertEquals(0, outcome.exitCode(), outcome.err());
        Dataset<Row> checks = warehouse(root).readSnapshot(Warehouse.AUDIT, "data_quality", LocalDate.of(2024, 7, 16)).orElseThrow();
        assertTable(checks.orderBy("check"),
                "check | level | value | threshold | rows_affected | status | details",
                "accessibility_labels_mapped | warning | 0 | 0 | 0 | pass |",
                "country_labels_mapped | warning | 1 | 0 | 1 | fail | Atlantis",
                "model_names_unique | error | 0 | 0 | 0 | pass |",
                "models_have_country | warning | 1 | 0 | 1 | fail | Model C",
                "models_have_organization | warning | 0 | 0 | 0 | pass |",
                "org_categories_mapped | warning | 1 | 0 | 1 | fail | Guild",
                "parameters_non_negative | error | 0 | 0 | 0 | pass |",
                "parameters_numeric | warning | 1 | 0 | 1 | fail | Model B: about 70B",
                "publication_dates_not_future | error | 0 | 0 | 0 | pass |",
                "publication_dates_present | error | 0 | 0 | 0 | pass |",
                "rejected_share | error | 0.25 | 0.5 | 1 | pass | no valid ISO publication date: 1",
                "training_compute_flop_non_negative | error | 0 | 0 | 0 | pass |",
                "training_compute_flop_numeric | warning | 0 | 0 | 0 | pass |",
                "training_dataset_size_non_negative | error | 0 | 0 | 0 | pass |",
                "training_dataset_size_numeric | warning | 0 | 0 | 0 | pass |");
        assertEquals(1, checks.select("run_id").distinct().count(), "one run's checks");
    }
}
