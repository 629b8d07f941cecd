package org.modelcensus.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.modelcensus.SparkTestSupport.assertSameTable;
import static org.modelcensus.SparkTestSupport.readCsv;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.modelcensus.SparkTestSupport;

/**
 * The DuckDB harness of the scale benchmark computes the census's 13 breakdowns: on the real 2024-07-16 snapshot
 * it gives every table of shared/spec/expected/2024-07-16, cell for cell and in order, so the benchmark compares
 * the same work.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DuckDbCensusTest {

    private static final Path SNAPSHOT = SparkTestSupport.sharedDir().resolve("data/epoch/large_scale_ai_models_2024-07-16.csv");
    private static final Path EXPECTED = SparkTestSupport.sharedDir().resolve("spec/expected/2024-07-16");

    @TempDir
    static Path out;

    private DuckDbCensus.Result result;

    @BeforeAll
    void runDuckDb() throws SQLException, IOException {
        Path project = SparkTestSupport.projectDir();
        result = DuckDbCensus.of(SNAPSHOT.toString(), project.resolve("scripts/bench/duckdb"), project.resolve("conf/reference"), out)
                .run();
    }

    static Stream<String> expectedTables() throws IOException {
        try (Stream<Path> files = Files.list(EXPECTED)) {
            return files.map(p -> p.getFileName().toString().replace(".csv", "")).sorted().toList().stream();
        }
    }

    @Test
    void computesTheCensusTables() throws IOException {
        assertEquals(expectedTables().toList(), result.tables().get("gold").stream().sorted().toList());
        assertEquals(List.of("model_countries", "model_domains", "model_org_categories", "model_organizations", "model_tasks", "models"),
                result.tables().get("silver").stream().sorted().toList());
        assertEquals(192, result.models());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("expectedTables")
    void goldTableEqualsExpected(String table) {
        assertSameTable(readCsv(EXPECTED.resolve(table + ".csv")),
                SparkTestSupport.spark().read().parquet(out.resolve("gold").resolve(table + ".parquet").toString()));
    }

    @Test
    void rejectsAsTheCensusDoes() throws SQLException, IOException {
        Path project = SparkTestSupport.projectDir();
        DuckDbCensus.Result sample = DuckDbCensus.of(project.resolve("conf/sample/large_scale_ai_models_sample_2024-07-16.csv").toString(),
                project.resolve("scripts/bench/duckdb"), project.resolve("conf/reference"), null).run();
        // README: the sample has 50 records, one with the date 2023-02-30 and one repeated model name
        assertEquals(48, sample.models());
    }
}
