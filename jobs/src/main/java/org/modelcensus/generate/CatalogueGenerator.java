package org.modelcensus.generate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.modelcensus.CensusInputException;
import org.modelcensus.CensusJob;
import org.modelcensus.config.CommandLines;
import org.modelcensus.config.TextSource;
import org.modelcensus.reference.ReferenceData;
import org.modelcensus.spark.SparkSessions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The command line of scripts/generate.sh, and the catalogue generator: writes a synthetic Epoch-shaped catalogue of
 * N models, or hands over to {@link DealGenerator} (a deal-level investment set) or {@link HardwareListGenerator}
 * (a hardware list in Epoch's layout). Catalogue rows are built on the executors
 * from spark.range(N), each from hash(seed, row id) (see {@link RowSynthesizer}); the driver holds only the
 * profile of the like-catalogue. Same N, seed, like-catalogue and partitions: the same part files, byte for byte
 * (Spark's part file names carry a random id; their content does not).
 */
public final class CatalogueGenerator {

    private static final Logger LOG = LoggerFactory.getLogger(CatalogueGenerator.class);
    /** Default rows per part file: 10^6 models give 40 parts, so a multi-line CSV is still read in parallel. */
    static final long ROWS_PER_PART = 25_000;

    /** Output file format. */
    public enum Format { csv, parquet }

    /** The validated command line. */
    public record Settings(long models, long seed, String out, Format format, String like, int partitions,
                           boolean overwrite, String master) {
    }

    @Command(name = "generate", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Writes a synthetic catalogue of N models shaped like a real Epoch AI catalogue (--models),",
                    "a synthetic deal-level AI investment set (--deals), or a synthetic hardware list in Epoch AI's",
                    "ML hardware layout (--hardware) that covers the catalogue's training-hardware names."})
    static final class Options {

        @ArgGroup(exclusive = true, multiplicity = "1")
        What what;

        /** What to generate: exactly one. */
        static final class What {
            @Option(names = "--models", paramLabel = "N", required = true, description = "A catalogue of N models (rows).")
            Long models;

            @Option(names = "--deals", paramLabel = "N", required = true,
                    description = "An investment set of N deals: country_code, deal_date, amount_usd, sector.")
            Long deals;

            @Option(names = "--hardware", paramLabel = "N", required = true,
                    description = "A hardware list of N chips (one CSV file, Epoch's ML hardware header).")
            Integer hardware;
        }

        @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--out", paramLabel = "PATH", required = true,
                description = "Output folder of part files (--hardware: the CSV file).")
        String out;

        @Option(names = "--format", paramLabel = "csv|parquet",
                description = "Output format (default: csv for --models, parquet for --deals; --hardware is always csv).")
        String format;

        @Option(names = "--like", paramLabel = "CATALOGUE",
                description = "Catalogue to imitate, and whose training-hardware names --hardware lists (default: the real "
                        + "snapshot in ../shared if present, else the bundled sample).")
        String like;

        @Option(names = "--partitions", paramLabel = "P",
                description = "Part files (default: one per " + ROWS_PER_PART + " models, one per " + DealGenerator.ROWS_PER_PART
                        + " deals). Part of the seed: other P, other files.")
        Integer partitions;

        @Option(names = "--countries", paramLabel = "skewed|uniform",
                description = "--deals only: skewed (default: USA about half of the deals, the other countries of "
                        + "countries.csv a long tail) or uniform (every country alike).")
        String countries;

        @Option(names = "--unlisted-hardware", paramLabel = "K",
                description = "--hardware only: leave out the K least-used training-hardware names of the like-catalogue, "
                        + "so an enrichment has unmatched names to report (default: " + HardwareListGenerator.DEFAULT_UNLISTED + ").")
        Integer unlistedHardware;

        @Option(names = "--overwrite", description = "Replace PATH when it exists (default: refuse).")
        boolean overwrite;

        @Option(names = "--master", paramLabel = "URL", description = "Spark master (default: spark-submit's, else local[*]).")
        String master;

        Settings toSettings() {
            long models = what.models;
            if (models < 1) {
                throw new CensusInputException("--models must be 1 or more, got " + models + ".");
            }
            refuse("--countries", countries, "--deals");
            refuse("--unlisted-hardware", unlistedHardware, "--hardware");
            Format outputFormat = format(Format.csv);
            int parts = partitions(defaultPartitions(models));
            refuseExistingOut();
            return new Settings(models, seed, out, outputFormat, like, parts, overwrite, master);
        }

        DealGenerator.Settings toDealSettings() {
            long deals = what.deals;
            if (deals < 1) {
                throw new CensusInputException("--deals must be 1 or more, got " + deals + ".");
            }
            refuse("--like", like, "--models or --hardware");
            refuse("--unlisted-hardware", unlistedHardware, "--hardware");
            DealSynthesizer.CountryMix mix;
            try {
                mix = countries == null ? DealSynthesizer.CountryMix.skewed
                        : DealSynthesizer.CountryMix.valueOf(countries.trim().toLowerCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new CensusInputException("Unknown --countries '" + countries + "': use skewed or uniform.");
            }
            Format outputFormat = format(Format.parquet);
            int parts = partitions(DealGenerator.defaultPartitions(deals));
            refuseExistingOut();
            return new DealGenerator.Settings(deals, seed, out, outputFormat, mix, parts, overwrite);
        }

        HardwareListGenerator.Settings toHardwareSettings() {
            int chips = what.hardware;
            if (chips < 1) {
                throw new CensusInputException("--hardware must be 1 or more, got " + chips + ".");
            }
            refuse("--partitions", partitions, "--models or --deals");
            refuse("--countries", countries, "--deals");
            if (format(Format.csv) != Format.csv) {
                throw new CensusInputException("--format " + format + ": the hardware list is one CSV file, as Epoch's; leave --format out.");
            }
            refuseExistingOut();
            return new HardwareListGenerator.Settings(chips, seed, out, like,
                    unlistedHardware != null ? unlistedHardware : HardwareListGenerator.DEFAULT_UNLISTED, overwrite);
        }

        private Format format(Format otherwise) {
            if (format == null) {
                return otherwise;
            }
            try {
                return Format.valueOf(format.trim().toLowerCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new CensusInputException("Unknown --format '" + format + "': use csv or parquet.");
            }
        }

        private int partitions(int otherwise) {
            int parts = partitions != null ? partitions : otherwise;
            if (parts < 1) {
                throw new CensusInputException("--partitions must be 1 or more, got " + parts + ".");
            }
            return parts;
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

    private final SparkSession spark;

    public CatalogueGenerator(SparkSession spark) {
        this.spark = spark;
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        SparkSession spark = null;
        try {
            Options options = new Options();
            if (!CommandLines.parse(new CommandLine(options), args, System.out)) {
                return CensusJob.OK;
            }
            if (options.what.deals != null) {
                DealGenerator.Settings settings = options.toDealSettings();
                spark = SparkSessions.create(options.master);
                new DealGenerator(spark).write(settings);
            } else if (options.what.hardware != null) {
                HardwareListGenerator.Settings settings = options.toHardwareSettings();
                spark = SparkSessions.create(options.master);
                HardwareListGenerator.write(settings, new CatalogueGenerator(spark).profile(settings.like()));
            } else {
                Settings settings = options.toSettings();
                spark = SparkSessions.create(settings.master());
                new CatalogueGenerator(spark).write(settings);
            }
            return CensusJob.OK;
        } catch (CensusInputException e) {
            System.err.println("generate: " + e.getMessage());
            return CensusJob.BAD_INPUT;
        } catch (Exception e) {
            LOG.error("generation failed", e);
            System.err.println("generate: unexpected failure: " + e + " (details in the log above)");
            return CensusJob.FAILED;
        } finally {
            if (spark != null) {
                spark.stop();
            }
        }
    }

    /** One part per {@link #ROWS_PER_PART} models: a function of N alone, so the output does not depend on the machine. */
    public static int defaultPartitions(long models) {
        return (int) Math.min(100_000, Math.max(1, (models + ROWS_PER_PART - 1) / ROWS_PER_PART));
    }

    /** Reads the like-catalogue's profile (header, donor rows) with the census's header names. */
    public CatalogueProfile profile(String like) {
        List<ReferenceData.CatalogueField> fields = new ReferenceData(spark, TextSource.of(null, "conf/reference")).catalogueFields();
        return CatalogueProfile.read(spark, like != null ? like : CatalogueProfile.defaultLike(), fields);
    }

    /** The synthetic catalogue, not yet computed: every column a string named as in the like-catalogue's header. */
    public Dataset<Row> synthesize(CatalogueProfile profile, long models, long seed, int partitions) {
        StructType schema = DataTypes.createStructType(profile.header().stream()
                .map(name -> DataTypes.createStructField(name, DataTypes.StringType, true))
                .toArray(StructField[]::new));
        Broadcast<RowSynthesizer> synthesizer = JavaSparkContext.fromSparkContext(spark.sparkContext())
                .broadcast(new RowSynthesizer(profile, seed));
        return spark.range(0, models, 1, partitions).mapPartitions(RowSource.rowsOf(synthesizer), Encoders.row(schema));
    }

    public void write(Settings settings) {
        long started = System.nanoTime();
        CatalogueProfile profile = profile(settings.like());
        LOG.info("profile of {}: {} columns, {} donor rows", profile.source(), profile.header().size(), profile.donors().size());
        Dataset<Row> rows = synthesize(profile, settings.models(), settings.seed(), settings.partitions());
        SaveMode mode = settings.overwrite() ? SaveMode.Overwrite : SaveMode.ErrorIfExists;
        switch (settings.format()) {
            case csv -> rows.write().mode(mode)
                    .option("header", "true")
                    .option("quote", "\"")
                    .option("escape", "\"")
                    .option("encoding", "UTF-8")
                    // keep cells exactly as drawn (Spark's CSV writer trims by default)
                    .option("ignoreLeadingWhiteSpace", "false")
                    .option("ignoreTrailingWhiteSpace", "false")
                    .csv(settings.out());
            case parquet -> rows.write().mode(mode).parquet(settings.out());
        }
        LOG.info("generated {} models (seed {}, like {}) as {} in {} parts: {} in {}", settings.models(), settings.seed(),
                profile.source(), settings.format(), settings.partitions(), settings.out(),
                String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - started) / 1e9));
        System.out.println("generated " + settings.models() + " models: " + settings.out() + " (" + settings.format() + ", "
                + settings.partitions() + " parts)");
    }
}
