package org.modelcensus.generate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.modelcensus.CensusInputException;
import org.modelcensus.CensusJob;
import org.modelcensus.config.TextSource;
import org.modelcensus.reference.ReferenceData;
import org.modelcensus.spark.SparkSessions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Writes a synthetic Epoch-shaped catalogue of N models (scripts/generate.sh). Rows are built on the executors
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
            description = "Writes a synthetic catalogue of N models shaped like a real Epoch AI catalogue.")
    static final class Options {

        @Option(names = "--models", paramLabel = "N", required = true, description = "Models (rows) to generate.")
        long models;

        @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--out", paramLabel = "PATH", required = true, description = "Output folder of part files.")
        String out;

        @Option(names = "--format", paramLabel = "csv|parquet", defaultValue = "csv", description = "Output format (default: ${DEFAULT-VALUE}).")
        String format;

        @Option(names = "--like", paramLabel = "CATALOGUE",
                description = "Catalogue to imitate (default: the real snapshot in ../shared if present, else the bundled sample).")
        String like;

        @Option(names = "--partitions", paramLabel = "P",
                description = "Part files (default: one per " + ROWS_PER_PART + " models). Part of the seed: other P, other files.")
        Integer partitions;

        @Option(names = "--overwrite", description = "Replace PATH when it exists (default: refuse).")
        boolean overwrite;

        @Option(names = "--master", paramLabel = "URL", description = "Spark master (default: spark-submit's, else local[*]).")
        String master;

        Settings toSettings() {
            if (models < 1) {
                throw new CensusInputException("--models must be 1 or more, got " + models + ".");
            }
            Format outputFormat;
            try {
                outputFormat = Format.valueOf(format.trim().toLowerCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new CensusInputException("Unknown --format '" + format + "': use csv or parquet.");
            }
            int parts = partitions != null ? partitions : defaultPartitions(models);
            if (parts < 1) {
                throw new CensusInputException("--partitions must be 1 or more, got " + parts + ".");
            }
            if (!overwrite && Files.exists(Path.of(out))) {
                throw new CensusInputException("--out " + out + " exists: remove it or give --overwrite.");
            }
            return new Settings(models, seed, out, outputFormat, like, parts, overwrite, master);
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
            CommandLine commandLine = new CommandLine(options);
            try {
                commandLine.parseArgs(args);
            } catch (CommandLine.ParameterException e) {
                throw new CensusInputException(e.getMessage() + " (see --help)");
            }
            if (commandLine.isUsageHelpRequested() || commandLine.isVersionHelpRequested()) {
                commandLine.usage(System.out);
                return CensusJob.OK;
            }
            Settings settings = options.toSettings();
            spark = SparkSessions.create(settings.master());
            new CatalogueGenerator(spark).write(settings);
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
        return spark.range(0, models, 1, partitions).mapPartitions(new BuildRows(synthesizer), Encoders.row(schema));
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

    /** Builds a partition's rows from its row ids, on the executor. */
    private record BuildRows(Broadcast<RowSynthesizer> synthesizer) implements MapPartitionsFunction<Long, Row> {

        @Override
        public Iterator<Row> call(Iterator<Long> ids) {
            RowSynthesizer rows = synthesizer.value();
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return ids.hasNext();
                }

                @Override
                public Row next() {
                    return RowFactory.create((Object[]) rows.row(ids.next()));
                }
            };
        }
    }
}
