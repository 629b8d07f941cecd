package org.modelcensus.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.modelcensus.SparkTestSupport.assertSameTable;
import static org.modelcensus.SparkTestSupport.spark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.modelcensus.CensusTestKit;
import org.modelcensus.SparkTestSupport;

/** The CSV export: numbers as the report prints them, lists joined with ';', RFC 4180 quoting, header always. */
class CsvExporterTest {

    private static final StructType SCHEMA = new StructType()
            .add("model", DataTypes.StringType)
            .add("domains", DataTypes.createArrayType(DataTypes.StringType))
            .add("training_compute_flop", DataTypes.DoubleType)
            .add("note", DataTypes.StringType);

    @TempDir
    Path dir;

    /** Epoch's figures as its files write them, and the census's own numbers: each written as it reads back. */
    static Stream<Arguments> numbers() {
        return Stream.of(
                Arguments.of(1.7999999999999999e25, "1.7999999999999999e+25"),
                Arguments.of(1.8e25, "1.8e+25"),
                Arguments.of(2.0000000001e25, "2.0000000001e+25"),
                Arguments.of(1.0001e25, "1.0001e+25"),
                Arguments.of(1.001e25, "1.001e+25"),
                Arguments.of(2.505e25, "2.505e+25"),
                Arguments.of(3.4e11, "340000000000"),
                Arguments.of(9.894e14, "989400000000000"),
                Arguments.of(1.2633919547200322e7, "12633919.547200322"),
                Arguments.of(1e16, "1e+16"),
                Arguments.of(144.0, "144"),
                Arguments.of(87.5, "87.5"),
                Arguments.of(226.1, "226.1"),
                Arguments.of(0.1 + 0.2, "0.30000000000000004"),
                Arguments.of(0.0001, "0.0001"),
                Arguments.of(0.00001, "1e-05"),
                Arguments.of(-3.1e23, "-3.1e+23"),
                Arguments.of(Double.MIN_VALUE, "5e-324"),
                Arguments.of(Double.MAX_VALUE, "1.7976931348623157e+308"),
                Arguments.of(0.0, "0"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("numbers")
    void formatNumberWritesTheShortestTextThatReadsBackExactly(double value, String text) {
        assertEquals(text, CsvExporter.formatNumber(value));
        assertEquals(value, Double.parseDouble(text), "reads back as the same double");
    }

    @Test
    void everyDoubleReadsBackExactly() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        for (int i = 0; i < 20_000; i++) {
            double value = Double.longBitsToDouble(random.nextLong());
            if (Double.isFinite(value)) {
                String text = CsvExporter.formatNumber(value);
                assertEquals(value, Double.parseDouble(text), text);
                org.junit.jupiter.api.Assertions.assertTrue(text.length() <= 24, text);
            }
        }
    }

    @Test
    void formatNumberKeepsNull() {
        assertNull(CsvExporter.formatNumber(null));
    }

    private Path export(List<Row> rows) {
        Dataset<Row> table = spark().createDataFrame(rows, SCHEMA);
        new CsvExporter(spark(), dir.toString()).export("table", table);
        return dir.resolve("table.csv");
    }

    @Test
    void exportJoinsListsWritesExactNumbersAndQuotesAsRfc4180() throws IOException {
        Path file = export(List.of(
                RowFactory.create("Alpha", Arrays.asList("Language", "Vision"), 1.7999999999999999e25, "Hello, \"world\""),
                RowFactory.create("Beta", Arrays.asList("Games"), null, null)));

        assertEquals(List.of(
                "model,domains,training_compute_flop,note",
                "Alpha,Language;Vision,1.7999999999999999e+25,\"Hello, \"\"world\"\"\"",
                "Beta,Games,,"), Files.readAllLines(file, StandardCharsets.UTF_8));
    }

    @Test
    void exportedFileReadsBackAsTheSameTextTable() {
        Path file = export(List.of(RowFactory.create("Alpha", Arrays.asList("Language", "Vision"), 3.4e11, "a \"quoted\", listed note")));

        assertSameTable(
                CensusTestKit.table("model | domains         | training_compute_flop | note",
                        "Alpha | Language;Vision | 340000000000          | a \"quoted\", listed note"),
                SparkTestSupport.readCsv(file));
    }

    @Test
    void aTableOfManyPartitionsIsExportedInItsOrder() throws IOException {
        // sorted across 4 partitions (a range exchange), as rejected rows are by source_record
        new CsvExporter(spark(), dir.toString()).export("ranked", spark().range(0, 1000, 1, 4).toDF("n").orderBy(functions.desc("n")));

        List<String> lines = Files.readAllLines(dir.resolve("ranked.csv"), StandardCharsets.UTF_8);
        assertEquals(1001, lines.size());
        assertEquals(List.of("n", "999", "998"), lines.subList(0, 3));
        assertEquals("0", lines.get(1000));
        for (int i = 1; i < lines.size(); i++) {
            assertEquals(String.valueOf(1000 - i), lines.get(i), "line " + i);
        }
    }

    @Test
    void emptyTableIsExportedWithItsHeaderRow() throws IOException {
        Path file = export(List.of());

        assertEquals(List.of("model,domains,training_compute_flop,note"), Files.readAllLines(file, StandardCharsets.UTF_8));
    }
}
