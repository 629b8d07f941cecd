package org.modelcensus;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.modelcensus.SparkTestSupport.assertSameTable;
import static org.modelcensus.SparkTestSupport.spark;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.modelcensus.config.CensusConfig;
import org.modelcensus.config.CensusConfig.OutputFormat;
import org.modelcensus.config.TextSource;
import org.modelcensus.errors.ExitCode;
import org.modelcensus.reference.ReferenceData;
import org.modelcensus.reference.ReferenceData.CatalogueField;
import org.modelcensus.write.CsvExporter;
import org.modelcensus.write.Warehouse;

/**
 * The suite's test kit: the jobs run as users run them (in this JVM, on the suite's SparkSession), tiny files and
 * catalogues, tables written as text, the bundled reference data, and reading a warehouse back.
 */
public final class CensusTestKit {

    /** The header of the tiny catalogues of {@link #catalogue}, and three rows with known data-quality faults. */
    public static final String HEADER = "Model,Publication date,Domain,Task,Organization,Country (of organization),"
            + "Organization categorization,Parameters,Training compute (FLOP),Training dataset size (datapoints)";
    public static final String MODEL_A = "Model A,2023-01-05,Language,Chat,OpenAI,United States of America,Industry,1.7e11,3.1e23,4e11";
    public static final String MODEL_B = "Model B,2022-06-01,Language,Translation,Lab B,Atlantis,Guild,about 70B,2e23,";
    public static final String MODEL_C = "Model C,2021-03-01,Vision,Image classification,Lab C,,Academia,,1e23,";

    private CensusTestKit() {
    }

    /** What one command returned and printed. */
    public record Outcome(int exitCode, String out, String err) {
        public List<String> errLines() {
            return err.lines().toList();
        }

        /** Stores it as {@code <name>.exit}, {@code .out} and {@code .err} in the folder (for a shared set-up). */
        public void save(Path folder, String name) {
            writeFile(folder, name + ".exit", Integer.toString(exitCode));
            writeFile(folder, name + ".out", out);
            writeFile(folder, name + ".err", err);
        }

