package org.modelcensus.enrich;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.modelcensus.errors.CensusInputException;
import org.modelcensus.config.EnrichConfig;
import org.modelcensus.config.EnrichConfig.InvestmentColumns;
import org.modelcensus.config.EnrichConfig.InvestmentFormat;

/**
 * Reads a country-year (or deal-level) investment table and registers the view investment_source (country,
 * country_name, year, deal_date, amount) that sql/staging/stg_investment_records.sql starts from. Our World in Data's layout
 * ({@code Entity, Code, Year, <value>}) needs no column options; any other CSV or Parquet names its columns with
 * the --investment-*-column options. Values are parsed in SQL, where a bad one is counted, not fatal.
 */
public final class InvestmentReader {

    /** The SQL input of the investment table: country, country_name, year, deal_date, amount as given. */
    public static final String VIEW = "investment_source";

    static final String OWID_ENTITY = "Entity";
    static final String OWID_CODE = "Code";
    static final String OWID_YEAR = "Year";

    private final SparkSession spark;

    public InvestmentReader(SparkSession spark) {
        this.spark = spark;
    }

    /** @return how the table was read, for the log */
    public String register(EnrichConfig config) {
        String path = config.investment();
        Inputs.requireExists(spark, path, "--investment");
        InvestmentFormat format = config.investmentFormat();
        boolean parquet = format == InvestmentFormat.parquet || format == InvestmentFormat.auto && Inputs.isParquet(spark, path);
        Dataset<Row> raw = parquet
                ? spark.read().parquet(path)
                : spark.read().option("header", "true").option("escape", "\"").csv(path);
        List<String> header = Arrays.asList(raw.columns());
        boolean owidLayout = header.containsAll(List.of(OWID_ENTITY, OWID_CODE, OWID_YEAR));
        if (format == InvestmentFormat.owid && !owidLayout) {
            throw new CensusInputException("Investment table " + path + " is not in Our World in Data's layout: it needs the columns "
                    + OWID_ENTITY + ", " + OWID_CODE + " and " + OWID_YEAR + "; its columns are " + header + ".");
        }
        InvestmentColumns columns = owidLayout ? owidDefaults(path, header, config.investmentColumns()) : config.investmentColumns();
        List<String> missingOptions = new ArrayList<>();
        if (columns.country() == null) {
            missingOptions.add("--investment-country-column");
        }
        if (columns.amount() == null) {
            missingOptions.add("--investment-amount-column");
        }
        if (columns.year() == null && columns.date() == null) {
            missingOptions.add("--investment-year-column or --investment-date-column");
        }
        if (!missingOptions.isEmpty()) {
            throw new CensusInputException("Investment table " + path + " is not in Our World in Data's layout (" + OWID_ENTITY + ", "
                    + OWID_CODE + ", " + OWID_YEAR + ", value): name its columns with " + String.join(", ", missingOptions)
                    + ". Its columns are " + header + ".");
        }
        raw.select(
                        column(path, header, "--investment-country-column", columns.country()).cast("string").as("country"),
                        column(path, header, "--investment-country-name-column", columns.countryName()).cast("string").as("country_name"),
                        column(path, header, "--investment-year-column", columns.year()).as("year"),
                        column(path, header, "--investment-date-column", columns.date()).as("deal_date"),
                        column(path, header, "--investment-amount-column", columns.amount()).as("amount"))
                .createOrReplaceTempView(VIEW);
        return (parquet ? "Parquet" : "CSV") + (owidLayout ? " in OWID layout" : "") + ": country " + columns.country()
                + ", year " + (columns.year() != null ? columns.year() : "of " + columns.date()) + ", amount " + columns.amount();
    }

    /** OWID's columns, each unless given by an option; the amount is the one column besides Entity, Code and Year. */
    private static InvestmentColumns owidDefaults(String path, List<String> header, InvestmentColumns given) {
        String amount = given.amount();
        if (amount == null) {
            List<String> values = header.stream().filter(c -> !List.of(OWID_ENTITY, OWID_CODE, OWID_YEAR).contains(c)).toList();
            if (values.size() != 1) {
                throw new CensusInputException("Investment table " + path + " in Our World in Data's layout has " + values.size()
                        + " value columns " + values + ": choose one with --investment-amount-column.");
            }
            amount = values.get(0);
        }
        return new InvestmentColumns(
                given.country() != null ? given.country() : OWID_CODE,
                given.countryName() != null ? given.countryName() : OWID_ENTITY,
                given.year() != null || given.date() != null ? given.year() : OWID_YEAR,
                given.date(),
                amount);
    }

    private static Column column(String path, List<String> header, String option, String name) {
        if (name == null) {
            return lit(null);
        }
        if (!header.contains(name)) {
            throw new CensusInputException("Investment table " + path + " has no column '" + name + "' (given by " + option
                    + "); its columns are " + header + ".");
        }
        return col("`" + name + "`");
    }
}
