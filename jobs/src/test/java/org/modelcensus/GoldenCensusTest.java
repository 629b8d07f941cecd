package org.modelcensus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.modelcensus.SparkTestSupport.assertSameTable;
import static org.modelcensus.SparkTestSupport.readCsv;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.modelcensus.config.CensusConfig;
import org.modelcensus.config.CensusOptions;

/**
 * The census of the real 2024-07-16 snapshot reproduces every table of shared/spec/expected/2024-07-16,
 * cell for cell and in order, in memory, in the CSV export and in the Delta warehouse.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GoldenCensusTest {

    private static final Path SNAPSHOT = SparkTestSupport.sharedDir().resolve("data/epoch/large_scale_ai_models_2024-07-16.csv");
    private static final Path EXPECTED = SparkTestSupport.sharedDir().resolve("spec/expected/2024-07-16");

    @TempDir
    static Path work;

    private CensusPipeline.Result result;

    @BeforeAll
    void runCensus() {
        CensusConfig config = CensusOptions.parse(new String[] {
                "--input", SNAPSHOT.toString(),
                "--warehouse", work.resolve("warehouse").toString(),
                "--export-csv", work.resolve("export").toString(),
                "--report-dir", work.resolve("report").toString()}, System.out);
        result = new CensusPipeline(SparkTestSupport.spark()).run(config);
    }

    static Stream<String> expectedTables() throws IOException {
        try (Stream<Path> files = Files.list(EXPECTED)) {
            return files.map(p -> p.getFileName().toString().replace(".csv", "")).sorted().toList().stream();
        }
    }

    @Test
    void everyExpectedTableIsProduced() throws IOException {
        List<String> expected = expectedTables().toList();
        assertEquals(13, expected.size());
        assertTrue(result.gold().keySet().containsAll(expected), "gold tables " + result.gold().keySet());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("expectedTables")
    void goldTableEqualsExpected(String table) {
        assertSameTable(readCsv(EXPECTED.resolve(table + ".csv")), result.gold().get(table));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("expectedTables")
    void exportedCsvEqualsExpected(String table) {
        assertSameTable(readCsv(EXPECTED.resolve(table + ".csv")), readCsv(work.resolve("export").resolve(table + ".csv")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("expectedTables")
    void deltaTableHoldsExpectedInOrder(String table) {
        Dataset<Row> stored = SparkTestSupport.spark().read().format("delta")
                .load(work.resolve("warehouse/gold").resolve(table).toString())
                .where("snapshot_date = '2024-07-16'");
        assertSameTable(readCsv(EXPECTED.resolve(table + ".csv")), stored.drop("snapshot_date"));
    }

    @Test
    void readCountsAddUp() {
        assertEquals(192, result.read());
        assertEquals(192, result.accepted());
        assertEquals(0, result.rejected());
        assertEquals(192L, result.rowsWritten().get("silver.models"));
    }
}
