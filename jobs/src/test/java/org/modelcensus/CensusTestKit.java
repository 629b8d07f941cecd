package org.modelcensus;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.modelcensus.SparkTestSupport.assertSameTable;
import static org.modelcensus.SparkTestSupport.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.modelcensus.config.CensusConfig;
import org.modelcensus.config.TextSource;
import org.modelcensus.reference.ReferenceData;
import org.modelcensus.reference.ReferenceData.CatalogueField;
import org.modelcensus.write.CsvExporter;

/**
 * Helpers shared by the unit tests: tiny files, expected tables written as text, the bundled reference data
 * and a census configuration for the default window.
 */
public final class CensusTestKit {

    private CensusTestKit() {
    }

    /** Writes the text as UTF-8 bytes exactly as given (byte-order mark, CRLF and all); returns the file. */
    public static Path writeFile(Path dir, String name, String text) {
        try {
            return Files.write(dir.resolve(name), text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The lines, each ended by '\n'. */
    public static String lines(String... lines) {
        return String.join("\n", lines) + "\n";
    }

    /** The reference data bundled on the test classpath (the build copies conf/ there). */
    public static ReferenceData bundledReference() {
        return new ReferenceData(spark(), TextSource.of(null, "conf/reference"));
    }

    /** The header names of every catalogue vintage, from the bundled catalogue_fields.csv. */
    public static List<CatalogueField> catalogueFields() {
        return bundledReference().catalogueFields();
    }

    /** The SQL folder of this checkout. */
    public static TextSource projectSql() {
        return TextSource.of(SparkTestSupport.projectDir().resolve("sql").toString(), "sql");
    }

    /** The default census window (2020..2023, focus KOR, minimum 3 models per organization) with the given ranking. */
    public static CensusConfig config(int topYear, int topN) {
        return new CensusConfig("unused.csv", org.modelcensus.read.CatalogueInput.Format.csv, "unused-warehouse", CensusConfig.OutputFormat.delta,
                LocalDate.of(2024, 7, 16), 2020, 2023, "KOR", topYear, topN, 3, null, 0.05, null, null, null, null);
    }

    /**
     * A table of text cells: a header and rows of cells separated by '|', each cell trimmed, an empty cell null
     * (as the CSV export writes null). Compared through {@link SparkTestSupport}, which compares text cells.
     */
    public static Dataset<Row> table(String header, String... rows) {
        List<StructField> fields = new ArrayList<>();
        for (String name : cells(header)) {
            fields.add(DataTypes.createStructField(name, DataTypes.StringType, true));
        }
        List<Row> data = new ArrayList<>();
        for (String row : rows) {
            List<String> values = cells(row);
            if (values.size() != fields.size()) {
                throw new IllegalArgumentException("row '" + row + "' has " + values.size() + " cells, header has " + fields.size());
            }
            data.add(RowFactory.create(values.stream().map(v -> v.isEmpty() ? null : v).toArray()));
        }
        return spark().createDataFrame(data, new StructType(fields.toArray(StructField[]::new)));
    }

    /** The actual rows, in their order, equal the expected text table cell for cell (other columns ignored). */
    public static void assertTable(Dataset<Row> actualInOrder, String header, String... rows) {
        Dataset<Row> expected = table(header, rows);
        try {
            assertSameTable(expected, actualInOrder);
        } catch (AssertionError e) {
            // spark-testing-base says only that the tables differ: show both
            throw new AssertionError("expected:\n" + asLines(expected, expected) + "actual:\n" + asLines(actualInOrder, expected), e);
        }
    }

    /** The rows' text cells in the columns of {@code shape}, one line per row. */
    private static String asLines(Dataset<Row> rows, Dataset<Row> shape) {
        Column[] columns = Arrays.stream(shape.columns()).map(c -> col("`" + c + "`")).toArray(Column[]::new);
        StringBuilder text = new StringBuilder(String.join(" | ", shape.columns())).append('\n');
        CsvExporter.asText(rows.select(columns)).collectAsList().forEach(row -> text.append(row.mkString(" | ")).append('\n'));
        return text.toString();
    }

    /** The text (a message, a reason) mentions every part; its other wording is free. */
    public static void assertMentions(String text, String... parts) {
        for (String part : parts) {
            assertTrue(text != null && text.contains(part), "'" + part + "' in: " + text);
        }
    }

    private static List<String> cells(String line) {
        return Arrays.stream(line.split("\\|", -1)).map(String::strip).toList();
    }
}
