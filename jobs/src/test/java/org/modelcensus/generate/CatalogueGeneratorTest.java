package org.modelcensus.generate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.countDistinct;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.modelcensus.Fixtures;
import org.modelcensus.SparkTestSupport;
import org.modelcensus.generate.CatalogueGenerator.Format;
import org.modelcensus.generate.CatalogueGenerator.Settings;
import org.modelcensus.transform.CensusFunctions;

/** The synthetic catalogue is deterministic for a seed, unique by name and shaped like its like-catalogue. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CatalogueGeneratorTest {

    /** The real snapshot: what the generator imitates by default. */
    private static final String LIKE = Fixtures.SNAPSHOT.toString();
    private static final long MODELS = 20_000;

    @TempDir
    static Path work;

    private SparkSession spark;
    private CatalogueGenerator generator;
    private CatalogueProfile profile;

    @BeforeAll
    void setUp() {
        spark = SparkTestSupport.spark();
        generator = new CatalogueGenerator(spark);
        profile = generator.profile(LIKE);
    }

    @Test
    void profileKeepsTheLikeCatalogueHeaderAndRows() {
        assertEquals("System", profile.header().get(0), "the July-2024 vintage's name of the model column");
        assertEquals(28, profile.header().size());
        assertEquals(192, profile.donors().size());
        assertEquals(0, profile.columnOf("model"));
        assertTrue(profile.columnOf("country") > 0);
    }

    @Test
    void sameSeedSameRowsOtherSeedOtherRows() {
        List<Row> first = generator.synthesize(profile, 2_000, 7, 3).collectAsList();
        List<Row> again = generator.synthesize(profile, 2_000, 7, 3).collectAsList();
        // a different partitioning builds the same rows: each row depends on (seed, id) only
        List<Row> repartitioned = generator.synthesize(profile, 2_000, 7, 5).collectAsList();
        List<Row> otherSeed = generator.synthesize(profile, 2_000, 8, 3).collectAsList();
        assertEquals(first, again);
        assertEquals(first, repartitioned);
        assertNotEquals(first, otherSeed);
        // publication dates spread over the donors' ~190 dates: two seeds agree on few rows
        int date = profile.columnOf("publication_date");
        long sameCells = 0;
        for (int i = 0; i < first.size(); i++) {
            sameCells += first.get(i).getString(date).equals(otherSeed.get(i).getString(date)) ? 1 : 0;
        }
        assertTrue(sameCells < first.size() / 10, "publication dates of seed 7 and 8 agree on " + sameCells + " rows");
    }

    @Test
    void rowCountAndUniqueNames() {
        Dataset<Row> rows = generator.synthesize(profile, MODELS, 1, 4);
        assertEquals(MODELS, rows.count());
        assertEquals(MODELS, rows.agg(countDistinct(col(profile.header().get(profile.columnOf("model"))))).first().getLong(0));
    }

    @Test
    void labelFrequenciesFollowTheProfile() {
        List<Row> rows = generator.synthesize(profile, MODELS, 3, 4).collectAsList();
        for (String field : List.of("country", "domain", "organization", "task")) {
            int column = profile.columnOf(field);
            Map<String, Double> expected = labelShares(profile.donors().stream().map(d -> d[column]).toList());
            Map<String, Double> actual = labelShares(rows.stream().map(r -> r.getString(column)).toList());
            assertEquals(expected.keySet(), actual.keySet(), field + " labels");
            expected.forEach((label, share) -> assertEquals(share, actual.get(label), 0.015, field + " '" + label + "' share"));
        }
        int date = profile.columnOf("publication_date");
        Map<String, Double> expectedYears = labelShares(profile.donors().stream().map(d -> year(d[date])).toList());
        Map<String, Double> actualYears = labelShares(rows.stream().map(r -> year(r.getString(date))).toList());
        expectedYears.forEach((year, share) -> assertEquals(share, actualYears.get(year), 0.015, "year " + year + " share"));
        int abstractColumn = profile.header().indexOf("Abstract");
        assertTrue(rows.stream().anyMatch(r -> r.getString(abstractColumn) != null && r.getString(abstractColumn).contains("\n")),
                "some abstracts span several lines");
    }

    @Test
    void csvPartsAreByteIdenticalForASeedAndReadBack() throws IOException {
        Path first = work.resolve("first");
        Path second = work.resolve("second");
        generator.write(new Settings(5_000, 11, first.toString(), Format.csv, LIKE, 2, false, null));
        generator.write(new Settings(5_000, 11, second.toString(), Format.csv, LIKE, 2, false, null));
        List<byte[]> firstParts = parts(first, ".csv");
        List<byte[]> secondParts = parts(second, ".csv");
        assertEquals(2, firstParts.size());
        for (int i = 0; i < firstParts.size(); i++) {
            assertArrayEquals(firstParts.get(i), secondParts.get(i), "part " + i);
        }
        // multi-line abstracts are quoted: Spark's multi-line CSV reader finds every row and the same header
        Dataset<Row> back = SparkTestSupport.readCsv(first);
        assertEquals(5_000, back.count());
        assertEquals(profile.header(), List.of(back.columns()));
    }

    @Test
    void parquetKeepsTheHeaderNamesWithSpacesAndParentheses() {
        Path out = work.resolve("parquet");
        generator.write(new Settings(1_000, 5, out.toString(), Format.parquet, LIKE, 2, false, null));
        Dataset<Row> back = spark.read().parquet(out.toString());
        assertEquals(profile.header(), List.of(back.columns()));
        assertTrue(profile.header().contains("Training compute (FLOP)"));
        assertEquals(1_000, back.count());
        assertEquals(generator.synthesize(profile, 1_000, 5, 2).collectAsList(), sortedById(back));
    }

    private static List<Row> sortedById(Dataset<Row> rows) {
        List<Row> all = new ArrayList<>(rows.collectAsList());
        all.sort((a, b) -> Long.compare(id(a.getString(0)), id(b.getString(0))));
        return all;
    }

    private static long id(String model) {
        return Long.parseLong(model.substring(model.lastIndexOf('#') + 1));
    }

    private static List<byte[]> parts(Path dir, String suffix) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> sorted = files.filter(f -> f.getFileName().toString().startsWith("part-") && f.toString().endsWith(suffix))
                    .sorted().toList();
            List<byte[]> bytes = new ArrayList<>();
            for (Path file : sorted) {
                bytes.add(Files.readAllBytes(file));
            }
            return bytes;
        }
    }

    /** Share of rows that list each label (the census's list rule), over all rows. */
    private static Map<String, Double> labelShares(List<String> cells) {
        Map<String, Double> shares = new TreeMap<>();
        for (String cell : cells) {
            for (String label : CensusFunctions.splitList(cell)) {
                shares.merge(label, 1.0 / cells.size(), Double::sum);
            }
        }
        return shares;
    }

    private static String year(String date) {
        return date == null || date.length() < 4 ? "" : date.substring(0, 4);
    }
}
