package org.modelcensus.write;

import static org.apache.spark.sql.functions.array_join;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.udf;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.TimestampType;

import com.univocity.parsers.csv.CsvWriter;
import com.univocity.parsers.csv.CsvWriterSettings;

/**
 * Writes tables as {@code <dir>/<table>.csv}: header row, UTF-8, RFC 4180 quoting, list cells joined with ';',
 * numbers exact (see {@link #formatNumber}).
 */
public final class CsvExporter {

    private final SparkSession spark;
    private final String dir;

    private static final UserDefinedFunction NUMBER_TEXT =
            udf((UDF1<Double, String>) CsvExporter::formatNumber, DataTypes.StringType);

    public CsvExporter(SparkSession spark, String dir) {
        this.spark = spark;
        this.dir = dir;
    }

    /** The table as the text cells of its CSV export: lists joined with ';', numbers exact. */
    public static Dataset<Row> asText(Dataset<Row> rows) {
        List<Column> cells = new ArrayList<>();
        for (StructField field : rows.schema().fields()) {
            Column column = col("`" + field.name() + "`");
            if (field.dataType() instanceof ArrayType) {
                column = array_join(column.cast("array<string>"), ";");
            } else if (field.dataType() instanceof MapType) {
                column = to_json(column);
            } else if (field.dataType() instanceof TimestampType) {
                column = date_format(column, "yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
            } else if (field.dataType() instanceof DoubleType || field.dataType() instanceof FloatType) {
                column = NUMBER_TEXT.apply(column.cast("double"));
            }
            cells.add(column.cast("string").as(field.name()));
        }
        return rows.select(cells.toArray(Column[]::new));
    }

    /** Exports each table; a table with source_record (rejected_rows) in the order of the catalogue. */
    public void exportAll(java.util.Map<String, Dataset<Row>> tables) {
        tables.forEach((table, rows) -> export(table,
                List.of(rows.columns()).contains("source_record") ? rows.orderBy("source_record") : rows));
    }

    /**
     * Writes {@code <dir>/<table>.csv} through the driver, a partition at a time and in order, with univocity's CSV
     * writer set as Spark's CSV source sets it: RFC 4180 quoting and escaping, surrounding spaces dropped, null and
     * empty cells empty. Written beside the target and renamed over it, so a reader never sees half a file.
     */
    public void export(String table, Dataset<Row> rows) {
        Path target = new Path(dir, table + ".csv");
        Path staging = new Path(dir, "_" + table + ".csv.tmp");
        Dataset<Row> cells = asText(rows);
        CsvWriterSettings settings = new CsvWriterSettings();
        settings.getFormat().setDelimiter(',');
        settings.getFormat().setQuote('"');
        settings.getFormat().setQuoteEscape('"');
        settings.getFormat().setLineSeparator("\n");
        settings.setQuoteEscapingEnabled(true);
        settings.setIgnoreLeadingWhitespaces(true);
        settings.setIgnoreTrailingWhitespaces(true);
        settings.setNullValue("");
        settings.setEmptyValue("");
        settings.setSkipEmptyLines(true);
        try {
            FileSystem fs = target.getFileSystem(spark.sparkContext().hadoopConfiguration());
            try (Writer out = new OutputStreamWriter(fs.create(staging, true), StandardCharsets.UTF_8)) {
                CsvWriter writer = new CsvWriter(out, settings);
                writer.writeHeaders(cells.columns());
                // a partition at a time: rejected rows and catalogue changes can be as many as the catalogue's models
                for (Iterator<Row> rowsInOrder = cells.toLocalIterator(); rowsInOrder.hasNext(); ) {
                    Row row = rowsInOrder.next();
                    Object[] values = new Object[row.size()];
                    for (int i = 0; i < values.length; i++) {
                        values[i] = row.isNullAt(i) ? null : row.getString(i);
                    }
                    writer.writeRow(values);
                }
                writer.flush();
            }
            fs.delete(target, false);
            if (!fs.rename(staging, target)) {
                throw new IllegalStateException("Cannot move " + staging + " to " + target);
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    /**
     * A number as the shortest text that parses back to the same double, in Python's repr style (the form of Epoch's
     * own files): positional from 1e-4 up to 1e16 without a trailing ".0" (340000000000, 87.5, 0.0001), scientific
     * outside it (1.001e+25, 1.7999999999999999e+25, 1e-05). Exact, never rounded: data files are joined and compared.
     */
    public static String formatNumber(Double value) {
        if (value == null) {
            return null;
        }
        if (value.isNaN() || value.isInfinite()) {
            return value.toString();
        }
        if (value == 0) {
            return 1 / value < 0 ? "-0" : "0";
        }
        BigDecimal shortest = shortestDecimal(value).stripTrailingZeros();
        int exponent = shortest.precision() - shortest.scale() - 1;
        if (exponent >= -4 && exponent < 16) {
            return shortest.toPlainString();
        }
        String digits = shortest.unscaledValue().abs().toString();
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        return (value < 0 ? "-" : "") + mantissa + "e" + (exponent < 0 ? "-" : "+") + String.format("%02d", Math.abs(exponent));
    }

    /** The decimal with the fewest significant digits that reads back as the value; the nearest one when two do. */
    private static BigDecimal shortestDecimal(double value) {
        BigDecimal exact = new BigDecimal(value);
        for (int digits = 1; ; digits++) {
            BigDecimal below = exact.round(new MathContext(digits, RoundingMode.FLOOR));
            BigDecimal above = exact.round(new MathContext(digits, RoundingMode.CEILING));
            boolean belowReads = below.doubleValue() == value;
            boolean aboveReads = above.doubleValue() == value;
            if (belowReads && aboveReads) {
                return exact.subtract(below).compareTo(above.subtract(exact)) <= 0 ? below : above;
            }
            if (belowReads || aboveReads) {
                return belowReads ? below : above;
            }
        }
    }
}
