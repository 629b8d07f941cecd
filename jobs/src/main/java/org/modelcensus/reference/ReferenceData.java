package org.modelcensus.reference;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.modelcensus.errors.CensusInputException;
import org.modelcensus.config.TextSource;

/**
 * The reference tables of conf/reference/, loaded as DataFrames and registered as the SQL views
 * ref_countries, ref_organizations, ref_domain_groups, ref_task_groups, ref_org_categories, ref_compute_thresholds and
 * ref_accessibility_groups; the enrichment
 * (scripts/enrich.sh) also registers ref_hardware_aliases and ref_hardware_precisions.
 */
public final class ReferenceData {

    /** File, view and the columns the SQL files rely on. */
    private record Table(String file, String view, List<String> columns) {
    }

    private static final List<Table> TABLES = List.of(
            new Table("countries.csv", "ref_countries", List.of("epoch_label", "country_code", "country_name_en", "country_name_ko")),
            new Table("organizations.csv", "ref_organizations", List.of("organization", "org_group", "hq_country_code")),
            new Table("domain_groups.csv", "ref_domain_groups", List.of("domain", "domain_group")),
            new Table("task_groups.csv", "ref_task_groups", List.of("task", "task_group")),
            new Table("org_categories.csv", "ref_org_categories", List.of("epoch_category", "org_category")),
            new Table("compute_thresholds.csv", "ref_compute_thresholds", List.of("threshold_flop", "label")),
            new Table("accessibility_groups.csv", "ref_accessibility_groups", List.of("model_accessibility", "accessibility")));

    private static final List<Table> HARDWARE_TABLES = List.of(
            new Table("hardware_aliases.csv", "ref_hardware_aliases", List.of("catalogue_name", "hardware_name")),
            new Table("hardware_precisions.csv", "ref_hardware_precisions", List.of("source_column", "precision", "number_kind", "preference")));

    private static final Table CATALOGUE_FIELDS =
            new Table("catalogue_fields.csv", "ref_catalogue_fields", List.of("field", "header_name", "required"));

    private final SparkSession spark;
    private final TextSource source;

    public ReferenceData(SparkSession spark, TextSource source) {
        this.spark = spark;
        this.source = source;
    }

    /** Registers every reference view; returns the country codes the reference data knows. */
    public Set<String> registerViews() {
        Set<String> countryCodes = new TreeSet<>();
        for (Table table : TABLES) {
            Dataset<Row> rows = load(table);
            rows.createOrReplaceTempView(table.view());
            if (table.view().equals("ref_countries")) {
                for (Row row : rows.select("country_code").distinct().collectAsList()) {
                    countryCodes.add(row.getString(0));
                }
            }
        }
        return countryCodes;
    }

    /** The distinct ISO alpha-3 codes of countries.csv, in file order (several Epoch labels may share a code). */
    public List<String> countryCodes() {
        Table countries = TABLES.stream().filter(t -> t.file().equals("countries.csv")).findFirst().orElseThrow();
        Set<String> codes = new LinkedHashSet<>();
        for (Row row : load(countries).select("country_code").collectAsList()) {
            codes.add(row.getString(0));
        }
        return new ArrayList<>(codes);
    }

    /**
     * Registers the views the hardware enrichment needs (ref_hardware_aliases, ref_hardware_precisions); returns the
     * hardware file's performance columns that hardware_precisions.csv knows, in file order.
     */
    public List<String> registerHardwareViews() {
        List<String> sourceColumns = new ArrayList<>();
        for (Table table : HARDWARE_TABLES) {
            Dataset<Row> rows = load(table);
            rows.createOrReplaceTempView(table.view());
            if (table.view().equals("ref_hardware_precisions")) {
                for (Row row : rows.collectAsList()) {
                    sourceColumns.add(row.getString(0));
                }
            }
        }
        return sourceColumns;
    }

    /** The header names of every catalogue vintage (catalogue_fields.csv), in file order. */
    public List<CatalogueField> catalogueFields() {
        List<CatalogueField> fields = new ArrayList<>();
        for (Row row : load(CATALOGUE_FIELDS).collectAsList()) {
            fields.add(new CatalogueField(row.getString(0), row.getString(1), Boolean.parseBoolean(row.getString(2))));
        }
        return fields;
    }

    private Dataset<Row> load(Table table) {
        String text = source.read(table.file());
        List<String> lines = Arrays.stream(text.split("\r?\n")).filter(l -> !l.isBlank()).toList();
        if (lines.isEmpty()) {
            throw new CensusInputException("Reference file " + source.describe(table.file()) + " is empty: it needs the header "
                    + String.join(",", table.columns()) + ".");
        }
        Dataset<Row> rows = spark.read()
                .option("header", "true")
                .option("escape", "\"")
                .csv(spark.createDataset(lines, Encoders.STRING()));
        List<String> found = Arrays.asList(rows.columns());
        for (String column : table.columns()) {
            if (!found.contains(column)) {
                throw new CensusInputException("Reference file " + source.describe(table.file()) + " has no column '" + column
                        + "'; its header is " + found + ", expected " + table.columns() + ".");
            }
        }
        // Trimmed, so a stray space in an edited file does not silently break a join.
        org.apache.spark.sql.Column[] trimmed = table.columns().stream()
                .map(c -> org.apache.spark.sql.functions.trim(rows.col("`" + c + "`")).as(c))
                .toArray(org.apache.spark.sql.Column[]::new);
        return rows.select(trimmed);
    }

    /** One known header name of a catalogue field. */
    public record CatalogueField(String field, String headerName, boolean required) {
    }
}
