package org.modelcensus.generate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.desc;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.to_date;

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
import org.apache.spark.sql.types.StructType;
import org.modelcensus.config.TextSource;
import org.modelcensus.generate.CatalogueGenerator.Format;
import org.modelcensus.generate.DealSynthesizer.CountryMix;
import org.modelcensus.reference.ReferenceData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a synthetic deal-level AI investment set of N deals (scripts/generate.sh --deals N): columns
 * {@code country_code} (ISO alpha-3), {@code deal_date} (date), {@code amount_usd} (double), {@code sector}.
 * Built on the executors from spark.range(N) as the catalogue is, each deal from hash(seed, id)
 * ({@link DealSynthesizer}); the countries are those of conf/reference/countries.csv.
 */
public final class DealGenerator {

    private static final Logger LOG = LoggerFactory.getLogger(DealGenerator.class);
    /** Default rows per part file: 10^7 deals give 40 parts. */
    static final long ROWS_PER_PART = 250_000;

    /** The validated command line of a deal set. */
    public record Settings(long deals, long seed, String out, Format format, CountryMix countries, int partitions,
                           boolean overwrite) {
    }

    /** The largest country's share of the deals written, measured on the written files. */
    public record Summary(long deals, String largestCountry, double largestShare) {
    }

    private static final StructType DRAWN = DataTypes.createStructType(List.of(
            DataTypes.createStructField("country_code", DataTypes.StringType, false),
            DataTypes.createStructField("day", DataTypes.IntegerType, false),
            DataTypes.createStructField("amount_usd", DataTypes.DoubleType, false),
            DataTypes.createStructField("sector", DataTypes.StringType, false)));

    private final SparkSession spark;

    public DealGenerator(SparkSession spark) {
        this.spark = spark;
    }

    public static int defaultPartitions(long deals) {
        return (int) Math.min(100_000, Math.max(1, (deals + ROWS_PER_PART - 1) / ROWS_PER_PART));
    }

    /** The country codes deals are drawn from: those of the bundled countries.csv, USA first. */
    public List<String> countryCodes() {
        return new ReferenceData(spark, TextSource.of(null, "conf/reference")).countryCodes();
    }

    /** The deals, not yet computed, in id order. */
    public Dataset<Row> synthesize(long deals, long seed, CountryMix countries, int partitions) {
        Broadcast<DealSynthesizer> synthesizer = JavaSparkContext.fromSparkContext(spark.sparkContext())
                .broadcast(new DealSynthesizer(countryCodes(), countries, seed));
        // the executors draw a day number; Spark turns it into a date, so no JVM time zone is involved
        return spark.range(0, deals, 1, partitions)
                .mapPartitions(RowSource.rowsOf(synthesizer), Encoders.row(DRAWN))
                .select(col("country_code"),
                        date_add(to_date(lit(DealSynthesizer.FIRST_DAY.toString())), col("day")).as("deal_date"),
                        col("amount_usd"),
                        col("sector"));
    }

    public Summary write(Settings settings) {
        long started = System.nanoTime();
        Dataset<Row> deals = synthesize(settings.deals(), settings.seed(), settings.countries(), settings.partitions());
        SaveMode mode = settings.overwrite() ? SaveMode.Overwrite : SaveMode.ErrorIfExists;
        switch (settings.format()) {
            case csv -> deals.write().mode(mode).option("header", "true").option("encoding", "UTF-8").csv(settings.out());
            case parquet -> deals.write().mode(mode).parquet(settings.out());
        }
        Summary summary = largestCountry(settings);
        LOG.info("generated {} deals (seed {}, {} countries) as {} in {} parts: {} in {}", settings.deals(), settings.seed(),
                settings.countries(), settings.format(), settings.partitions(), settings.out(),
                String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - started) / 1e9));
        System.out.println("generated " + settings.deals() + " deals: " + settings.out() + " (" + settings.format() + ", "
                + settings.partitions() + " parts, " + settings.countries() + " countries)");
        System.out.println(String.format(Locale.ROOT, "largest country: %s, %.2f %% of %d deals",
                summary.largestCountry(), 100 * summary.largestShare(), summary.deals()));
        return summary;
    }

    /** Reads the written deals back: a check of the files, and the figure a skew benchmark reports. */
    private Summary largestCountry(Settings settings) {
        Dataset<Row> written = settings.format() == Format.parquet
                ? spark.read().parquet(settings.out())
                : spark.read().option("header", "true").csv(settings.out());
        // one row per country: a few dozen
        List<Row> perCountry = written.groupBy("country_code").agg(count(lit(1)).as("deals"))
                .orderBy(desc("deals"), col("country_code")).collectAsList();
        long total = perCountry.stream().mapToLong(r -> r.getLong(1)).sum();
        Row largest = perCountry.get(0);
        return new Summary(total, largest.getString(0), largest.getLong(1) / (double) total);
    }
}
