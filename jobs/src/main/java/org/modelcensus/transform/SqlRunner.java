package org.modelcensus.transform;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.modelcensus.CensusInputException;
import org.modelcensus.config.TextSource;

/**
 * Runs a layer of SQL files (staging/, silver/, gold/): one file per table, named after it. Each file may use
 * ${name} parameters and the tables of earlier layers or of its own layer; files run in dependency order and
 * each result is registered as a view of its name. Adding a table means adding a file.
 */
public final class SqlRunner {

    private static final Pattern PARAMETER = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

    /** A doc-comment line {@code -- layer: silver} names the warehouse layer a file's table is written to. */
    private static final Pattern WRITTEN_TO = Pattern.compile("(?m)^\\s*--\\s*layer:\\s*(\\w+)\\s*$");

    /**
     * One SQL file: its table name, its text, the first line of its doc comment and the layer its {@code -- layer:}
     * line names (null: a view other files read, not written).
     */
    public record SqlTable(String layer, String name, String sql, String description, String writtenTo) {
    }

    private final SparkSession spark;
    private final TextSource source;
    private final Map<String, String> parameters;

    public SqlRunner(SparkSession spark, TextSource source, Map<String, String> parameters) {
        this.spark = spark;
        this.source = source;
        this.parameters = parameters;
    }

    /** Loads the layer's files, parameters substituted, in the order they can run. */
    public List<SqlTable> load(String layer) {
        Map<String, SqlTable> byName = new TreeMap<>();
        for (String file : source.list(layer, ".sql")) {
            String name = file.substring(0, file.length() - ".sql".length());
            String path = layer + "/" + file;
            String text = source.read(path);
            Matcher writtenTo = WRITTEN_TO.matcher(text);
            byName.put(name, new SqlTable(layer, name, substitute(source.describe(path), text), description(text),
                    writtenTo.find() ? writtenTo.group(1) : null));
        }
        return dependencyOrder(byName);
    }

    /** Runs the layer and registers each table as a view; returns the views in run order. */
    public Map<String, Dataset<Row>> run(String layer) {
        return run(layer, UnaryOperator.identity());
    }

    /**
     * As {@link #run(String)}, passing each table through {@code materialize} before the next file runs, so that
     * later files can read the materialized table instead of recomputing (and re-planning) its SQL.
     */
    public Map<String, Dataset<Row>> run(String layer, UnaryOperator<Dataset<Row>> materialize) {
        return run(load(layer), materialize);
    }

    /** As {@link #run(String, UnaryOperator)}, for files already loaded. */
    public Map<String, Dataset<Row>> run(List<SqlTable> tables, UnaryOperator<Dataset<Row>> materialize) {
        Map<String, Dataset<Row>> views = new LinkedHashMap<>();
        for (SqlTable table : tables) {
            Dataset<Row> result;
            try {
                result = spark.sql(table.sql());
            } catch (Exception e) {
                if (!(e instanceof AnalysisException)) {
                    throw e;
                }
                throw new CensusInputException(source.describe(table.layer() + "/" + table.name() + ".sql")
                        + " does not run: " + e.getMessage().lines().findFirst().orElse("").strip(), e);
            }
            result = materialize.apply(result);
            result.createOrReplaceTempView(table.name());
            views.put(table.name(), result);
        }
        return views;
    }

    private String substitute(String file, String text) {
        // Comments are documentation: a ${name} there is not substituted, and the comment is not sent to Spark.
        String code = text.replaceAll("(?m)^\\s*--.*$", "");
        Matcher matcher = PARAMETER.matcher(code);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String value = parameters.get(matcher.group(1));
            if (value == null) {
                throw new CensusInputException(file + " uses ${" + matcher.group(1) + "}, which is not a census parameter; known: "
                        + parameters.keySet() + ".");
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value.replace("'", "''")));
        }
        matcher.appendTail(out);
        String sql = out.toString().strip();
        return sql.endsWith(";") ? sql.substring(0, sql.length() - 1) : sql;
    }

    private static String description(String text) {
        for (String line : text.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("--")) {
                String doc = trimmed.substring(2).strip();
                int colon = doc.indexOf(':');
                return colon >= 0 ? doc.substring(colon + 1).strip() : doc;
            }
        }
        return "";
    }

    /** Files that name another table of the same layer run after it (comments ignored); ties alphabetical. */
    private static List<SqlTable> dependencyOrder(Map<String, SqlTable> byName) {
        Map<String, List<String>> dependsOn = new TreeMap<>();
        for (SqlTable table : byName.values()) {
            String code = table.sql().replaceAll("--[^\n]*", " ");
            List<String> needs = new ArrayList<>();
            for (String other : byName.keySet()) {
                if (!other.equals(table.name()) && Pattern.compile("\\b" + Pattern.quote(other) + "\\b").matcher(code).find()) {
                    needs.add(other);
                }
            }
            dependsOn.put(table.name(), needs);
        }
        List<SqlTable> ordered = new ArrayList<>();
        List<String> done = new ArrayList<>();
        while (done.size() < byName.size()) {
            String next = dependsOn.entrySet().stream()
                    .filter(e -> !done.contains(e.getKey()) && done.containsAll(e.getValue()))
                    .map(Map.Entry::getKey).findFirst()
                    .orElseThrow(() -> new CensusInputException("SQL files reference each other in a cycle: "
                            + dependsOn.keySet().stream().filter(n -> !done.contains(n)).toList() + "."));
            done.add(next);
            ordered.add(byName.get(next));
        }
        return ordered;
    }
}
