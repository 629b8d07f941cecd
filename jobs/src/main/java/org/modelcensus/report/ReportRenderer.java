package org.modelcensus.report;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.xxhash64;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.StructField;
import org.modelcensus.config.CensusConfig;
import org.modelcensus.scope.CatalogueKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the visual report of a run, {@code <report-dir>/<snapshot-date>/index.html}: the gold tables (small:
 * collected to the driver) rendered as the report's tables and figures, in English and Korean, in one
 * self-contained page.
 */
public final class ReportRenderer {

    private static final Logger LOG = LoggerFactory.getLogger(ReportRenderer.class);
    /**
     * Points the compute growth chart draws at most: a catalogue of millions would make a page of hundreds of MB (and
     * collect every model on the driver). Above it, a sample picked by a hash of the name: the same on every run.
     */
    static final int CHART_POINTS = 2_000;
    /**
     * Models Table 2 lists at most, the first by year and name: a synthetic catalogue of 10^7 models has 428,707 of the
     * focus country, a page the driver ran out of heap building (docs/benchmarks.md). The table holds them all.
     */
    public static final int LISTED_MODELS = 1_000;
    static final String FOCUS_MODELS = "focus_country_models";

    private final Path reportDir;

    /** @param reportDir a local folder on the driver; created when missing */
    public ReportRenderer(String reportDir) {
        this.reportDir = Path.of(reportDir);
    }

    /**
     * Renders the report of one run.
     *
     * @param config      the run's settings: snapshot date, input, window, focus country, top year, --min-compute
     * @param catalogue   the kind of catalogue the run read
     * @param gold        the gold tables by name, as {@code CensusPipeline.run} produced them
     * @param views       the run's session, whose views the page also reads: ref_countries (the country names),
     *                    ref_compute_thresholds and window_models (the points of the compute growth chart)
     * @param dataQuality the run's data-quality checks, or null when there are none
     * @return the written page
     */
    public Path render(CensusConfig config, CatalogueKind catalogue, Map<String, Dataset<Row>> gold, SparkSession views,
                       Dataset<Row> dataQuality) {
        Labels labels = Labels.load();
        Map<String, List<Cells>> tables = new LinkedHashMap<>();
        Listed focusModels = gold.containsKey(FOCUS_MODELS) ? first(gold.get(FOCUS_MODELS), LISTED_MODELS) : new Listed(List.of(), 0);
        // Some twenty small tables, each collected by a Spark job of its own that mostly waits on the scheduler: side by side.
        Map<String, List<Cells>> collected = gold.entrySet().parallelStream().filter(table -> !table.getKey().equals(FOCUS_MODELS))
                .collect(Collectors.toConcurrentMap(Map.Entry::getKey, table -> collect(table.getValue())));
        gold.keySet().forEach(name -> tables.put(name, name.equals(FOCUS_MODELS) ? focusModels.rows() : collected.get(name)));
        List<Double> thresholds = views.table("ref_compute_thresholds").selectExpr("cast(threshold_flop as double)").distinct()
                .orderBy("threshold_flop").collectAsList().stream().filter(row -> !row.isNullAt(0)).map(row -> row.getDouble(0)).toList();
        List<Cells> fittedModels = collect(chartPoints(views.table("window_models"), CHART_POINTS));
        ReportData data = new ReportData(config.snapshotDate(), fileName(config.input()),
                config.fromYear(), config.toYear(), config.focusCountry(), config.topYear(), config.minOrgModels(),
                tables, focusModels.total(), countryNames(views.table("ref_countries"), labels), dataQuality == null ? null : collect(dataQuality),
                new ReportData.Counted(catalogue.name(), config.minCompute()), thresholds, fittedModels, config.minGrowthModels());
        Path page = reportDir.resolve(config.snapshotDate().toString()).resolve("index.html");
        write(page, new ReportPage(data, labels).html());
        LOG.info("report written to {}", page);
        return page;
    }

    /** The models the compute growth chart draws, by date: those with a compute figure, at most {@code max} of them. */
    public static Dataset<Row> chartPoints(Dataset<Row> windowModels, int max) {
        return windowModels.where("training_compute_flop > 0")
                .select("model", "publication_date", "training_compute_flop")
                .orderBy(xxhash64(col("model")), col("model")).limit(max)
                .orderBy("publication_date", "model");
    }

    /** The first rows of a table in its order, and how many rows it has. */
    record Listed(List<Cells> rows, long total) {
    }

    /** The first {@code max} rows of the table, in its order; the table is counted only when it may have more. */
    static Listed first(Dataset<Row> table, int max) {
        List<Cells> rows = collect(table.limit(max));
        return new Listed(rows, rows.size() < max ? rows.size() : table.count());
    }

    /** The rows with their values by column name: lists as lists of text, numbers and booleans as they are, the rest as text. */
    static List<Cells> collect(Dataset<Row> table) {
        StructField[] fields = table.schema().fields();
        List<Cells> rows = new ArrayList<>();
        for (Row row : table.collectAsList()) {
            Map<String, Object> values = new HashMap<>();
            for (int i = 0; i < fields.length; i++) {
                Object value = row.isNullAt(i) ? null : row.get(i);
                if (value != null && fields[i].dataType() instanceof ArrayType) {
                    value = row.getList(i).stream().filter(Objects::nonNull).map(String::valueOf).toList();
                } else if (value != null && !(value instanceof Number) && !(value instanceof Boolean)) {
                    value = value.toString();
                }
                values.put(fields[i].name(), value);
            }
            rows.add(new Cells(values));
        }
        return rows;
    }

    /** English and Korean names by country code; "Multinational" (no country found) from the report's labels. */
    private static Map<String, Text> countryNames(Dataset<Row> countries, Labels labels) {
        Map<String, Text> names = new HashMap<>();
        names.put("Multinational", labels.value("Multinational"));
        names.put(ReportBeyond.ALL_COUNTRIES, labels.text("beyond.all_countries"));
        for (Cells country : collect(countries.select("country_code", "country_name_en", "country_name_ko").distinct())) {
            String en = country.text("country_name_en");
            String ko = country.text("country_name_ko");
            String code = country.text("country_code");
            names.put(code, new Text(en == null ? code : en, ko == null ? (en == null ? code : en) : ko));
        }
        return names;
    }

    /** The last part of a path or URI (hdfs:///data/catalogue.csv gives catalogue.csv). */
    private static String fileName(String input) {
        String trimmed = input.replaceAll("[/\\\\]+$", "");
        return trimmed.substring(Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\')) + 1);
    }

    /** Written beside the target, then moved over it: a reader never sees half a page. */
    private static void write(Path page, String html) {
        try {
            Files.createDirectories(page.getParent());
            Path staging = page.resolveSibling("." + page.getFileName() + ".tmp");
            Files.writeString(staging, html, StandardCharsets.UTF_8);
            Files.move(staging, page, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the report " + page + ": " + e.getMessage(), e);
        }
    }
}
