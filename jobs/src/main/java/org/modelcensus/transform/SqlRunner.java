package org.modelcensus.transform;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.modelcensus.config.TextSource;
import org.modelcensus.errors.CensusInputException;

/**
 * Runs the SQL tree: {@code sql/<layer>/<table>.sql}, one file per table, named after it; the folder is the layer.
 * {@code reference/}, {@code staging/} and {@code intermediate/} hold views that are not written; {@code silver/},
 * {@code gold/} and {@code audit/} hold the tables a job writes to that layer of the warehouse; {@code quality/}
 * holds the data-quality checks. Each result is registered as a view of its name, which later files read.
 *
 * <p>Which files a job runs follows from what it reads, as dbt selects a source's descendants: the job registers
 * its {@link #INPUTS} as views and {@link #plan plans} every file that reads one of them, directly or through other
 * files, together with the files those read. A file that reads an input the job does not have is left out (the
 * census has no hardware file; an enrichment with only --hardware has no investment table). Adding a table means
 * adding a file to the layer it belongs to.
 */
public final class SqlRunner {

    /** The layers in run order. */
    public static final List<String> LAYERS = List.of("reference", "staging", "silver", "quality", "intermediate", "gold", "audit");

    /**
     * The views the jobs register for the SQL files from what they read: the catalogue's accepted and rejected records
     * and the previous snapshot's models (census), the hardware file and the investment table (enrichment). Every other
     * name a file reads is another file's table, or a reference view (conf/reference/) that every job registers.
     */
    public static final Set<String> INPUTS = Set.of("catalogue_accepted", "rejected_rows", "previous_models",
            "hardware_source", "hardware_peaks_source", "investment_source");

    private static final Pattern PARAMETER = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

    /** One SQL file: its layer, its table name, its SQL (comments removed) and the tables and inputs it reads. */
    public record SqlTable(String layer, String name, String sql, Set<String> reads) {
    }

    private final SparkSession spark;
    private final TextSource source;
    private final Map<String, String> parameters;

    public SqlRunner(SparkSession spark, TextSource source, Map<String, String> parameters) {
        this.spark = spark;
        this.source = source;
        this.parameters = parameters;
    }

    /**
     * The files a job runs.
     *
     * @param inputs the {@link #INPUTS} the job registers (before it runs the layers that read them)
     * @param stored tables the job registers from the warehouse instead of computing them (the enrichment's models):
     *               their files are not run, and what reads them runs only when it also reads one of {@code inputs}
     */
    public Plan plan(Set<String> inputs, Set<String> stored) {
        for (String input : inputs) {
            if (!INPUTS.contains(input)) {
                throw new IllegalArgumentException(input + " is not one of the SQL inputs " + INPUTS);
            }
        }
        Map<String, SqlTable> files = loadAll();
        Map<String, Boolean> runnable = new HashMap<>();
        Map<String, Boolean> fed = new HashMap<>();
        Set<String> selected = new LinkedHashSet<>();
        for (SqlTable file : files.values()) {
            if (!stored.contains(file.name()) && runnable(file.name(), files, inputs, stored, runnable, new LinkedHashSet<>())
                    && fed(file.name(), files, inputs, stored, fed)) {
                selectWithWhatItReads(file.name(), files, stored, selected);
            }
        }
        List<SqlTable> ordered = new ArrayList<>();
        for (String layer : LAYERS) {
            files.values().stream().filter(f -> f.layer().equals(layer) && selected.contains(f.name())).forEach(ordered::add);
        }
        return new Plan(dependencyOrder(ordered));
    }

    /** The files of a job, in the order they can run; run them layer by layer. */
    public final class Plan {

        private final List<SqlTable> tables;

        private Plan(List<SqlTable> tables) {
            this.tables = tables;
        }

        public List<SqlTable> tables() {
            return tables;
        }

        /** How many of the plan's files read the table. */
        public long readers(String name) {
            return tables.stream().filter(table -> table.reads().contains(name)).count();
        }

        /** The file a table of the plan is made by, as messages name it. */
        public String fileOf(String name) {
            return describe(tables.stream().filter(table -> table.name().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(name + " is not a table of this plan")));
        }

        /** Runs the plan's files of one layer and registers each as a view; returns the views in run order. */
        public Map<String, Dataset<Row>> run(String layer) {
            return run(layer, UnaryOperator.identity());
        }

        /**
         * As {@link #run(String)}, passing each table through {@code materialize} before the next file runs, so that
         * later files read the materialized table instead of recomputing (and re-planning) its SQL.
         */
        public Map<String, Dataset<Row>> run(String layer, UnaryOperator<Dataset<Row>> materialize) {
            return run(layer, materialize, name -> true);
        }

        /** As {@link #run(String, UnaryOperator)}, materializing only the tables {@code which} names; the others stay views. */
        public Map<String, Dataset<Row>> run(String layer, UnaryOperator<Dataset<Row>> materialize, Predicate<String> which) {
            Map<String, Dataset<Row>> views = new LinkedHashMap<>();
            for (SqlTable table : tables) {
                if (table.layer().equals(layer)) {
                    Dataset<Row> result = which.test(table.name()) ? materialize.apply(sql(table)) : sql(table);
                    result.createOrReplaceTempView(table.name());
                    views.put(table.name(), result);
                }
            }
            return views;
        }
    }

    /** A file as messages name it. */
    private String describe(SqlTable table) {
        return source.describe(table.layer() + "/" + table.name() + ".sql");
    }

