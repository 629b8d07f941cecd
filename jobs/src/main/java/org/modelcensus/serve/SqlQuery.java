package org.modelcensus.serve;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.modelcensus.errors.CensusInputException;
import org.modelcensus.catalog.CensusCatalog;
import org.modelcensus.catalog.DataDictionary;
import org.modelcensus.spark.SparkSessions;


/**
 * The {@code sql} command (scripts/sql.sh): runs one read-only statement on the warehouse's tables as database
 * {@code census} (the current database) and prints the result as a table. The session has no persistent catalog: it
 * registers the tables the statement reads in memory, so it needs no metastore, starts fast and runs beside a census
 * run or the SQL endpoint.
 */
public final class SqlQuery {

    private final String warehouse;
    private final String master;
    private final int maxRows;

    /** @param master null: spark-submit's, else local[*] */
    public SqlQuery(String warehouse, String master, int maxRows) {
        this.warehouse = warehouse;
        this.master = master;
        this.maxRows = maxRows;
    }

    /** Runs the statement and prints its result as a table. */
    public void run(String statement, PrintStream out) {
        CensusCatalog.TablesRead read = CensusCatalog.tablesRead(warehouse, statement);
        SparkSession spark = SparkSessions.createReadOnlyLocal(master, read.bytes());
        try {
            new CensusCatalog(spark, warehouse, DataDictionary.load()).register(read);
            spark.sql("use " + CensusCatalog.DATABASE);
            Dataset<Row> rows;
            try {
                rows = spark.sql(statement);
            } catch (Exception e) { // AnalysisException, ParseException, the read-only refusal: the user's to fix
                // the refusal's own "model-census: " is for JDBC clients; the command prints its own
                String message = String.valueOf(e.getMessage()).lines().findFirst().orElse(e.toString());
                throw new CensusInputException(message.startsWith("model-census: ") ? message.substring("model-census: ".length()) : message, e);
            }
            Column[] text = Arrays.stream(rows.columns()).map(c -> rows.col("`" + c + "`").cast("string").as(c)).toArray(Column[]::new);
            List<List<String>> cells = new ArrayList<>();
            for (Row row : rows.select(text).limit(maxRows + 1).collectAsList()) {
                List<String> values = new ArrayList<>();
                for (int i = 0; i < row.size(); i++) {
                    values.add(row.isNullAt(i) ? null : row.getString(i));
                }
                cells.add(values);
            }
            new Table(List.of(rows.columns()), cells, maxRows).print(out);
        } finally {
            spark.stop();
        }
    }

    /** A result as text cells, printed like spark-sql's tables; at most {@code maxRows} rows. */
    record Table(List<String> columns, List<List<String>> rows, int maxRows) {

        void print(PrintStream out) {
            List<List<String>> shown = rows.size() > maxRows ? rows.subList(0, maxRows) : rows;
            int[] widths = new int[columns.size()];
            for (int c = 0; c < widths.length; c++) {
                widths[c] = columns.get(c).length();
                for (List<String> row : shown) {
                    widths[c] = Math.max(widths[c], cell(row.get(c)).length());
                }
            }
            StringBuilder rule = new StringBuilder("+");
            for (int width : widths) {
                rule.append("-".repeat(width + 2)).append('+');
            }
            out.println(rule);
            out.println(line(columns, widths));
            out.println(rule);
            shown.forEach(row -> out.println(line(row, widths)));
            out.println(rule);
            out.println(shown.size() + (shown.size() == 1 ? " row" : " rows")
                    + (rows.size() > maxRows ? " (more not shown: --max-rows)" : ""));
        }

        private static String line(List<String> cells, int[] widths) {
            StringBuilder line = new StringBuilder("|");
            for (int c = 0; c < widths.length; c++) {
                String cell = cell(cells.get(c));
                line.append(' ').append(cell).append(" ".repeat(widths[c] - cell.length())).append(" |");
            }
            return line.toString();
        }

        private static String cell(String value) {
            return value == null ? "NULL" : value.replace('\n', ' ');
        }
    }
}
