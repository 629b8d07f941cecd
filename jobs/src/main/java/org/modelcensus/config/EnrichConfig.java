package org.modelcensus.config;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every setting of one enrichment run (scripts/enrich.sh), validated by {@link EnrichOptions}.
 *
 * @param snapshotDate census snapshot to enrich; null = the latest one stored
 * @param hardware     hardware file in Epoch AI's ML hardware format; null = no hardware tables
 * @param investment   investment table; null = no investment table
 * @param investmentColumns which columns of the investment table hold what
 */
public record EnrichConfig(
        String warehouse,
        LocalDate snapshotDate,
        String hardware,
        double utilization,
        String investment,
        InvestmentFormat investmentFormat,
        InvestmentColumns investmentColumns,
        double amountScale,
        String master,
        String sqlDir,
        String referenceDir) {

    /** owid: Our World in Data's layout (Entity, Code, Year, one value column), read as CSV. */
    public enum InvestmentFormat { auto, owid, csv, parquet }

    /** Column names of the investment table; null = not given (OWID defaults apply when the layout is OWID's). */
    public record InvestmentColumns(String country, String countryName, String year, String date, String amount) {
    }

    /** The values the SQL files may reference as ${name}. */
    public Map<String, String> sqlParameters() {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("utilization", Double.toString(utilization));
        parameters.put("amount_scale", Double.toString(amountScale));
        parameters.put("snapshot_date", snapshotDate == null ? "" : snapshotDate.toString());
        return parameters;
    }

    public EnrichConfig withSnapshotDate(LocalDate date) {
        return new EnrichConfig(warehouse, date, hardware, utilization, investment, investmentFormat, investmentColumns, amountScale,
                master, sqlDir, referenceDir);
    }
}
