package org.modelcensus.census;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.modelcensus.CensusTestKit.MODEL_A;
import static org.modelcensus.CensusTestKit.MODEL_B;
import static org.modelcensus.CensusTestKit.MODEL_C;
import static org.modelcensus.CensusTestKit.assertMentions;
import static org.modelcensus.CensusTestKit.catalogue;
import static org.modelcensus.CensusTestKit.lastCensusRunsCommit;
import static org.modelcensus.CensusTestKit.census;
import static org.modelcensus.CensusTestKit.warehouse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modelcensus.CensusTestKit.Outcome;
import org.modelcensus.audit.RunAudit;
import org.modelcensus.config.CensusOptions;
import org.modelcensus.read.CatalogueInput;
import org.modelcensus.read.InputFingerprint;
import org.modelcensus.spark.SparkSessions;
import org.modelcensus.write.Warehouse;

/**
 * A scheduled run whose input bytes and options equal the last successful run's is recorded as skipped and rewrites
 * nothing; --force or a changed input count again (options are compared as the same map, RunAudit.LastSuccess). On a Delta warehouse the skip is decided and
 * recorded before any Spark session (Delta Kernel); on a Parquet one, by the census's session.
 */
class UnchangedRunTest {

    private static final String MODEL_D = "Model D,2023-03-01,Language,Chat,Lab D,China,Industry,,5e23,";

    @TempDir
    Path dir;

    @Test
    void anUnchangedRunIsSkippedWithoutSparkAndAnyChangeCountsAgain() throws IOException {
        String root = dir.resolve("warehouse").toString();
        Path input = catalogue(dir, "catalogue.csv", MODEL_A, MODEL_B, MODEL_C);
        String[] options = {"--snapshot-date", "2024-07-16", "--max-reject-share", "0.5"};
        assertEquals(0, census(dir, input, root, options).exitCode());
        Map<String, Long> tables = filesOutsideCensusRuns(root);

        // Ten unchanged runs: the tenth census_runs commit gets a checkpoint (by Kernel), which Spark then reads.
        for (int i = 0; i < 10; i++) {
            Outcome skipped = census(dir, input, root, options);
            assertEquals(0, skipped.exitCode(), skipped.err());
            assertMentions(skipped.out(), "input and options unchanged since run", "--force recomputes");
            assertTrue(lastCensusRunsCommit(root).contains("\"engineInfo\":\"Kernel-"), "recorded by Delta Kernel, no Spark job: " + lastCensusRunsCommit(root));
        }
        assertTrue(Files.exists(Path.of(root, "audit/census_runs/_delta_log/00000000000000000010.checkpoint.parquet")));
        assertEquals(tables, filesOutsideCensusRuns(root), "nothing but census_runs is written by a skipped run");

        List<Row> runs = runs(root);
        assertEquals(11, runs.size());
        Row first = runs.get(0);
        assertEquals("succeeded", first.getAs("status"));
        for (Row skipped : runs.subList(1, runs.size())) {
            assertEquals("skipped", skipped.getAs("status"));
            assertEquals(0, (int) skipped.getAs("exit_code"));
            assertMentions(skipped.getAs("message"), "unchanged since run " + first.getAs("run_id"));
            assertEquals(input.toString(), skipped.getAs("input_path"));
            assertEquals(first.<String>getAs("input_sha256"), skipped.getAs("input_sha256"));
            assertEquals(Files.size(input), (long) skipped.getAs("input_bytes"));
            assertEquals("2024-07-16", skipped.getAs("snapshot_date").toString());
            assertEquals(first.getJavaMap(first.fieldIndex("options")), skipped.getJavaMap(skipped.fieldIndex("options")));
            assertNull(skipped.getAs("rows_read"), "nothing read");
            assertTrue(skipped.getJavaMap(skipped.fieldIndex("rows_written")).isEmpty(), "nothing written");
            assertTrue(skipped.getList(skipped.fieldIndex("checks_failed")).isEmpty());
            assertEquals("3.5.4", skipped.getAs("spark_version"));
            assertEquals("3.3.2", skipped.getAs("delta_version"));
            assertFalse(skipped.<Timestamp>getAs("ended_at").before(skipped.<Timestamp>getAs("started_at")));
            assertTrue(skipped.<Timestamp>getAs("started_at").after(first.<Timestamp>getAs("ended_at")));
        }

        // --force recomputes, after Kernel's commits and checkpoint.
        Outcome forced = census(dir, input, root, append(options, "--force"));
        assertEquals(0, forced.exitCode(), forced.err());
        assertMentions(forced.out(), "3 records = 3 accepted + 0 rejected");
        assertEquals(List.of("succeeded"), statuses(runs(root).subList(11, 12)));
        // Recorded by Kernel too: Spark's Delta would first rebuild the state Kernel's commits leave without a .crc.
        assertTrue(lastCensusRunsCommit(root).contains("\"engineInfo\":\"Kernel-"), "the census's own row by Kernel: " + lastCensusRunsCommit(root));

        // A model more: the input changed, so the census counts it; then unchanged again, against that run.
        Path grown = catalogue(dir, "catalogue.csv", MODEL_A, MODEL_B, MODEL_C, MODEL_D);
        // Told before the session, by the input's hash (the options are the census kit's): the census is handed that
        // hash rather than reading the input a second time for it.
        UnchangedRun.Decision decision = UnchangedRun.decide(CensusOptions.parse(
                append(new String[] {"--config", dir.resolve("empty.properties").toString(), "--warehouse", root,
                        "--input", grown.toString(), "--report-dir", ""}, options)));
        assertNull(decision.skipped(), "the bytes changed: counted");
        InputFingerprint grownHash = InputFingerprint.of(CatalogueInput.locate(grown.toString(), CatalogueInput.Format.auto,
                SparkSessions.hadoopConfiguration()), SparkSessions.hadoopConfiguration());
        assertEquals(grownHash, decision.input());
        Outcome counted = census(dir, grown, root, options);
        assertMentions(counted.out(), "4 records = 4 accepted + 0 rejected");
        Outcome skipped = census(dir, grown, root, options);
        List<Row> all = runs(root);
        assertEquals(List.of("succeeded", "succeeded", "skipped"), statuses(all.subList(11, 14)));
        assertEquals(grownHash.sha256(), all.get(12).getAs("input_sha256"));
        assertMentions(skipped.out(), "unchanged since run " + all.get(12).getAs("run_id"));
    }

