package org.modelcensus.catalog;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.modelcensus.CensusInputException;
import org.modelcensus.config.TextSource;

/**
 * The data dictionary as data: conf/dictionary/tables.csv ({@code table,layer,comment}) and
 * conf/dictionary/columns.csv ({@code table,column,type,comment}), the same text as the README's data dictionary.
 * The catalog takes its table and column comments from here.
 */
public final class DataDictionary {

    private final Map<String, String> tableComments;
    private final Map<String, String> columnComments;

    private DataDictionary(Map<String, String> tableComments, Map<String, String> columnComments) {
        this.tableComments = tableComments;
        this.columnComments = columnComments;
    }

    /** The dictionary bundled with the application (the build copies conf/ into the jar and target/classes). */
    public static DataDictionary load(SparkSession spark) {
        return load(spark, TextSource.of(null, "conf/dictionary"));
    }

    public static DataDictionary load(SparkSession spark, TextSource source) {
        Map<String, String> tables = new HashMap<>();
        for (Row row : read(spark, source, "tables.csv", List.of("table", "layer", "comment"))) {
            tables.put(row.getString(0), row.getString(2));
        }
        Map<String, String> columns = new HashMap<>();
        for (Row row : read(spark, source, "columns.csv", List.of("table", "column", "type", "comment"))) {
            columns.put(row.getString(0) + "." + row.getString(1), row.getString(3));
        }
        return new DataDictionary(tables, columns);
    }

    /** The table's comment; null when the dictionary does not describe the table. */
    public String tableComment(String table) {
        return tableComments.get(table);
    }

    /** The column's comment; null when the dictionary does not describe the column. */
    public String columnComment(String table, String column) {
        return columnComments.get(table + "." + column);
    }

    /** A short digest of the table's entries (its comment and its columns'), to notice an edited dictionary. */
    public String hashOf(String table) {
        StringBuilder entries = new StringBuilder(String.valueOf(tableComments.get(table)));
        new java.util.TreeMap<>(columnComments).forEach((key, comment) -> {
            if (key.startsWith(table + ".")) {
                entries.append('\n').append(key).append('=').append(comment);
            }
        });
        return Integer.toHexString(entries.toString().hashCode());
    }

    private static List<Row> read(SparkSession spark, TextSource source, String file, List<String> columns) {
        List<String> lines = Arrays.stream(source.read(file).split("\r?\n")).filter(l -> !l.isBlank()).toList();
        Dataset<Row> rows = spark.read()
                .option("header", "true")
                .option("escape", "\"")
                .csv(spark.createDataset(lines, Encoders.STRING()));
        if (!Arrays.asList(rows.columns()).containsAll(columns)) {
            throw new CensusInputException("Dictionary file " + source.describe(file) + " needs the columns " + columns
                    + "; its header is " + Arrays.asList(rows.columns()) + ".");
        }
        return rows.selectExpr(columns.stream().map(c -> "`" + c + "`").toArray(String[]::new)).collectAsList();
    }
}
