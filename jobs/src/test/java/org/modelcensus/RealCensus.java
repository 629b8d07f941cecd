package org.modelcensus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.modelcensus.CensusTestKit.lines;
import static org.modelcensus.CensusTestKit.writeFile;

import java.nio.file.Path;

/**
 * The census of the bundled real snapshot with the default options, as scripts/run.sh runs it (with --export-csv and
 * a report), then its enrichment with the real hardware file and the report's 2023 investment of four countries.
 * Run once for the whole suite (both test JVMs, see {@link Fixtures#sharedSetUp}), the first time a test asks, and
 * shared by every test that only reads it (golden tables, exports, report, dictionary, enrichment, endpoint): a
 * census run is the suite's most expensive set-up. A test that writes into a warehouse copies it first
 * ({@link #copyWarehouse}).
 */
public final class RealCensus {

    private static final Path DIR = Fixtures.sharedFolder("real-census");
    private static final String INVESTMENT_FILE = "private-investment-in-artificial-intelligence.csv";
    private static CensusTestKit.Outcome census;
    private static CensusTestKit.Outcome enrichment;

    private RealCensus() {
    }

    /** What the census command printed (its summary) and returned. */
    public static synchronized CensusTestKit.Outcome census() {
        if (census == null) {
            Fixtures.sharedSetUp(DIR.getFileName().toString(), dir -> {
                CensusTestKit.Outcome run = CensusTestKit.census("--input", Fixtures.SNAPSHOT.toString(), "--warehouse",
                        warehouse().toString(), "--export-csv", exportDir().toString(), "--report-dir", reportDir().toString());
                assertEquals(0, run.exitCode(), "census of the real snapshot: " + run.err());
                run.save(dir, "census");
                CensusTestKit.Outcome enriched = CensusTestKit.enrich("--warehouse", warehouse().toString(), "--hardware",
                        Fixtures.HARDWARE.toString(), "--investment", writeInvestmentFile().toString());
                assertEquals(0, enriched.exitCode(), "enrichment of the real snapshot: " + enriched.err());
                enriched.save(dir, "enrichment");
            });
            census = CensusTestKit.Outcome.load(DIR, "census");
            enrichment = CensusTestKit.Outcome.load(DIR, "enrichment");
        }
        return census;
    }

    /** What the enrichment command printed and returned. */
    public static synchronized CensusTestKit.Outcome enrichment() {
        census();
        return enrichment;
    }

    /** The warehouse: the census's tables of snapshot 2024-07-16 and the enrichment's. */
    public static Path warehouse() {
        return DIR.resolve("warehouse");
    }

    /** The census's --export-csv folder (written before the enrichment). */
    public static Path exportDir() {
        return DIR.resolve("export");
    }

    /** The census's --report-dir: the page is 2024-07-16/index.html. */
    public static Path reportDir() {
        return DIR.resolve("report");
    }

    /**
     * The report's 2023 private AI investment of four countries (Stanford HAI via the report: KOR 1.39, USA 67.22,
     * CHN 7.76, GBR 3.78 billion USD) in Our World in Data's layout, with an aggregate (World) and a row without a code.
     */
    public static Path investmentFile() {
        census();
        return DIR.resolve(INVESTMENT_FILE);
    }

    private static Path writeInvestmentFile() {
        return writeFile(DIR, INVESTMENT_FILE, lines(
                "Entity,Code,Year,Total corporate investment - Private investment",
                "South Korea,KOR,2023,1390000000",
                "United States,USA,2023,67220000000",
                "China,CHN,2023,7760000000",
                "United Kingdom,GBR,2023,3780000000",
                "World,OWID_WRL,2023,95990000000",
                "Europe,,2023,11000000000"));
    }

    /** A copy of the shared warehouse, for a test that writes into one. */
    public static Path copyWarehouse(Path target) {
        census();
        return CensusTestKit.copyTree(warehouse(), target);
    }
}
