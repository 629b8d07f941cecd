package org.modelcensus.generate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.modelcensus.config.SparkOptions;
import org.modelcensus.errors.CensusInputException;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options of the {@code generate} command (scripts/generate.sh): what to generate (--models, --deals or --chips,
 * exactly one) and how, validated into the settings of {@link CatalogueGenerator}, {@link DealGenerator} or
 * {@link HardwareListGenerator}. An option that does not apply to what is generated is refused.
 */
public final class GenerateOptions {

    @ArgGroup(exclusive = true, multiplicity = "1")
    What what;

    /** What to generate: exactly one. */
    public static final class What {
        @Option(names = "--models", paramLabel = "N", required = true, description = "A catalogue of N models (rows).")
        Long models;

        @Option(names = "--deals", paramLabel = "N", required = true,
                description = "An investment set of N deals: country_code, deal_date, amount_usd, sector.")
        Long deals;

        @Option(names = "--chips", paramLabel = "N", required = true,
                description = "A hardware list of N chips (one CSV file, Epoch's ML hardware header).")
        Integer chips;
    }

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", paramLabel = "PATH", required = true,
            description = "Output folder of part files (--chips: the CSV file).")
    String out;

    @Option(names = "--format", paramLabel = "csv|parquet",
            description = "Output format (default: csv for --models, parquet for --deals; --chips is always csv).")
    String format;

    @Option(names = "--like", paramLabel = "CATALOGUE",
            description = "Catalogue to imitate, and whose training-hardware names --chips lists (default: the real "
                    + "snapshot, " + CatalogueProfile.DEFAULT_LIKE + ").")
    String like;

    @Option(names = "--partitions", paramLabel = "P",
            description = "Part files (default: one per " + CatalogueGenerator.ROWS_PER_PART + " models, one per " + DealGenerator.ROWS_PER_PART
                    + " deals). Part of the seed: other P, other files.")
    Integer partitions;

    @Option(names = "--countries", paramLabel = "skewed|uniform",
            description = "--deals only: skewed (default: USA about half of the deals, the other countries of "
                    + "countries.csv a long tail) or uniform (every country alike).")
    String countries;

    @Option(names = "--unlisted-hardware", paramLabel = "K",
            description = "--chips only: leave out the K least-used training-hardware names of the like-catalogue, "
                    + "so an enrichment has unmatched names to report (default: " + HardwareListGenerator.DEFAULT_UNLISTED + ").")
    Integer unlistedHardware;

    @Option(names = "--overwrite", description = "Replace PATH when it exists (default: refuse).")
    boolean overwrite;

    @Mixin
    SparkOptions spark = new SparkOptions();

    /** What the options ask for. */
    public enum Kind { models, deals, chips }

    public Kind kind() {
        return what.deals != null ? Kind.deals : what.chips != null ? Kind.chips : Kind.models;
    }

    /** The --master option; null when not given. */
    public String master() {
        return spark.master();
    }

    public CatalogueGenerator.Settings toSettings() {
        long models = atLeastOne("--models", what.models);
        refuse("--countries", countries, "--deals");
        refuse("--unlisted-hardware", unlistedHardware, "--chips");
        CatalogueGenerator.Format outputFormat = format(CatalogueGenerator.Format.csv);
        int parts = partitions(CatalogueGenerator.defaultPartitions(models));
        refuseExistingOut();
        return new CatalogueGenerator.Settings(models, seed, out, outputFormat, like, parts, overwrite, spark.master());
    }

    public DealGenerator.Settings toDealSettings() {
        long deals = atLeastOne("--deals", what.deals);
        refuse("--like", like, "--models or --chips");
        refuse("--unlisted-hardware", unlistedHardware, "--chips");
        DealSynthesizer.CountryMix mix;
        try {
            mix = countries == null ? DealSynthesizer.CountryMix.skewed
                    : DealSynthesizer.CountryMix.valueOf(countries.trim().toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new CensusInputException("Unknown --countries '" + countries + "': use skewed or uniform.");
        }
        CatalogueGenerator.Format outputFormat = format(CatalogueGenerator.Format.parquet);
        int parts = partitions(DealGenerator.defaultPartitions(deals));
        refuseExistingOut();
        return new DealGenerator.Settings(deals, seed, out, outputFormat, mix, parts, overwrite);
    }

    public HardwareListGenerator.Settings toHardwareSettings() {
        int chips = (int) atLeastOne("--chips", what.chips);
        refuse("--partitions", partitions, "--models or --deals");
        refuse("--countries", countries, "--deals");
        if (format(CatalogueGenerator.Format.csv) != CatalogueGenerator.Format.csv) {
            throw new CensusInputException("--format " + format + ": the hardware list is one CSV file, as Epoch's; leave --format out.");
        }
        refuseExistingOut();
        return new HardwareListGenerator.Settings(chips, seed, out, like,
                unlistedHardware != null ? unlistedHardware : HardwareListGenerator.DEFAULT_UNLISTED, overwrite);
    }

    private CatalogueGenerator.Format format(CatalogueGenerator.Format otherwise) {
        if (format == null) {
            return otherwise;
        }
        try {
            return CatalogueGenerator.Format.valueOf(format.trim().toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new CensusInputException("Unknown --format '" + format + "': use csv or parquet.");
        }
    }

    private int partitions(int otherwise) {
        return (int) atLeastOne("--partitions", partitions != null ? partitions : otherwise);
    }

    private static long atLeastOne(String option, long value) {
        if (value < 1) {
            throw new CensusInputException(option + " must be 1 or more, got " + value + ".");
        }
        return value;
    }

    private void refuseExistingOut() {
        if (!overwrite && Files.exists(Path.of(out))) {
            throw new CensusInputException("--out " + out + " exists: remove it or give --overwrite.");
        }
    }

    /** An option that does not apply is an error, not silently ignored. */
    private static void refuse(String option, Object value, String appliesTo) {
        if (value != null) {
            throw new CensusInputException(option + " applies to " + appliesTo + " only: leave it out.");
        }
    }
}