    @Test
    void theSameInputWithOtherOptionsCountsAgain() {
        Map<String, String> options = new java.util.LinkedHashMap<>();
        options.put("top-n", "10");
        options.put("export-csv", null);
        RunAudit.LastSuccess last = new RunAudit.LastSuccess("run-1", java.time.Instant.EPOCH, "ab12", options);
        assertTrue(last.unchanged(new InputFingerprint("ab12", 10, 1), new java.util.HashMap<>(options)));
        assertFalse(last.unchanged(new InputFingerprint("ab13", 10, 1), options), "other bytes");
        assertFalse(last.unchanged(new InputFingerprint("ab12", 10, 1), Map.of("top-n", "3")), "another option");
        Map<String, String> more = new java.util.HashMap<>(options);
        more.put("min-compute", "1e24");
        assertFalse(last.unchanged(new InputFingerprint("ab12", 10, 1), more), "an option more");
    }

    @Test
    void aParquetWarehouseIsToldByTheCensusItself() {
        String root = dir.resolve("parquet-warehouse").toString();
        Path input = catalogue(dir, "catalogue.csv", MODEL_A, MODEL_C);
        String[] options = {"--snapshot-date", "2024-07-16", "--format", "parquet"};
        assertEquals(0, census(dir, input, root, options).exitCode());
        Outcome skipped = census(dir, input, root, options);
        assertEquals(0, skipped.exitCode(), skipped.err());
        assertMentions(skipped.out(), "input and options unchanged since run");
        assertEquals(List.of("succeeded", "skipped"), statuses(runs(root)));
    }

    private static List<Row> runs(String root) {
        return warehouse(root).read(Warehouse.AUDIT, "census_runs").orElseThrow().orderBy("started_at").collectAsList();
    }

    private static List<String> statuses(List<Row> runs) {
        return runs.stream().map(run -> run.<String>getAs("status")).toList();
    }

    private static String[] append(String[] options, String... more) {
        return Stream.concat(Stream.of(options), Stream.of(more)).toArray(String[]::new);
    }

    /** Every file of the warehouse but census_runs', with its size and modification time. */
    private static Map<String, Long> filesOutsideCensusRuns(String root) throws IOException {
        Map<String, Long> files = new TreeMap<>();
        Path census = Path.of(root, "audit", "census_runs");
        try (Stream<Path> all = Files.walk(Path.of(root))) {
            for (Path file : all.filter(Files::isRegularFile).filter(p -> !p.startsWith(census)).toList()) {
                files.put(root + "/" + Path.of(root).relativize(file), Files.size(file) * 31 + Files.getLastModifiedTime(file).toMillis());
            }
        }
        return files;
    }
}
