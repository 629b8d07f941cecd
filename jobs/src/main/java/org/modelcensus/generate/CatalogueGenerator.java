package org.modelcensus.generate;

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
import org.modelcensus.errors.CensusInputException;
import org.modelcensus.config.TextSource;
import org.modelcensus.reference.ReferenceData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;


/**
 * The catalogue generator (the {@code generate --models} command): writes a synthetic Epoch-shaped catalogue of N
 * models ({@link DealGenerator} writes deal-level investment sets, {@link HardwareListGenerator} hardware lists). Catalogue rows are built on the executors
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

    private final SparkSession spark;

    public CatalogueGenerator(SparkSession spark) {
        this.spark = spark;
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
