package org.modelcensus.config;

import org.modelcensus.read.CatalogueInput;
import org.modelcensus.write.CsvExporter;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every setting of one census run, validated. Built once by {@link CensusOptions} and passed down.
 *
 * @param sqlDir       folder holding staging/, silver/ and gold/ SQL files; null = the copy bundled in the jar
 * @param referenceDir folder holding the reference CSV files; null = the copy bundled in the jar
 * @param maxRejectShare largest share of rejected records (0..1) a run accepts before its quality gate stops it
 * @param reportDir    local folder the HTML report is written to, as {@code <reportDir>/<snapshot-date>/index.html};
 *                     null = no report
 * @param minCompute   --min-compute: the census counts only the models with at least this training compute (FLOP);
 *                     null = every model, with a compute figure or not
 * @param minGrowthModels fewest models with a compute figure a country needs for a row of compute_growth
 * @param force        recompute even when the input and options equal the last successful run's
 */
public record CensusConfig(
        String input,
        CatalogueInput.Format inputFormat,
        String warehouse,
        OutputFormat format,
        LocalDate snapshotDate,
        int fromYear,
        int toYear,
        String focusCountry,
        int topYear,
        int topN,
        int minOrgModels,
        String exportCsvDir,
        double maxRejectShare,
        String master,
        String sqlDir,
        String referenceDir,
        String reportDir,
        Double minCompute,
        int minGrowthModels,
        boolean force) {

    public enum OutputFormat { delta, parquet }

    /** The values the SQL files may reference as ${name}. */
    public Map<String, String> sqlParameters() {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("from_year", Integer.toString(fromYear));
        parameters.put("to_year", Integer.toString(toYear));
        parameters.put("focus_country", focusCountry);
        parameters.put("top_year", Integer.toString(topYear));
        parameters.put("top_n", Integer.toString(topN));
        parameters.put("min_org_models", Integer.toString(minOrgModels));
        parameters.put("snapshot_date", snapshotDate.toString());
        parameters.put("max_reject_share", Double.toString(maxRejectShare));
        // an SQL literal: null when --min-compute is not given (see sql/staging/stg_catalogue_scope.sql)
        parameters.put("min_compute_flop", minCompute == null ? "null" : Double.toString(minCompute));
        parameters.put("min_growth_models", Integer.toString(minGrowthModels));
        return parameters;
    }

    /** The settings as option name → value, as recorded in census_runs. */
    public Map<String, String> asOptions() {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("input", input);
        options.put("input-format", inputFormat.name());
        options.put("warehouse", warehouse);
        options.put("format", format.name());
        options.put("snapshot-date", snapshotDate == null ? null : snapshotDate.toString());
        options.put("from", Integer.toString(fromYear));
        options.put("to", Integer.toString(toYear));
        options.put("focus-country", focusCountry);
        options.put("top-year", Integer.toString(topYear));
        options.put("top-n", Integer.toString(topN));
        options.put("min-org-models", Integer.toString(minOrgModels));
        options.put("max-reject-share", Double.toString(maxRejectShare));
        options.put("export-csv", exportCsvDir);
        options.put("master", master);
        options.put("sql-dir", sqlDir);
        options.put("reference-dir", referenceDir);
        options.put("report-dir", reportDir);
        options.put("min-compute", minCompute == null ? null : CsvExporter.formatNumber(minCompute));
        options.put("min-growth-models", Integer.toString(minGrowthModels));
        return options;
    }

    /** The same settings, with the question "is anything new?" already answered yes: the run counts (as --force). */
    public CensusConfig counting() {
        return new CensusConfig(input, inputFormat, warehouse, format, snapshotDate, fromYear, toYear, focusCountry, topYear, topN,
                minOrgModels, exportCsvDir, maxRejectShare, master, sqlDir, referenceDir, reportDir, minCompute, minGrowthModels, true);
    }

    /** The same settings filed under another snapshot date. */
    public CensusConfig withSnapshotDate(LocalDate date) {
        return new CensusConfig(input, inputFormat, warehouse, format, date, fromYear, toYear, focusCountry, topYear, topN, minOrgModels,
                exportCsvDir, maxRejectShare, master, sqlDir, referenceDir, reportDir, minCompute, minGrowthModels, force);
    }
}
