package org.modelcensus.generate;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.percentile_approx;
import static org.apache.spark.sql.functions.year;
import static org.modelcensus.CensusTestKit.assertRefused;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.modelcensus.CensusTestKit;
import org.modelcensus.Fixtures;
import org.modelcensus.SparkTestSupport;
import org.modelcensus.generate.CatalogueGenerator.Format;
import org.modelcensus.generate.DealSynthesizer.CountryMix;
import org.modelcensus.generate.HardwareListGenerator.HardwareList;
import org.modelcensus.transform.CensusFunctions;

/**
 * The enrichment's synthetic inputs: the deal-level investment set (columns, types, determinism, the skew of real AI
 * investment or none) and the hardware list (Epoch's header, covering the synthetic catalogue's hardware names but
 * the ones left out on purpose).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DealAndHardwareGeneratorTest {

    /** The real snapshot: what the generator imitates by default. */
    private static final String LIKE = Fixtures.SNAPSHOT.toString();
    private static final long DEALS = 100_000;

    @TempDir
    static Path work;

    private SparkSession spark;
    private DealGenerator deals;
    private CatalogueProfile profile;
    private List<String> countryCodes;

    @BeforeAll
    void setUp() {
        spark = SparkTestSupport.spark();
        deals = new DealGenerator(spark);
        profile = new CatalogueGenerator(spark).profile(LIKE);
        countryCodes = deals.countryCodes();
    }

    @Test
    void countryCodesAreThoseOfTheReferenceDataUsaFirst() {
        assertEquals("USA", countryCodes.get(0));
        assertEquals(new HashSet<>(countryCodes).size(), countryCodes.size(), "distinct");
        assertEquals(62, countryCodes.size());
        assertTrue(countryCodes.containsAll(List.of("CHN", "KOR", "GBR", "DEU")));
    }

    @Test
    void dealsHaveTheColumnsTypesAndCount() {
        Dataset<Row> synthetic = deals.synthesize(20_000, 1, CountryMix.skewed, 3);
        assertEquals(List.of("country_code", "deal_date", "amount_usd", "sector"), List.of(synthetic.columns()));
        assertEquals(List.of(DataTypes.StringType, DataTypes.DateType, DataTypes.DoubleType, DataTypes.StringType),
                List.of(synthetic.schema().fields()).stream().map(StructField::dataType).toList());
        assertEquals(20_000, synthetic.count());

        Path parquet = work.resolve("deals-parquet");
        DealGenerator.Summary summary = deals.write(new DealGenerator.Settings(20_000, 1, parquet.toString(), Format.parquet,
                CountryMix.skewed, 3, false));
        Dataset<Row> back = spark.read().parquet(parquet.toString());
        assertEquals(synthetic.schema().simpleString(), back.schema().simpleString());
        assertEquals(20_000, back.count());
        assertEquals(20_000, summary.deals());
        assertEquals("USA", summary.largestCountry());
        double usa = back.filter(col("country_code").equalTo("USA")).count() / 20_000.0;
        assertEquals(usa, summary.largestShare(), 1e-12);

        Path csv = work.resolve("deals-csv");
        deals.write(new DealGenerator.Settings(2_000, 1, csv.toString(), Format.csv, CountryMix.skewed, 2, false));
        Dataset<Row> csvBack = spark.read().option("header", "true").option("inferSchema", "true").csv(csv.toString());
        assertEquals(List.of("country_code", "deal_date", "amount_usd", "sector"), List.of(csvBack.columns()));
        assertEquals(DataTypes.DateType, csvBack.schema().apply("deal_date").dataType());
        assertEquals(DataTypes.DoubleType, csvBack.schema().apply("amount_usd").dataType());
        assertEquals(2_000, csvBack.count());
    }

    @Test
    void sameSeedSameDealsOtherSeedOtherDeals() {
        List<Row> first = deals.synthesize(5_000, 7, CountryMix.skewed, 3).collectAsList();
        List<Row> again = deals.synthesize(5_000, 7, CountryMix.skewed, 3).collectAsList();
        List<Row> repartitioned = deals.synthesize(5_000, 7, CountryMix.skewed, 5).collectAsList();
        List<Row> otherSeed = deals.synthesize(5_000, 8, CountryMix.skewed, 3).collectAsList();
        assertEquals(first, again);
        assertEquals(first, repartitioned);
        long sameAmounts = 0;
        for (int i = 0; i < first.size(); i++) {
            sameAmounts += first.get(i).getDouble(2) == otherSeed.get(i).getDouble(2) ? 1 : 0;
        }
        assertTrue(sameAmounts < first.size() / 100, "amounts of seed 7 and 8 agree on " + sameAmounts + " deals");
    }

    @Test
    void skewedDealsGiveTheUsaAboutHalfAndALongTail() {
        Dataset<Row> synthetic = deals.synthesize(DEALS, 3, CountryMix.skewed, 4).cache();
        Map<String, Double> shares = countryShares(synthetic);
        assertEquals(0.5, shares.get("USA"), 0.01, "USA share");
        double second = shares.entrySet().stream().filter(e -> !e.getKey().equals("USA")).mapToDouble(Map.Entry::getValue).max().orElseThrow();
        assertEquals(0.5 / harmonic(countryCodes.size() - 1), shares.get("CHN"), 0.005, "CHN, the first of the tail");
        assertEquals(shares.get("CHN"), second, 1e-12, "CHN is the second largest");
        assertTrue(shares.size() >= 55, "long tail: " + shares.size() + " countries have deals");
        assertTrue(countryCodes.containsAll(shares.keySet()), "only codes of countries.csv: " + shares.keySet());

        Row dates = synthetic.agg(min("deal_date"), max("deal_date"), countDistinct(year(col("deal_date")))).first();
        assertTrue(!dates.getDate(0).before(Date.valueOf("2013-01-01")), "first date " + dates.getDate(0));
        assertTrue(!dates.getDate(1).after(Date.valueOf("2024-12-31")), "last date " + dates.getDate(1));
        assertEquals(12, dates.getLong(2), "years 2013-2024");

        Row amounts = synthetic.agg(min("amount_usd"), avg("amount_usd"),
                percentile_approx(col("amount_usd"), lit(0.5), lit(10_000)),
                percentile_approx(col("amount_usd"), lit(0.99), lit(10_000))).first();
        double median = amounts.getDouble(2);
        assertTrue(amounts.getDouble(0) >= 1_000, "smallest deal " + amounts.getDouble(0));
        assertEquals(DealSynthesizer.MEDIAN_AMOUNT_USD, median, 0.05 * DealSynthesizer.MEDIAN_AMOUNT_USD, "median deal");
        // log-normal, sigma 1.8: mean = 5 x median, 99th percentile = 66 x median
        assertTrue(amounts.getDouble(1) > 3 * median, "heavy tail: mean " + amounts.getDouble(1) + ", median " + median);
        assertTrue(amounts.getDouble(3) > 30 * median, "heavy tail: 99th percentile " + amounts.getDouble(3));
        assertEquals(DealSynthesizer.SECTORS.size(), synthetic.select("sector").distinct().count());
        synthetic.unpersist();
    }

    @Test
    void uniformDealsSpreadEvenlyOverTheCountries() {
        Map<String, Double> shares = countryShares(deals.synthesize(DEALS, 3, CountryMix.uniform, 4));
        double even = 1.0 / countryCodes.size();
        assertEquals(countryCodes.size(), shares.size());
        shares.forEach((code, share) -> assertEquals(even, share, 0.25 * even, code + " share"));
    }

    @Test
    void hardwareHeaderIsTheHeaderOfEpochsFile() throws IOException {
        Path out = work.resolve("hardware-header.csv");
        HardwareListGenerator.write(new HardwareListGenerator.Settings(100, 1, out.toString(), LIKE, 2, false), profile);
        String realHeader = Files.readAllLines(Fixtures.HARDWARE, StandardCharsets.UTF_8).get(0);
        String header = Files.readAllLines(out, StandardCharsets.UTF_8).get(0);
        assertEquals(realHeader, header);
        assertEquals(31, HardwareListGenerator.HEADER.size());
        Dataset<Row> back = spark.read().option("header", "true").option("multiLine", "true").option("escape", "\"")
                .csv(out.toString());
        assertEquals(List.of(spark.read().option("header", "true").option("multiLine", "true").option("escape", "\"")
                .csv(Fixtures.HARDWARE.toString()).columns()), List.of(back.columns()));
        assertEquals(100, back.count());
    }

    @Test
    void hardwareListCoversTheCatalogueNamesButTheUnlisted() {
        HardwareList list = HardwareListGenerator.build(profile, 500, 1, 2);
        // the two least-used of the real snapshot's 17 names (one donor row each), first by name
        assertEquals(List.of("Google TPU v4i", "NVIDIA A100 PCIe"), list.unlistedNames());
        assertEquals(17, list.catalogueNames().size());
        assertEquals(500, list.rows().size());
        Set<String> listed = new HashSet<>();
        for (String[] chip : list.rows()) {
            listed.add(chip[0]);
        }
        assertEquals(500, listed.size(), "chip names are unique");

        int hardwareColumn = profile.columnOf("training_hardware");
        Set<String> used = new HashSet<>();
        for (Row model : new CatalogueGenerator(spark).synthesize(profile, 20_000, 1, 4).select(col("`Training hardware`")).collectAsList()) {
            used.addAll(CensusFunctions.splitList(model.getString(0)));
        }
        assertEquals(new HashSet<>(list.catalogueNames()), used, "the catalogue uses every name of its like-catalogue");
        assertTrue(hardwareColumn > 0);
        for (String name : used) {
            assertEquals(!list.unlistedNames().contains(name), listed.contains(name), name);
        }
        assertFalse(listed.contains("NVIDIA A100 PCIe"));
        assertTrue(listed.contains("NVIDIA H100 SXM5"));
    }

    @Test
    void everyChipHasAPeakAndTheFiguresAreNumbers() {
        HardwareList list = HardwareListGenerator.build(profile, 2_000, 1, 2);
        int name = HardwareListGenerator.HEADER.indexOf("Hardware name");
        int tensor = HardwareListGenerator.HEADER.indexOf("Tensor-FP16/BF16 performance (FLOP/s)");
        int fp32 = HardwareListGenerator.HEADER.indexOf("FP32 (single precision) performance (FLOP/s)");
        int release = HardwareListGenerator.HEADER.indexOf("Release date");
        int withTensor = 0;
        for (String[] chip : list.rows()) {
            assertTrue(chip[tensor] != null || chip[fp32] != null, chip[name] + " has no peak");
            if (chip[tensor] != null) {
                withTensor++;
                assertTrue(Double.parseDouble(chip[tensor]) >= 1e12 && Double.parseDouble(chip[tensor]) <= 1e17, chip[tensor]);
                if (chip[fp32] != null) {
                    assertTrue(Double.parseDouble(chip[tensor]) > Double.parseDouble(chip[fp32]), chip[name]);
                }
            }
            assertTrue(chip[release].matches("20(1[4-9]|2[0-5])-\\d\\d-\\d\\d"), chip[release]);
            assertNull(chip[HardwareListGenerator.HEADER.indexOf("INT4 performance (OP/s)")]);
        }
        assertEquals(0.85, withTensor / 2_000.0, 0.03, "share of chips with a tensor figure");
        assertEquals("989400000000000.0", HardwareListGenerator.figure(9.8943e14));
    }

    @Test
    void sameSeedSameHardwareFileOtherSeedOtherFigures() throws IOException {
        Path first = work.resolve("hardware-1.csv");
        Path again = work.resolve("hardware-2.csv");
        Path otherSeed = work.resolve("hardware-3.csv");
        HardwareListGenerator.write(new HardwareListGenerator.Settings(300, 5, first.toString(), LIKE, 2, false), profile);
        HardwareListGenerator.write(new HardwareListGenerator.Settings(300, 5, again.toString(), LIKE, 2, false), profile);
        HardwareListGenerator.write(new HardwareListGenerator.Settings(300, 6, otherSeed.toString(), LIKE, 2, false), profile);
        assertArrayEquals(Files.readAllBytes(first), Files.readAllBytes(again));
        assertNotEquals(Files.readString(first), Files.readString(otherSeed));
    }

    @Test
    void optionsThatDoNotApplyOrConflictAreRefused() {
        String out = work.resolve("refused").toString();
        assertRefused(generate("--models", "5", "--deals", "5", "--out", out), "mutually exclusive");
        assertRefused(generate("--out", out), "--models", "--deals", "--chips");
        assertRefused(generate("--deals", "5", "--out", out, "--like", LIKE), "--like", "--models or --chips");
        assertRefused(generate("--deals", "5", "--out", out, "--countries", "zipf"), "--countries", "'zipf'");
        assertRefused(generate("--chips", "5", "--out", out, "--format", "parquet"), "--format", "one CSV file");
        assertRefused(generate("--models", "5", "--out", out, "--countries", "uniform"), "--countries", "--deals");
        assertRefused(generate("--models", "5", "--out", out, "--unlisted-hardware", "1"), "--unlisted-hardware", "--chips");
        assertRefused(generate("--hardware", "5", "--out", out), "--hardware");
        assertFalse(Files.exists(Path.of(out)));
    }

    private static CensusTestKit.Outcome generate(String... args) {
        List<String> all = new ArrayList<>(List.of("generate"));
        all.addAll(List.of(args));
        return CensusTestKit.run(all.toArray(String[]::new));
    }

    private static Map<String, Double> countryShares(Dataset<Row> synthetic) {
        Map<String, Double> shares = new HashMap<>();
        long total = synthetic.count();
        for (Row row : synthetic.groupBy("country_code").agg(count(lit(1))).collectAsList()) {
            shares.put(row.getString(0), row.getLong(1) / (double) total);
        }
        return shares;
    }

    private static double harmonic(int n) {
        double sum = 0;
        for (int i = 1; i <= n; i++) {
            sum += 1.0 / i;
        }
        return sum;
    }
}
