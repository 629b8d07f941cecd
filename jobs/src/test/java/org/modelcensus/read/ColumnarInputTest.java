package org.modelcensus.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.modelcensus.SparkTestSupport.assertSameTable;
import static org.modelcensus.SparkTestSupport.readCsv;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.modelcensus.Fixtures;
import org.modelcensus.census.CensusPipeline;
import org.modelcensus.SparkTestSupport;
import org.modelcensus.config.CensusConfig;
import org.modelcensus.config.CensusOptions;

/**
 * The census reads the catalogue as CSV parts, Parquet or Delta (format inferred from the path, or given: both find
 * the same input) and gives the same 13 tables as from the CSV file: shared/spec/expected/2024-07-16, cell for cell
 * and in order.
 */
class ColumnarInputTest {


    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} as {1}")
    @CsvSource({
            "catalogue_2024-07-16.parquet, parquet",
            "catalogue_2024-07-16, delta",
            "catalogue-parts_2024-07-16, csv"})
    void sameCensusFromEveryFormat(String name, String stored) {
        // The catalogue's own columns, as text under their header names: what a data team would store.
        Dataset<Row> catalogue = SparkTestSupport.spark().read()
                .option("header", "true").option("multiLine", "true").option("escape", "\"")
                .csv(Fixtures.SNAPSHOT.toString());
        String input = dir.resolve(name).toString();
        if (stored.equals("csv")) {
            catalogue.repartition(3).write().option("header", "true").option("escape", "\"").csv(input);
        } else if (stored.equals("delta")) {
            // Delta needs column mapping for header names with spaces and parentheses.
            catalogue.repartition(3).write().format("delta")
                    .option("delta.columnMapping.mode", "name")
                    .option("delta.minReaderVersion", "2")
                    .option("delta.minWriterVersion", "5")
                    .save(input);
        } else {
            catalogue.repartition(3).write().format(stored).save(input);
        }

        // Naming the format (--input-format) finds the same input as inferring it; from there the census is one code.
        CensusConfig named = config(input, stored);
        CensusConfig inferred = config(input, "auto");
        Configuration hadoop = SparkTestSupport.spark().sparkContext().hadoopConfiguration();
        assertEquals(CatalogueInput.Format.valueOf(stored), named.inputFormat());
        assertEquals(CatalogueInput.locate(named.input(), named.inputFormat(), hadoop),
                CatalogueInput.locate(inferred.input(), inferred.inputFormat(), hadoop));

        CensusPipeline.Result result = new CensusPipeline(SparkTestSupport.spark()).run(inferred);

        assertEquals(LocalDate.of(2024, 7, 16), result.config().snapshotDate(), "the date in the folder name");
        assertEquals(List.of(192L, 0L), List.of(result.accepted(), result.rejected()));
        // No record rejected: the table is written all the same, empty, with the columns of a run that rejects some.
        Dataset<Row> rejectedRows = SparkTestSupport.spark().read().format("delta").load(dir.resolve("warehouse/silver/rejected_rows").toString());
        assertEquals("struct<source_record:bigint,model:string,publication_date:string,reason:string,record_json:string,"
                + "raw_record:string,snapshot_date:date>", rejectedRows.schema().simpleString());
        assertEquals(0L, rejectedRows.count());
        for (String table : Fixtures.expectedTables()) {
            assertSameTable(readCsv(Fixtures.EXPECTED.resolve(table + ".csv")), result.gold().get(table));
        }
    }

    private CensusConfig config(String input, String inputFormat) {
        return CensusOptions.parse(new String[] {
                "--input", input, "--input-format", inputFormat, "--warehouse", dir.resolve("warehouse").toString(), "--report-dir", ""});
    }
}