    private Dataset<Row> sql(SqlTable table) {
        String file = describe(table);
        try {
            return spark.sql(substitute(file, table.sql()));
        } catch (Exception e) {
            if (!(e instanceof AnalysisException)) {
                throw e;
            }
            throw new CensusInputException(file + " does not run: " + e.getMessage().lines().findFirst().orElse("").strip(), e);
        }
    }

    /** Every file of every layer, comments removed, by table name. */
    private Map<String, SqlTable> loadAll() {
        Map<String, String[]> texts = new TreeMap<>();
        for (String layer : LAYERS) {
            for (String file : source.list(layer, ".sql")) {
                String name = file.substring(0, file.length() - ".sql".length());
                // Comments are documentation: they are not sent to Spark, and a ${name} or a table name there is not read.
                String code = source.read(layer + "/" + file).replaceAll("(?m)^\\s*--.*$", "").strip();
                String[] previous = texts.put(name, new String[] {layer, code});
                if (previous != null) {
                    throw new CensusInputException("Two SQL files make the table " + name + ": " + previous[0] + "/" + file + " and "
                            + layer + "/" + file + ". A table has one file; rename one of them.");
                }
            }
        }
        Set<String> names = new LinkedHashSet<>(texts.keySet());
        names.addAll(INPUTS);
        Map<String, SqlTable> files = new LinkedHashMap<>();
        texts.forEach((name, layerAndSql) -> {
            Set<String> reads = new LinkedHashSet<>();
            for (String other : names) {
                if (!other.equals(name) && Pattern.compile("\\b" + Pattern.quote(other) + "\\b")
                        .matcher(layerAndSql[1].replaceAll("--[^\n]*", " ")).find()) {
                    reads.add(other);
                }
            }
            files.put(name, new SqlTable(layerAndSql[0], name, layerAndSql[1], reads));
        });
        for (SqlTable file : files.values()) {
            for (String read : file.reads()) {
                SqlTable other = files.get(read);
                if (other != null && LAYERS.indexOf(other.layer()) > LAYERS.indexOf(file.layer())) {
                    throw new CensusInputException("sql/" + file.layer() + "/" + file.name() + ".sql reads " + read + " of the later layer "
                            + other.layer() + "/: a file reads its own or earlier layers (" + LAYERS + ").");
                }
            }
        }
        return files;
    }

    /** Whether everything the file reads is there: inputs the job registers, stored tables, or files that can run. */
    private static boolean runnable(String name, Map<String, SqlTable> files, Set<String> inputs, Set<String> stored,
                                    Map<String, Boolean> memo, Set<String> path) {
        if (inputs.contains(name) || stored.contains(name)) {
            return true;
        }
        SqlTable file = files.get(name);
        if (file == null) {
            return false; // an input this job does not register
        }
        Boolean known = memo.get(name);
        if (known != null) {
            return known;
        }
        if (!path.add(name)) {
            throw new CensusInputException("SQL files read each other in a cycle: " + path + ".");
        }
        boolean result = file.reads().stream().allMatch(read -> runnable(read, files, inputs, stored, memo, path));
        path.remove(name);
        memo.put(name, result);
        return result;
    }

    /** Whether the file reads one of the job's inputs, directly or through files the job computes. */
    private static boolean fed(String name, Map<String, SqlTable> files, Set<String> inputs, Set<String> stored,
                               Map<String, Boolean> memo) {
        Boolean known = memo.get(name);
        if (known != null) {
            return known;
        }
        boolean result = false;
        for (String read : files.get(name).reads()) {
            if (inputs.contains(read) || (files.containsKey(read) && !stored.contains(read) && fed(read, files, inputs, stored, memo))) {
                result = true;
                break;
            }
        }
        memo.put(name, result);
        return result;
    }

    private static void selectWithWhatItReads(String name, Map<String, SqlTable> files, Set<String> stored, Set<String> selected) {
        if (!selected.add(name)) {
            return;
        }
        for (String read : files.get(name).reads()) {
            if (files.containsKey(read) && !stored.contains(read)) {
                selectWithWhatItReads(read, files, stored, selected);
            }
        }
    }

    /** The file's ${name} parameters replaced by this job's values (as SQL string content: quotes doubled). */
    private String substitute(String file, String code) {
        Matcher matcher = PARAMETER.matcher(code);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String value = parameters.get(matcher.group(1));
            if (value == null) {
                throw new CensusInputException(file + " uses ${" + matcher.group(1) + "}, which is not a parameter of this job; known: "
                        + parameters.keySet() + ".");
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value.replace("'", "''")));
        }
        matcher.appendTail(out);
        String sql = out.toString().strip();
        return sql.endsWith(";") ? sql.substring(0, sql.length() - 1) : sql;
    }

    /** Files that read another file run after it; otherwise in layer order, then by name. */
    private static List<SqlTable> dependencyOrder(List<SqlTable> files) {
        List<SqlTable> ordered = new ArrayList<>();
        Set<String> done = new LinkedHashSet<>();
        Set<String> names = new LinkedHashSet<>();
        files.forEach(f -> names.add(f.name()));
        while (ordered.size() < files.size()) {
            SqlTable next = files.stream()
                    .filter(f -> !done.contains(f.name()) && f.reads().stream().noneMatch(r -> names.contains(r) && !done.contains(r)))
                    .findFirst()
                    .orElseThrow(() -> new CensusInputException("SQL files read each other in a cycle: "
                            + names.stream().filter(n -> !done.contains(n)).toList() + "."));
            done.add(next.name());
            ordered.add(next);
        }
        return ordered;
    }
}
