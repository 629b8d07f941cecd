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
import org.modelcensus.Fixtures;
import org.modelcensus.SparkTestSupport;

/**
 * The DuckDB harness of the scale benchmark computes the census's 13 breakdowns: on the real 2024-07-16 snapshot
 * it gives every table of shared/spec/expected/2024-07-16, cell for cell and in order, so the benchmark compares
 * the same work.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DuckDbCensusTest {


    @TempDir
    static Path out;

    private DuckDbCensus.Result result;

    @BeforeAll
    void runDuckDb() throws SQLException, IOException {
        Path project = Fixtures.PROJECT;
        result = DuckDbCensus.of(Fixtures.SNAPSHOT.toString(), project.resolve("scripts/bench/duckdb"), project.resolve("conf/reference"), out)
                .run();
    }

    static List<String> expectedTables() {
        return Fixtures.expectedTables();
    }

    @Test
    void computesTheCensusTables() throws IOException {
        assertEquals(expectedTables(), result.tables().get("gold").stream().sorted().toList());
        assertEquals(List.of("model_countries", "model_domains", "model_org_categories", "model_organizations", "model_tasks", "models"),
                result.tables().get("silver").stream().sorted().toList());
        assertEquals(192, result.models());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("expectedTables")
    void goldTableEqualsExpected(String table) {
        assertSameTable(readCsv(Fixtures.EXPECTED.resolve(table + ".csv")),
                SparkTestSupport.spark().read().parquet(out.resolve("gold").resolve(table + ".parquet").toString()));
    }

    @Test
    void rejectsAsTheCensusDoes() throws SQLException, IOException {
        Path project = Fixtures.PROJECT;
        DuckDbCensus.Result sample = DuckDbCensus.of(Fixtures.SAMPLE.toString(),
                project.resolve("scripts/bench/duckdb"), project.resolve("conf/reference"), null).run();
        // README: the sample has 50 records, one with the date 2023-02-30 and one repeated model name
        assertEquals(48, sample.models());
    }
}
