package org.modelcensus.serve;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.modelcensus.errors.CensusInputException;
import org.modelcensus.catalog.CensusCatalog;
import org.modelcensus.catalog.DataDictionary;
import org.modelcensus.spark.SparkSessions;


/**
 * The {@code sql} command (scripts/sql.sh): runs one read-only statement against the warehouse's catalog (database census is current) and
 * prints the result as a table. With no SQL endpoint running, in a local Spark session (which first registers new
 * tables); while the endpoint of this warehouse runs, which holds the embedded metastore, through its JDBC port with
 * the BI credentials.
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
        Optional<Endpoint> endpoint = Endpoint.running(warehouse);
        Table result = endpoint.isPresent() ? throughEndpoint(endpoint.get(), statement) : locally(statement);
        result.print(out);
    }

    private Table locally(String statement) {
        SparkSession spark = SparkSessions.createReadOnly(master, warehouse);
        try {
            if (CensusCatalog.metastoreBusy(spark)) {
                throw new CensusInputException("The catalog of " + warehouse + " is in use by another process (a census run "
                        + "registering its tables, another sql.sh, or a SQL endpoint whose endpoint file is gone): try again in a moment.");
            }
            new CensusCatalog(spark, warehouse, DataDictionary.load()).sync();
            spark.sql("use " + CensusCatalog.DATABASE);
            Dataset<Row> rows;
            try {
                rows = spark.sql(statement);
            } catch (Exception e) { // AnalysisException, ParseException, the read-only refusal: the user's to fix
                throw new CensusInputException(e.getMessage().lines().findFirst().orElse(e.toString()), e);
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
            return new Table(List.of(rows.columns()), cells, maxRows);
        } finally {
            spark.stop();
        }
    }

    private Table throughEndpoint(Endpoint endpoint, String statement) {
        BiCredentials credentials;
        try {
            credentials = BiCredentials.load(System.getenv());
        } catch (CensusInputException e) {
            throw new CensusInputException("The SQL endpoint of " + warehouse + " is running (" + endpoint.jdbcUrl() + ") and holds "
                    + "its catalog (the embedded metastore admits one process), so sql.sh queries through it and needs the BI "
                    + "credentials. " + e.getMessage() + " Or stop the endpoint: scripts/serve.sh stop.");
        }
        try (Connection connection = DriverManager.getConnection(endpoint.jdbcUrl(), credentials.user(), credentials.password());
             Statement query = connection.createStatement()) {
            query.setMaxRows(maxRows + 1);
            if (!query.execute(statement)) {
                return new Table(List.of(), List.of(), maxRows);
            }
            try (ResultSet results = query.getResultSet()) {
                ResultSetMetaData meta = results.getMetaData();
                List<String> columns = new ArrayList<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    columns.add(meta.getColumnLabel(i));
                }
                List<List<String>> cells = new ArrayList<>();
                while (results.next()) {
                    List<String> values = new ArrayList<>();
                    for (int i = 1; i <= columns.size(); i++) {
                        values.add(results.getString(i));
                    }
                    cells.add(values);
                }
                return new Table(columns, cells, maxRows);
            }
        } catch (SQLException e) {
            String message = String.valueOf(e.getMessage()).lines().findFirst().orElse("")
                    .replace("org.apache.hive.service.cli.HiveSQLException: ", "");
            throw new CensusInputException("through " + endpoint.jdbcUrl() + ": " + message, e);
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
