package org.modelcensus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.modelcensus.CensusTestKit.assertRefused;
import static org.modelcensus.CensusTestKit.lines;
import static org.modelcensus.CensusTestKit.writeFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.apache.spark.sql.Encoders;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modelcensus.CensusTestKit.Outcome;
import org.modelcensus.write.Warehouse;

/**
 * Input the user can fix makes the census command exit with 2, with a one-line message and no stack trace.
 * Runs in this JVM on the suite's SparkSession, which the job must leave running.
 */
class BadInputTest {

    private static final String HEADER = "Model,Publication date,Domain,Organization,Country (of organization)";

    @TempDir
    Path dir;

    @BeforeAll
    static void startSharedSession() {
        SparkTestSupport.spark(); // the job must reuse it, not build its own
    }

    /** Runs the job on the input with the options, defaults from an empty properties file and a warehouse of its own. */
    private Outcome run(Path input, String... options) {
        List<String> args = new ArrayList<>(List.of(
                "--config", writeFile(dir, "empty.properties", "").toString(),
                "--warehouse", dir.resolve("warehouse").toString(),
                "--input", input.toString()));
        args.addAll(List.of(options));
        return CensusTestKit.census(args.toArray(String[]::new));
    }

    private Path catalogue() {
        return writeFile(dir, "catalogue.csv", lines(HEADER, "Model A,2023-01-05,Language,Lab,Canada"));
    }

    @Test
    void missingFile() {
        assertRefused(run(dir.resolve("nowhere.csv")), "Input file not found: ", "nowhere.csv");
    }

    @Test
    void folderInsteadOfAFile() {
        assertRefused(run(dir), "is a folder");
    }

    @Test
    void emptyFile() {
        assertRefused(run(writeFile(dir, "empty.csv", "")), "empty.csv is empty");
    }

    @Test
    void fileThatIsNotACatalogueNamesTheMissingFieldsAndTheHeaderFound() {
        assertRefused(run(writeFile(dir, "numbers.csv", "a,b\n1,2\n")),
                "numbers.csv", "'Model'", "'Publication date'", "'Domain'", "'Organization'", "'Country (of organization)'",
                "'a', 'b'");
    }

    @Test
    void headerOnlyCatalogue() {
        assertRefused(run(writeFile(dir, "header-only.csv", lines(HEADER))), "has a header but no model rows");
    }

    /** A folder the run would write to and cannot make is refused before anything is counted, and the run recorded. */
    @Test
    void outputFoldersThatCannotBeMade() {
        Path file = writeFile(dir, "a-file", "x");
        assertRefused(run(catalogue(), "--report-dir", file.resolve("report").toString()),
                "Cannot create --report-dir " + file.resolve("report"), "--report-dir ''");
        assertRefused(run(catalogue(), "--export-csv", file.resolve("csv").toString()), "Cannot create --export-csv " + file.resolve("csv"));
        assertFalse(Files.exists(dir.resolve("warehouse").resolve("silver")), "nothing counted");
        assertEquals(List.of("bad_input", "bad_input"), CensusTestKit.warehouse(dir.resolve("warehouse").toString())
                .read(Warehouse.AUDIT, "census_runs").orElseThrow().select("status").as(Encoders.STRING()).collectAsList());

        assertRefused(CensusTestKit.census("--config", writeFile(dir, "empty.properties", "").toString(),
                "--warehouse", file.toString(), "--input", catalogue().toString()), "Cannot create --warehouse " + file);
    }

    @Test
    void reversedYearRange() {
        assertRefused(run(catalogue(), "--from", "2023", "--to", "2020"), "Reversed year range");
    }

    @Test
    void unknownFormat() {
        assertRefused(run(catalogue(), "--format", "csv"), "Unknown --format 'csv'");
    }

    @Test
    void malformedSnapshotDate() {
        assertRefused(run(catalogue(), "--snapshot-date", "2024-02-30"), "Malformed --snapshot-date '2024-02-30'");
    }

    @Test
    void focusCountryMissingFromTheReferenceData() {
        assertRefused(run(catalogue(), "--focus-country", "ZZZ"), "Unknown --focus-country ZZZ");
    }

    @Test
    void referenceFileThatMapsALabelTwiceOrLeavesItEmpty() throws IOException {
        Path repeated = CensusTestKit.copyTree(Fixtures.PROJECT.resolve("conf/reference"), dir.resolve("repeated"));
        Files.writeString(repeated.resolve("organizations.csv"), "Lab,Lab Group,CAN\n", StandardOpenOption.APPEND);
        Files.writeString(repeated.resolve("organizations.csv"), "Lab,Other Group,USA\n", StandardOpenOption.APPEND);
        Path empty = CensusTestKit.copyTree(Fixtures.PROJECT.resolve("conf/reference"), dir.resolve("empty"));
        Files.writeString(empty.resolve("countries.csv"), ",CAN,Canada,캐나다\n", StandardOpenOption.APPEND);
        int rows = Files.readAllLines(repeated.resolve("organizations.csv")).size();

        assertRefused(run(catalogue(), "--reference-dir", repeated.toString()),
                "organizations.csv", "row " + rows + " has organization 'Lab', already on row " + (rows - 1), "one row");
        assertRefused(run(catalogue(), "--reference-dir", empty.toString()), "countries.csv", "has an empty epoch_label");
    }

