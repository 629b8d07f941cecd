package org.modelcensus.config;

import static org.modelcensus.config.CensusOptions.blankToNull;

import java.util.Locale;

import org.modelcensus.errors.CensusInputException;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options of the enrichment (the {@code enrich} command, scripts/enrich.sh). */
public final class EnrichOptions {

    @Mixin
    WarehouseOptions job = new WarehouseOptions();

    @Mixin
    SqlSourceOptions sources = new SqlSourceOptions();

    @Option(names = "--snapshot-date", paramLabel = "YYYY-MM-DD", description = "Census snapshot to enrich (default: the latest stored).")
    String snapshotDate;

    @Option(names = "--hardware", paramLabel = "FILE",
            description = "ML hardware file in Epoch AI's format (Hardware name, Manufacturer, Release date, performance columns).")
    String hardware;

    @Option(names = "--utilization", paramLabel = "SHARE", defaultValue = "0.4",
            description = "Share of peak FLOP/s a training run achieves, for chip_hours (default: ${DEFAULT-VALUE}).")
    double utilization;

    @Option(names = "--investment", paramLabel = "PATH", description = "Investment table: a CSV file, a folder of CSV parts, or Parquet.")
    String investment;

    @Option(names = "--investment-format", paramLabel = "auto|owid|csv|parquet", defaultValue = "auto",
            description = "Format of --investment (default: ${DEFAULT-VALUE}: Parquet for *.parquet or a folder of them, else CSV, "
                    + "read in Our World in Data's layout when it has the columns Entity, Code and Year).")
    String investmentFormat;

    @Option(names = "--investment-country-column", paramLabel = "NAME",
            description = "Column with the country: an ISO 3166-1 alpha-3 code or a name of conf/reference/countries.csv (OWID: Code).")
    String countryColumn;

    @Option(names = "--investment-country-name-column", paramLabel = "NAME",
            description = "Column with a country name for countries the reference data does not name (OWID: Entity).")
    String countryNameColumn;

    @Option(names = "--investment-year-column", paramLabel = "NAME", description = "Column with the year (OWID: Year).")
    String yearColumn;

    @Option(names = "--investment-date-column", paramLabel = "NAME", description = "Column with a date, when there is no year column (deal-level data).")
    String dateColumn;

    @Option(names = "--investment-amount-column", paramLabel = "NAME",
            description = "Column with the amount (OWID: the one column besides Entity, Code and Year).")
    String amountColumn;

    @Option(names = "--investment-amount-scale", paramLabel = "FACTOR", defaultValue = "1",
            description = "Multiplier from the amount column to USD, e.g. 1000000 for millions (default: ${DEFAULT-VALUE}).")
    double amountScale;

    /** The validated settings; a value the user can fix is refused with what to do. */
    public EnrichConfig toConfig() {
        String hardwareFile = blankToNull(hardware);
        String investmentPath = blankToNull(investment);
        if (hardwareFile == null && investmentPath == null) {
            throw new CensusInputException("Nothing to join: give --hardware FILE, --investment PATH or both (see --help).");
        }
        if (!(utilization > 0 && utilization <= 1)) {
            throw new CensusInputException("--utilization must be a share above 0 and at most 1 (for example 0.4), got " + utilization + ".");
        }
        if (!(amountScale > 0) || Double.isInfinite(amountScale)) {
            throw new CensusInputException("--investment-amount-scale must be a positive number (1 for USD, 1000000 for millions), got "
                    + amountScale + ".");
        }
        EnrichConfig.InvestmentFormat format;
        try {
            format = EnrichConfig.InvestmentFormat.valueOf(investmentFormat.trim().toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new CensusInputException("Unknown --investment-format '" + investmentFormat + "': use auto, owid, csv or parquet.");
        }
        if (blankToNull(yearColumn) != null && blankToNull(dateColumn) != null) {
            throw new CensusInputException("Give --investment-year-column or --investment-date-column, not both.");
        }
        return new EnrichConfig(job.warehouse(), CensusOptions.parseSnapshotDate(snapshotDate), hardwareFile, utilization, investmentPath, format,
                new EnrichConfig.InvestmentColumns(blankToNull(countryColumn), blankToNull(countryNameColumn), blankToNull(yearColumn),
                        blankToNull(dateColumn), blankToNull(amountColumn)),
                amountScale, job.master(), sources.sqlDir(), sources.referenceDir());
    }
}
