package org.modelcensus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.modelcensus.SparkTestSupport.assertSameTable;
import static org.modelcensus.SparkTestSupport.readCsv;

import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.modelcensus.write.Warehouse;

/**
 * The tables beyond the report of the real 2024-07-16 snapshot ({@link RealCensus}) equal the hand computation of
 * expected/beyond-the-report/ (Python over the CSV), in the CSV export and in the Delta warehouse; the run records
 * that it read the large-scale catalogue and left nothing out.
 */
class BeyondTheReportTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"models_over_compute_thresholds", "models_by_accessibility", "open_weights_share"})
    void exportedAndStoredTablesEqualTheHandComputation(String table) {
        RealCensus.census();
        Dataset<Row> expected = readCsv(Fixtures.EXPECTED_BEYOND.resolve(table + ".csv"));
        assertSameTable(expected, readCsv(RealCensus.exportDir().resolve(table + ".csv")));
        assertSameTable(expected, stored(table));
    }

    /** 72 models with a compute figure: 1.31x a year on the large-scale file, which its 1e23 cut-off flattens. */
    @Test
    void computeGrowthEqualsTheHandComputedLeastSquaresLine() {
        RealCensus.census();
        List<Row> expected = readCsv(Fixtures.EXPECTED_BEYOND.resolve("compute_growth.csv")).collectAsList();
        for (Dataset<Row> actual : List.of(readCsv(RealCensus.exportDir().resolve("compute_growth.csv")), stored("compute_growth"))) {
            List<Row> rows = actual.collectAsList();
            assertEquals(expected.stream().map(r -> r.getAs("scope") + " " + r.getAs("models")).toList(),
                    rows.stream().map(r -> r.getAs("scope") + " " + r.getAs("models")).toList());
            for (int i = 0; i < rows.size(); i++) {
                for (String column : List.of("growth_per_year", "doubling_months")) {
                    double want = Double.parseDouble(expected.get(i).getAs(column));
                    assertEquals(want, Double.parseDouble(String.valueOf(rows.get(i).<Object>getAs(column))), Math.abs(want) * 1e-12,
                            column + " of " + rows.get(i));
                }
            }
        }
    }

    @Test
    void theRunRecordsTheLargeScaleCatalogueAndLeavesNothingOut() {
        RealCensus.census();
        Row run = CensusTestKit.warehouse(RealCensus.warehouse().toString()).read(Warehouse.AUDIT, "census_runs").orElseThrow().first();
        assertEquals("large_scale", run.getAs("catalogue"));
        assertEquals(Map.of(), run.getJavaMap(run.fieldIndex("rows_excluded")));
    }

    private static Dataset<Row> stored(String table) {
        return SparkTestSupport.spark().read().format("delta").load(RealCensus.warehouse().resolve("gold").resolve(table).toString())
                .where("snapshot_date = '2024-07-16'").drop("snapshot_date");
    }
}
