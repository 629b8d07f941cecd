package org.modelcensus.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The census in DuckDB, for the scale benchmark (scripts/bench.sh --scale): the same normalization and the same
 * 13 breakdowns as sql/, written in DuckDB's dialect under scripts/bench/duckdb/, on the same catalogue files.
 * A benchmark harness, never part of the product: it lives in the tests and DuckDB is a test dependency.
 *
 * <p>Runs functions.sql and reference.sql, reads the catalogue (read_csv.sql or read_parquet.sql) and names its
 * columns by conf/reference/catalogue_fields.csv, then creates one table per file of staging/, silver/ and gold/
 * (a file that names another table of its layer runs after it). With --out it writes every silver and gold
 * table as {@code <out>/<layer>/<table>.parquet}, as the census writes its warehouse.
 */
@Command(name = "duckdb-census", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Runs the census's normalization and breakdowns in DuckDB and prints the time they took.")
public final class DuckDbCensus {

    private static final Pattern PARAMETER = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");
    private static final List<String> LAYERS = List.of("staging", "silver", "gold");

    @Option(names = "--input", paramLabel = "PATH", required = true,
            description = "Catalogue: a CSV file, or a folder of CSV or Parquet parts.")
    String input;

    @Option(names = "--input-format", paramLabel = "csv|parquet", description = "Default: parquet when the path holds .parquet files.")
    String inputFormat;

    @Option(names = "--sql-dir", paramLabel = "DIR", defaultValue = "scripts/bench/duckdb", description = "DuckDB SQL (default: ${DEFAULT-VALUE}).")
    Path sqlDir;

    @Option(names = "--reference-dir", paramLabel = "DIR", defaultValue = "conf/reference", description = "Reference CSV (default: ${DEFAULT-VALUE}).")
    Path referenceDir;

    @Option(names = "--out", paramLabel = "DIR", description = "Write the silver and gold tables as Parquet here.")
    Path out;

    @Option(names = "--threads", paramLabel = "N", description = "DuckDB threads (default: the processors of the machine).")
    Integer threads;

    @Option(names = "--from", defaultValue = "2020") int fromYear;
    @Option(names = "--to", defaultValue = "2023") int toYear;
    @Option(names = "--focus-country", defaultValue = "KOR") String focusCountry;
    @Option(names = "--top-year") Integer topYear;
    @Option(names = "--top-n", defaultValue = "4") int topN;
    @Option(names = "--min-org-models", defaultValue = "3") int minOrgModels;

    /** What one run did: tables by layer, accepted models and seconds per phase. */
    public record Result(Map<String, List<String>> tables, long models, Map<String, Double> seconds) {
    }

    public static void main(String[] args) throws Exception {
        DuckDbCensus census = new DuckDbCensus();
        CommandLine commandLine = new CommandLine(census);
        commandLine.parseArgs(args);
        if (commandLine.isUsageHelpRequested()) {
            commandLine.usage(System.out);
            return;
        }
        Result result = census.run();
        String phases = result.seconds().entrySet().stream()
                .map(e -> e.getKey() + " " + String.format(Locale.ROOT, "%.2f s", e.getValue()))
                .collect(Collectors.joining(", "));
        System.out.println("duckdb: " + result.models() + " models; " + phases);
    }

    /** The harness on a catalogue with the census's default parameters. */
    public static DuckDbCensus of(String input, Path sqlDir, Path referenceDir, Path out) {
        DuckDbCensus census = new DuckDbCensus();
        new CommandLine(census).parseArgs("--input", input, "--sql-dir", sqlDir.toString(),
                "--reference-dir", referenceDir.toString());
        census.out = out;
        return census;
    }

    public Result run() throws SQLException, IOException {
        Map<String, Double> seconds = new LinkedHashMap<>();
        Map<String, List<String>> tables = new LinkedHashMap<>();
        long started = System.nanoTime();
        Path spill = Files.createTempDirectory("duckdb-census-");
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
             Statement sql = db.createStatement()) {
            sql.execute("set temp_directory = '" + spill + "'");
            if (threads != null) {
                sql.execute("set threads = " + threads);
            }
            script(sql, read("functions.sql"));
            script(sql, read("reference.sql"));
            String reader = read(isParquet() ? "read_parquet.sql" : "read_csv.sql");
            sql.execute("create view catalogue_file as " + reader);
            sql.execute("create view catalogue_raw as select " + fieldColumns(sql) + " from catalogue_file");
            for (String layer : LAYERS) {
                long layerStarted = System.nanoTime();
                List<String> names = new ArrayList<>();
                for (Map.Entry<String, String> table : dependencyOrder(layer).entrySet()) {
                    sql.execute("create table " + table.getKey() + " as " + table.getValue());
                    names.add(table.getKey());
                }
                tables.put(layer, names);
                seconds.put(layer.equals("staging") ? "read" : layer, (System.nanoTime() - layerStarted) / 1e9);
            }
            long models;
            try (ResultSet count = sql.executeQuery("select count(*) from models")) {
                count.next();
                models = count.getLong(1);
            }
            if (out != null) {
                long writeStarted = System.nanoTime();
                for (String layer : List.of("silver", "gold")) {
                    Files.createDirectories(out.resolve(layer));
                    for (String table : tables.get(layer)) {
                        sql.execute("copy " + table + " to '" + out.resolve(layer).resolve(table + ".parquet") + "' (format parquet)");
                    }
                }
                seconds.put("write", (System.nanoTime() - writeStarted) / 1e9);
            }
            seconds.put("total", (System.nanoTime() - started) / 1e9);
            return new Result(tables, models, seconds);
        } finally {
            try (Stream<Path> files = Files.walk(spill)) {
                files.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** The catalogue's columns under the census's field names (first known header name of each field wins). */
    private String fieldColumns(Statement sql) throws SQLException {
        Map<String, String> columnOfName = new LinkedHashMap<>();
        try (ResultSet columns = sql.executeQuery("select column_name from (describe catalogue_file)")) {
            while (columns.next()) {
                String name = columns.getString(1);
                columnOfName.putIfAbsent(name.replace("\uFEFF", "").strip().toLowerCase(Locale.ROOT), name);
            }
        }
        Map<String, String> columnOfField = new LinkedHashMap<>();
        try (ResultSet fields = sql.executeQuery("select field, header_name from ref_catalogue_fields")) {
            while (fields.next()) {
                String column = columnOfName.get(fields.getString(2).toLowerCase(Locale.ROOT));
                String field = fields.getString(1);
                columnOfField.merge(field, column == null ? "" : column, (known, found) -> known.isEmpty() ? found : known);
            }
        }
        // a field the catalogue lacks is null, as CatalogueReader passes it on
        return columnOfField.entrySet().stream()
                .map(e -> (e.getValue().isEmpty() ? "null::varchar" : "\"" + e.getValue().replace("\"", "\"\"") + "\"") + " as " + e.getKey())
                .collect(Collectors.joining(", "));
    }

    private boolean isParquet() throws IOException {
        if (inputFormat != null) {
            return inputFormat.strip().equalsIgnoreCase("parquet");
        }
        Path path = Path.of(input);
        if (!Files.isDirectory(path)) {
            return input.toLowerCase(Locale.ROOT).endsWith(".parquet");
        }
        try (Stream<Path> files = Files.list(path)) {
            return files.anyMatch(f -> f.toString().endsWith(".parquet"));
        }
    }

    /** The input as DuckDB reads it: a folder becomes the glob of its parts. */
    private String inputGlob() throws IOException {
        Path path = Path.of(input);
        if (!Files.isDirectory(path)) {
            return input;
        }
        return path.resolve(isParquet() ? "*.parquet" : "*.csv").toString();
    }

    private Map<String, String> parameters() throws IOException {
        Map<String, String> values = new TreeMap<>();
        values.put("input", inputGlob().replace("'", "''"));
        values.put("reference_dir", referenceDir.toAbsolutePath().toString().replace("'", "''"));
        values.put("from_year", Integer.toString(fromYear));
        values.put("to_year", Integer.toString(toYear));
        values.put("focus_country", focusCountry.strip().toUpperCase(Locale.ROOT));
        values.put("top_year", Integer.toString(topYear != null ? topYear : toYear + 1));
        values.put("top_n", Integer.toString(topN));
        values.put("min_org_models", Integer.toString(minOrgModels));
        return values;
    }

    /** A SQL file, comments dropped and ${name} parameters substituted. */
    private String read(String file) throws IOException {
        String code = Files.readString(sqlDir.resolve(file)).replaceAll("(?m)^\\s*--.*$", "");
        Map<String, String> values = parameters();
        Matcher matcher = PARAMETER.matcher(code);
        StringBuilder text = new StringBuilder();
        while (matcher.find()) {
            String value = values.get(matcher.group(1));
            if (value == null) {
                throw new IllegalArgumentException(file + " uses unknown parameter ${" + matcher.group(1) + "}");
            }
            matcher.appendReplacement(text, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(text);
        String sql = text.toString().strip();
        return sql.endsWith(";") ? sql.substring(0, sql.length() - 1) : sql;
    }

    /** Runs a file of several statements, each ended by ';' at the end of a line. */
    private static void script(Statement sql, String text) throws SQLException {
        for (String statement : text.split(";\\s*\\n")) {
            if (!statement.isBlank()) {
                sql.execute(statement);
            }
        }
    }

    /** The layer's files, table name to SQL, so that a file naming another table of the layer runs after it. */
    private Map<String, String> dependencyOrder(String layer) throws IOException {
        Map<String, String> byName = new TreeMap<>();
        try (Stream<Path> files = Files.list(sqlDir.resolve(layer))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".sql")).sorted().toList()) {
                String name = file.getFileName().toString().replace(".sql", "");
                byName.put(name, read(layer + "/" + file.getFileName()));
            }
        }
        Map<String, String> ordered = new LinkedHashMap<>();
        while (ordered.size() < byName.size()) {
            String next = byName.entrySet().stream()
                    .filter(e -> !ordered.containsKey(e.getKey()))
                    .filter(e -> byName.keySet().stream().filter(other -> !other.equals(e.getKey()) && !ordered.containsKey(other))
                            .noneMatch(other -> Pattern.compile("\\b" + other + "\\b").matcher(e.getValue()).find()))
                    .map(Map.Entry::getKey).findFirst()
                    .orElseThrow(() -> new IllegalStateException(layer + " SQL files reference each other in a cycle"));
            ordered.put(next, byName.get(next));
        }
        return ordered;
    }
}
