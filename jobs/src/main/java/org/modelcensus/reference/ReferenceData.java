package org.modelcensus.reference;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.modelcensus.config.TextSource;
import org.modelcensus.errors.CensusInputException;

/**
 * The reference tables of conf/reference/, loaded as DataFrames and registered as the SQL views ref_countries,
 * ref_organizations, ref_domain_groups, ref_task_groups, ref_org_categories, ref_compute_thresholds,
 * ref_accessibility_groups, ref_hardware_aliases and ref_hardware_precisions; catalogue_fields.csv names the
 * catalogue's columns for the reader.
 */
public final class ReferenceData {

    /**
     * File, view and the columns the SQL files rely on. A keyed table maps the catalogue label in its first column to
     * the rest of its row: each label is on one row (sql/reference/ref_lookups.sql turns such tables into maps).
     */
    private record Table(String file, String view, List<String> columns, boolean keyed) {
    }

    private static final Table COUNTRIES = new Table("countries.csv", "ref_countries",
            List.of("epoch_label", "country_code", "country_name_en", "country_name_ko"), true);
    private static final Table HARDWARE_PRECISIONS = new Table("hardware_precisions.csv", "ref_hardware_precisions",
            List.of("source_column", "precision", "number_kind", "preference"), false);

    private static final List<Table> TABLES = List.of(
            COUNTRIES,
            new Table("organizations.csv", "ref_organizations", List.of("organization", "org_group", "hq_country_code"), true),
            new Table("domain_groups.csv", "ref_domain_groups", List.of("domain", "domain_group"), true),
            new Table("task_groups.csv", "ref_task_groups", List.of("task", "task_group"), true),
            new Table("org_categories.csv", "ref_org_categories", List.of("epoch_category", "org_category"), true),
            new Table("compute_thresholds.csv", "ref_compute_thresholds", List.of("threshold_flop", "label"), false),
            new Table("accessibility_groups.csv", "ref_accessibility_groups", List.of("model_accessibility", "accessibility"), true),
            new Table("hardware_aliases.csv", "ref_hardware_aliases", List.of("catalogue_name", "hardware_name"), false),
            HARDWARE_PRECISIONS);

    private static final Table CATALOGUE_FIELDS =
            new Table("catalogue_fields.csv", "ref_catalogue_fields", List.of("field", "header_name", "required"), false);

    private final SparkSession spark;
    private final TextSource source;

    public ReferenceData(SparkSession spark, TextSource source) {
        this.spark = spark;
        this.source = source;
    }

    /**
     * Registers every reference view: the census's and the hardware enrichment's (ref_hardware_aliases,
     * ref_hardware_precisions); returns the country codes the reference data knows.
     */
    public Set<String> registerViews() {
        for (Table table : TABLES) {
            dataFrame(table, rows(table)).createOrReplaceTempView(table.view());
        }
        return new TreeSet<>(countryCodes());
    }

    /** The distinct ISO alpha-3 codes of countries.csv, in file order (several Epoch labels may share a code). */
    public List<String> countryCodes() {
        Set<String> codes = new LinkedHashSet<>();
        for (String[] row : rows(COUNTRIES)) {
            codes.add(row[1]);
        }
        return new ArrayList<>(codes);
    }

    /** The hardware file's performance columns that hardware_precisions.csv knows, in its order. */
    public List<String> hardwarePerformanceColumns() {
        return rows(HARDWARE_PRECISIONS).stream().map(row -> row[0]).toList();
    }

    /** The header names of every catalogue vintage (catalogue_fields.csv), in file order. */
    public List<CatalogueField> catalogueFields() {
        return rows(CATALOGUE_FIELDS).stream().map(row -> new CatalogueField(row[0], row[1], Boolean.parseBoolean(row[2]))).toList();
    }

    /**
     * The file's cells in the table's columns, trimmed: a stray space in an edited file must not break a join. A keyed
     * table's label is checked: an empty or repeated one would leave a label with no mapping or with two.
     */
    private List<String[]> rows(Table table) {
        TextSource.CsvTable csv = source.csv(table.file(), table.columns());
        int[] positions = table.columns().stream().mapToInt(csv.header()::indexOf).toArray();
        List<String[]> rows = new ArrayList<>();
        Map<String, Integer> keyRows = new HashMap<>();
        for (String[] cells : csv.rows()) {
            String[] values = new String[positions.length];
            for (int c = 0; c < positions.length; c++) {
                values[c] = cells[positions[c]];
            }
            rows.add(values);
            if (table.keyed()) {
                String key = table.columns().get(0);
                // rows as TextSource counts them: the header is row 1
                Integer first = keyRows.putIfAbsent(values[0], rows.size() + 1);
                if (values[0].isEmpty() || first != null) {
                    throw new CensusInputException(source.describe(table.file()) + ": row " + (rows.size() + 1) + " has "
                            + (values[0].isEmpty() ? "an empty " + key : key + " '" + values[0] + "', already on row " + first)
                            + "; give each " + key + " one row.");
                }
            }
        }
        return rows;
    }

    /** The rows as a DataFrame the driver holds (an empty cell null): a few hundred lines need no Spark job to read. */
    private Dataset<Row> dataFrame(Table table, List<String[]> cells) {
        List<Row> rows = new ArrayList<>();
        for (String[] row : cells) {
            rows.add(RowFactory.create(Arrays.stream(row).map(c -> c.isEmpty() ? null : c).toArray()));
        }
        StructType schema = new StructType(table.columns().stream()
                .map(c -> DataTypes.createStructField(c, DataTypes.StringType, true)).toArray(StructField[]::new));
        return spark.createDataFrame(rows, schema);
    }

    /** One known header name of a catalogue field. */
    public record CatalogueField(String field, String headerName, boolean required) {
    }
}
