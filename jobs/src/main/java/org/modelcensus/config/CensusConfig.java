package org.modelcensus.config;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every setting of one census run, validated. Built once by {@link CensusOptions} and passed down.
 *
 * @param sqlDir       folder holding staging/, silver/ and gold/ SQL files; null = the copy bundled in the jar
 * @param referenceDir folder holding the reference CSV files; null = the copy bundled in the jar
 */
public record CensusConfig(
        String input,
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
        String master,
        String sqlDir,
        String referenceDir) {

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
        return parameters;
    }
}