        /** What {@link #save} stored. */
        public static Outcome load(Path folder, String name) {
            try {
                return new Outcome(Integer.parseInt(Files.readString(folder.resolve(name + ".exit"))),
                        Files.readString(folder.resolve(name + ".out"), StandardCharsets.UTF_8),
                        Files.readString(folder.resolve(name + ".err"), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** {@code model-census <args>} in this JVM, on the suite's SparkSession, which it must leave running. */
    public static Outcome run(String... args) {
        SparkTestSupport.spark();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = ModelCensus.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), false);
        return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /**
     * scripts/run.sh in this JVM. No report is rendered unless --report-dir is given (the default folder is in the
     * checkout; the report has tests of its own).
     */
    public static Outcome census(String... options) {
        return run(censusArgs(options));
    }

    /** Runs the census in this JVM with no defaults file: the options given, the input and the warehouse. */
    public static Outcome census(Path dir, Path input, String warehouse, String... options) {
        List<String> args = new ArrayList<>(List.of(
                "--config", writeFile(dir, "empty.properties", "").toString(),
                "--warehouse", warehouse,
                "--input", input.toString()));
        args.addAll(List.of(options));
        return census(args.toArray(String[]::new));
    }

    /** scripts/export.sh in this JVM. */
    public static Outcome export(String... args) {
        return run(prepend("export", args));
    }

    /** scripts/enrich.sh in this JVM. */
    public static Outcome enrich(String... args) {
        return run(prepend("enrich", args));
    }

    /** The arguments of a census command: {@code census <options>}, with --report-dir '' unless a report is asked for. */
    static String[] censusArgs(String... options) {
        List<String> args = new ArrayList<>(List.of("census"));
        args.addAll(List.of(options));
        if (!args.contains("--report-dir")) {
            args.addAll(List.of("--report-dir", ""));
        }
        return args.toArray(String[]::new);
    }

    private static String[] prepend(String command, String... args) {
        List<String> all = new ArrayList<>(List.of(command));
        all.addAll(List.of(args));
        return all.toArray(String[]::new);
    }

    /** Exit code 2 with one line naming the problem, no stack trace, and the shared session still running. */
    public static void assertRefused(Outcome outcome, String... messageParts) {
        assertAll(
                () -> assertEquals(ExitCode.BAD_INPUT.code(), outcome.exitCode(), outcome.err()),
                () -> assertEquals(1, outcome.errLines().size(), "one line: " + outcome.err()),
                () -> assertTrue(outcome.err().startsWith("model-census: "), outcome.err()),
                () -> assertFalse(outcome.err().contains("\tat ") || outcome.err().contains("Exception"), "no stack trace: " + outcome.err()),
                () -> assertMentions(outcome.err(), messageParts),
                () -> assertFalse(SparkTestSupport.spark().sparkContext().isStopped(), "the shared session must keep running"));
    }

    /** A tiny catalogue file: {@link #HEADER} and the rows. */
    public static Path catalogue(Path dir, String name, String... rows) {
        List<String> all = new ArrayList<>(List.of(HEADER));
        all.addAll(List.of(rows));
        return writeFile(dir, name, lines(all.toArray(String[]::new)));
    }

    public static Warehouse warehouse(String root) {
        return new Warehouse(SparkTestSupport.spark(), root, OutputFormat.delta);
    }

    /** The newest commit of a Delta warehouse's census_runs, as Delta (or Kernel) wrote it: engineInfo says which. */
    public static String lastCensusRunsCommit(String root) throws IOException {
        try (Stream<Path> commits = Files.list(Path.of(root, "audit", "census_runs", "_delta_log"))) {
            return Files.readString(commits.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().reduce((a, b) -> b).orElseThrow());
        }
    }

    /**
     * Every snapshot-partitioned table of the warehouse (silver, gold, audit) with its rows of one snapshot as
     * sorted JSON lines: what "the snapshot is unchanged" compares.
     */
    public static Map<String, List<String>> snapshotContents(Warehouse warehouse, LocalDate date) {
        // Four tables at a time, each from the files its Delta log lists (Warehouse.readSnapshot: no state rebuild,
        // DeltaSnapshotsTest checks it reads what Spark's Delta reader does); Spark's reader took 9 s a warehouse.
        Map<String, Future<Optional<List<String>>>> reads = new LinkedHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (String layer : List.of(Warehouse.SILVER, Warehouse.AUDIT, Warehouse.GOLD)) {
                for (String table : warehouse.tables(layer)) {
                    if (!table.equals("census_runs")) {
                        reads.put(layer + "." + table, pool.submit(() -> warehouse.readSnapshot(layer, table, date).map(CensusTestKit::jsonLines)));
                    }
                }
            }
            Map<String, List<String>> contents = new LinkedHashMap<>();
            for (Map.Entry<String, Future<Optional<List<String>>>> read : reads.entrySet()) {
                read.getValue().get().ifPresent(lines -> contents.put(read.getKey(), lines));
            }
            return contents;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot read the snapshot " + date + ": " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    public static List<String> jsonLines(Dataset<Row> rows) {
        return rows.selectExpr("to_json(struct(*))").as(Encoders.STRING()).collectAsList().stream().sorted().toList();
    }

    /** Copies a folder and everything under it to target (which must not exist yet); returns target. */
    public static Path copyTree(Path folder, Path target) {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.toList()) {
                Path copy = target.resolve(folder.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }

    /** Deletes a folder and everything under it, if it exists. */
    public static void deleteTree(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
        return TextSource.of(Fixtures.PROJECT.resolve("sql").toString(), "sql");
    }

    /** The default census window (2020..2023, focus KOR, minimum 3 models per organization) with the given ranking. */
    public static CensusConfig config(int topYear, int topN) {
        return config(topYear, topN, null, 10);
    }

    /** The default census (window 2020..2023, ranked year 2024) with --min-compute (null: none) and --min-growth-models. */
    public static CensusConfig config(Double minCompute, int minGrowthModels) {
        return config(2024, 4, minCompute, minGrowthModels);
    }

    private static CensusConfig config(int topYear, int topN, Double minCompute, int minGrowthModels) {
        return new CensusConfig("unused.csv", org.modelcensus.read.CatalogueInput.Format.csv, "unused-warehouse", CensusConfig.OutputFormat.delta,
                LocalDate.of(2024, 7, 16), 2020, 2023, "KOR", topYear, topN, 3, null, 0.05, null, null, null, null, minCompute, minGrowthModels, false);
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
