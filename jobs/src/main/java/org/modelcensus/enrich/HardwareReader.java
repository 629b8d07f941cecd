package org.modelcensus.enrich;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.util.Arrays;
import java.util.List;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.modelcensus.errors.CensusInputException;

/**
 * Reads an ML hardware file in Epoch AI's format (any vintage: columns are found by name) and registers the views
 * sql/staging/stg_hardware_list.sql starts from: hardware_source (one row per chip) and hardware_peaks_source (one row per
 * chip and performance column of conf/reference/hardware_precisions.csv that the file has).
 */
public final class HardwareReader {

    /** The SQL input of the chips: one row per chip, its name, manufacturer, type and release date. */
    public static final String HARDWARE_VIEW = "hardware_source";
    /** The SQL input of the chips' performance figures: one row per chip and performance column. */
    public static final String PEAKS_VIEW = "hardware_peaks_source";

    static final String NAME = "Hardware name";
    static final String MANUFACTURER = "Manufacturer";
    static final String TYPE = "Type";
    static final String RELEASE_DATE = "Release date";

    private final SparkSession spark;

    public HardwareReader(SparkSession spark) {
        this.spark = spark;
    }

    /**
     * @param precisionColumns the performance columns hardware_precisions.csv knows
     * @return the performance columns found in the file
     */
    public List<String> register(String file, List<String> precisionColumns) {
        Inputs.requireExists(spark, file, "--hardware");
        Dataset<Row> raw = spark.read()
                .option("header", "true")
                .option("multiLine", "true") // Epoch's notes columns hold line breaks inside quotes
                .option("escape", "\"")
                .csv(file);
        List<String> header = Arrays.asList(raw.columns());
        for (String required : List.of(NAME, MANUFACTURER)) {
            if (!header.contains(required)) {
                throw new CensusInputException("Hardware file " + file + " has no column '" + required + "'; its header is " + header
                        + ". Give a file in Epoch AI's ML hardware format (columns '" + NAME + "', '" + MANUFACTURER + "', '"
                        + RELEASE_DATE + "' and performance columns).");
            }
        }
        List<String> peaks = precisionColumns.stream().filter(header::contains).toList();
        if (peaks.isEmpty()) {
            throw new CensusInputException("Hardware file " + file + " has none of the performance columns of "
                    + "conf/reference/hardware_precisions.csv " + precisionColumns + "; its header is " + header
                    + ". Add the file's column names to hardware_precisions.csv.");
        }
        raw.select(
                        quoted(NAME).as("hardware_name"),
                        quoted(MANUFACTURER).as("manufacturer"),
                        optional(header, TYPE).as("hardware_type"),
                        optional(header, RELEASE_DATE).as("release_date"))
                .createOrReplaceTempView(HARDWARE_VIEW);
        Column[] values = peaks.stream().map(HardwareReader::quoted).toArray(Column[]::new);
        raw.unpivot(new Column[] {quoted(NAME).as("hardware_name")}, values, "source_column", "peak")
                .createOrReplaceTempView(PEAKS_VIEW);
        return peaks;
    }

    private static Column quoted(String name) {
        return col("`" + name + "`");
    }

    private static Column optional(List<String> header, String name) {
        return header.contains(name) ? quoted(name) : lit(null).cast("string");
    }
}