    /** Spark reads the parts' fields by position: a part with its columns in another order is refused, not misread. */
    @Test
    void partsWithAnotherHeader() throws IOException {
        Path parts = Files.createDirectories(dir.resolve("parts"));
        writeFile(parts, "part-1.csv", lines(HEADER, "Model A,2023-01-05,Language,Lab,Canada"));
        writeFile(parts, "part-2.csv", lines("Publication date,Model,Domain,Organization,Country (of organization)",
                "2023-02-01,Model B,Language,Lab,Canada"));
        assertRefused(run(parts), "parts/part-2.csv has another header than ", "parts/part-1.csv: column 1 is 'Publication date' "
                + "there and 'Model' in the first", "same columns in the same order");
    }

    @Test
    void sqlOrReferenceFolderThatIsNotOne() {
        assertRefused(run(catalogue(), "--sql-dir", dir.resolve("no-sql").toString()),
                "--sql-dir " + dir.resolve("no-sql") + " is not a folder", "the copy inside the application jar");
        assertRefused(run(catalogue(), "--reference-dir", catalogue().toString()), "--reference-dir " + catalogue() + " is not a folder");
    }

    /** A format given (or told by the name) that the input is not: refused before Spark reads it. */
    @Test
    void inputThatIsNotItsFormat() throws IOException {
        assertRefused(run(catalogue(), "--input-format", "delta"), "is not a Delta table (no _delta_log folder in it)");
        assertRefused(run(catalogue(), "--input-format", "parquet"), "catalogue.csv is not a Parquet file", "--input-format csv or auto");
        Path named = Files.copy(catalogue(), dir.resolve("catalogue.parquet"));
        assertRefused(run(named), "catalogue.parquet is not a Parquet file", "--input-format csv");
    }

    /** In a JVM of its own: this JVM's session would be reused whatever the master. */
    @Test
    void masterThatSparkCannotParse() {
        ChildJvm run = ChildJvm.census(dir.resolve("master.log"), "--config", writeFile(dir, "empty.properties", "").toString(),
                "--input", catalogue().toString(), "--warehouse", dir.resolve("warehouse").toString(), "--master", "bogus://x");
        assertEquals(2, run.awaitExit(Duration.ofMinutes(2)), run.tail());
        CensusTestKit.assertMentions(run.log(), "model-census: --master bogus://x is not a Spark master URL: give local[*]");
    }

    @Test
    void sqlFileThatDoesNotRun() throws IOException {
        Path sql = dir.resolve("sql");
        for (String layer : List.of("reference", "staging", "silver", "gold")) {
            Files.createDirectories(sql.resolve(layer));
        }
        writeFile(sql.resolve("staging"), "broken.sql", "select no_such_column from catalogue_accepted");

        assertRefused(run(catalogue(), "--sql-dir", sql.toString()), "broken.sql", "no_such_column");
    }

    /** A gold file is told broken before any table is written (the silver tables are written while gold is planned). */
    @Test
    void goldFileThatDoesNotRunLeavesTheWarehouseUnwritten() throws IOException {
        Path sql = CensusTestKit.copyTree(Fixtures.PROJECT.resolve("sql"), dir.resolve("sql"));
        writeFile(sql.resolve("gold"), "broken_breakdown.sql", "select no_such_column from window_models");

        assertRefused(run(catalogue(), "--sql-dir", sql.toString()), "broken_breakdown.sql", "no_such_column");
        for (String layer : List.of("silver", "gold")) {
            Path folder = dir.resolve("warehouse").resolve(layer);
            try (var tables = Files.exists(folder) ? Files.list(folder) : java.util.stream.Stream.<Path>empty()) {
                assertFalse(tables.findAny().isPresent(), layer + " tables written: " + folder);
            }
        }
    }

    @Test
    void qualityCheckWithoutAColumnOfTheChecks() {
        Path sql = CensusTestKit.copyTree(Fixtures.PROJECT.resolve("sql"), dir.resolve("sql"));
        writeFile(sql.resolve("quality"), "models_named.sql",
                "select 'models_named' as check, 'error' as level, count(*) as value, 0 as threshold from models where model = ''");

        assertRefused(run(catalogue(), "--sql-dir", sql.toString()), "models_named.sql", "gives no column metric, rows_affected, details",
                "a data-quality check gives check, level, metric, value, threshold, rows_affected, details");
    }

    @Test
    void exportFolderThatIsAFile() {
        Path notAFolder = writeFile(dir, "export", "a file");

        assertRefused(run(catalogue(), "--export-csv", notAFolder.toString()), "export");
    }
}
