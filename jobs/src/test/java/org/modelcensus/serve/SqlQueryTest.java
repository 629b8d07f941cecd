package org.modelcensus.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.modelcensus.CensusTestKit;
import org.modelcensus.ChildJvm;
import org.modelcensus.RealCensus;
import org.modelcensus.catalog.CensusCatalog;

/**
 * The {@code sql} command (scripts/sql.sh): it registers the tables its statement reads, not every table whose name
 * appears in the text (models is also a column of most gold tables), and prints the census's answer.
 */
class SqlQueryTest {

    private static final List<String> TABLES = List.of("models", "country_ranking", "models_by_year", "model_countries");

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
        "select country_code, models from country_ranking order by models desc; country_ranking",
        "SELECT models FROM census.COUNTRY_RANKING; country_ranking",
        "select count(*) from models where release_year = 2023; models",
        "select * from models_by_year where models > (select count(*) from model_countries); models_by_year model_countries",
        "with top as (select * from country_ranking) select models from top; country_ranking",
        "select r.models from country_ranking r join models m on m.country_code = r.country_code; models country_ranking",
        "describe table country_ranking; country_ranking",
        "explain select models from models_by_year; models_by_year",
        "describe history models_by_year; models_by_year",
        "show tables; ''"})
    void registersTheTablesTheStatementReads(String statement, String expected) {
        List<String> read = expected.isEmpty() ? List.of() : List.of(expected.split(" "));
        assertEquals(TABLES.stream().filter(read::contains).toList(), CensusCatalog.tablesNamed(statement, TABLES), statement);
    }

    /** A folder with no census tables (or only Parquet ones) is refused before a session starts, and left as it was. */
    @Test
    void aWarehouseWithoutTablesIsRefused(@TempDir Path dir) throws IOException {
        Path none = dir.resolve("none");
        Path file = CensusTestKit.writeFile(dir, "a-file", "x");
        for (Path warehouse : List.of(none, file)) {
            CensusTestKit.Outcome outcome = CensusTestKit.run("sql", "--warehouse", warehouse.toString(), "select * from country_ranking");
            assertEquals(2, outcome.exitCode(), outcome.err());
            CensusTestKit.assertMentions(outcome.err(), "No census tables in " + warehouse, "give --warehouse the folder a census run wrote");
        }
        assertFalse(Files.exists(none), "nothing made");

        Path parquet = dir.resolve("parquet"); // a table folder as --format parquet writes it: no _delta_log
        Path partition = Files.createDirectories(parquet.resolve("gold").resolve("models_by_year").resolve("snapshot_date=2024-07-16"));
        CensusTestKit.writeFile(partition, "part-0.parquet", "");
        CensusTestKit.Outcome notDelta = CensusTestKit.run("sql", "--warehouse", parquet.toString(), "select * from models_by_year");
        assertEquals(2, notDelta.exitCode(), notDelta.err());
        CensusTestKit.assertMentions(notDelta.err(), "are not Delta tables (a census run with --format parquet?)", "--format delta");

        CensusTestKit.Outcome noRows = CensusTestKit.run("sql", "--warehouse", none.toString(), "--max-rows", "0", "select 1");
        assertEquals(2, noRows.exitCode(), noRows.err());
        CensusTestKit.assertMentions(noRows.err(), "--max-rows must be 1 or more, got 0");
    }

    /** The command's own session is read-only (here, this JVM's session would be reused): a write is refused in one line. */
    @Test
    void refusesAWriteInOneLine(@TempDir Path dir) {
        Path warehouse = RealCensus.copyWarehouse(dir.resolve("warehouse"));
        ChildJvm sql = ChildJvm.start(dir.resolve("sql.log"), List.of(), Map.of(), "sql", "--warehouse", warehouse.toString(),
                "--master", "local[2]", "drop table country_ranking");
        assertEquals(2, sql.awaitExit(Duration.ofMinutes(3)), sql.tail());
        List<String> told = sql.log().lines().filter(line -> line.startsWith("model-census:")).toList();
        assertEquals(List.of("model-census: read-only census endpoint: DROP TABLE is refused. Only queries of the tables of "
                + "database census, SHOW, DESCRIBE, EXPLAIN, USE census and SET of a few session options run."), told);
        assertTrue(Files.isDirectory(warehouse.resolve("gold").resolve("country_ranking")), "the table is still there");
    }

    @Test
    void printsTheAnswerOfTheRealSnapshot(@TempDir Path dir) {
        Path warehouse = RealCensus.copyWarehouse(dir.resolve("warehouse"));
        ChildJvm sql = ChildJvm.start(dir.resolve("sql.log"), List.of(), Map.of(), "sql", "--warehouse", warehouse.toString(),
                "--master", "local[2]", "select country_code, models, rank from country_ranking "
                        + "where snapshot_date = '2024-07-16' order by rank, country_code limit 3");
        assertEquals(0, sql.awaitExit(Duration.ofMinutes(3)), sql.tail());
        String printed = sql.log();
        assertTrue(printed.contains("| USA          | 64     | 1    |"), printed);
        assertTrue(printed.contains("| CHN          | 42     | 2    |"), printed);
        assertTrue(printed.contains("| KOR          | 11     | 3    |"), printed);
        assertTrue(printed.contains("3 rows"), printed);
    }
}
