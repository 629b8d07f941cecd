package org.modelcensus;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The census of the made-up sample catalogue (snapshot 2024-07-16, 48 accepted and 2 rejected records) with the
 * default options and --export-csv, as {@link RealCensus} is of the real snapshot: run once for the suite (both test
 * JVMs, see {@link Fixtures#sharedSetUp}), the first time a test asks, for the tests that need a stored census to
 * start from or to compare with (crash safety, concurrent runs, exports, enrichment re-runs). A test that writes into
 * the warehouse copies it first.
 */
public final class SampleCensus {

    public static final LocalDate SNAPSHOT = LocalDate.of(2024, 7, 16);
    private static final Path DIR = Fixtures.sharedFolder("sample-census");
    private static Map<String, List<String>> contents;

    private SampleCensus() {
    }

    /** The warehouse, with the census's tables of snapshot 2024-07-16. */
    public static synchronized Path warehouse() {
        if (contents == null) {
            Fixtures.sharedSetUp(DIR.getFileName().toString(), dir -> {
                CensusTestKit.Outcome census = CensusTestKit.census("--input", Fixtures.SAMPLE.toString(), "--warehouse",
                        dir.resolve("warehouse").toString(), "--export-csv", dir.resolve("export").toString());
                assertEquals(0, census.exitCode(), "census of the sample: " + census.err());
            });
            contents = CensusTestKit.snapshotContents(CensusTestKit.warehouse(DIR.resolve("warehouse").toString()), SNAPSHOT);
        }
        return DIR.resolve("warehouse");
    }

    /** The census's --export-csv folder. */
    public static Path exportDir() {
        warehouse();
        return DIR.resolve("export");
    }

    /** Every table's rows of the snapshot, as {@link CensusTestKit#snapshotContents} reads them; a copy to change. */
    public static Map<String, List<String>> contents() {
        warehouse();
        return new LinkedHashMap<>(contents);
    }

    /** A copy of the warehouse, for a test that writes into one. */
    public static Path copyWarehouse(Path target) {
        return CensusTestKit.copyTree(warehouse(), target);
    }
}
