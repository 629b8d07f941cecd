package org.modelcensus.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.modelcensus.CensusTestKit.MODEL_A;
import static org.modelcensus.CensusTestKit.MODEL_B;
import static org.modelcensus.CensusTestKit.MODEL_C;
import static org.modelcensus.CensusTestKit.catalogue;
import static org.modelcensus.CensusTestKit.lastCensusRunsCommit;
import static org.modelcensus.CensusTestKit.census;
import static org.modelcensus.CensusTestKit.warehouse;
import static org.modelcensus.CensusTestKit.assertMentions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.plans.logical.GlobalLimit;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.rules.Rule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modelcensus.CensusTestKit;
import org.modelcensus.CensusTestKit.Outcome;
import org.modelcensus.SparkTestSupport;
import org.modelcensus.config.CensusOptions;
import org.modelcensus.report.ReportRenderer;
import org.modelcensus.write.Warehouse;

import scala.collection.JavaConverters;

/** census_runs records every run, failed ones too: input and its SHA-256, options, counts, rows written, versions. */
class RunAuditTest {

    @TempDir
    Path dir;

    @Test
    void recordsSucceededAndFailedRuns() throws Exception {
        String root = dir.resolve("warehouse").toString();
        Path good = catalogue(dir, "good.csv", MODEL_A, MODEL_B, MODEL_C, "Model D,2023-02-30,Language,Chat,Lab D,China,Industry,,,");
        Path latin1 = dir.resolve("latin1.csv");
        Files.write(latin1, (org.modelcensus.CensusTestKit.HEADER + "\nMod\u00e8le,2023-01-05,Language,Chat,Lab,France,Industry,,,\n")
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));

        // census_runs as an older version left it, without a column, with one run: Delta Kernel, which records runs
        // (RunLog), refuses to append to it, so Spark's Delta appends the next row, adding the column; Kernel the rest.
        RunAudit older = new RunAudit(CensusOptions.parse(new String[] {"--config", CensusTestKit.writeFile(dir, "empty.properties", "").toString(),
                "--warehouse", root, "--input", good.toString(), "--snapshot-date", "2024-07-15"}));
        older.record("failed", 1, "an older version's run").table(SparkTestSupport.spark()).drop("rows_excluded")
                .write().format("delta").save(Path.of(root, "audit", RunAudit.TABLE).toString());

        assertEquals(0, census(dir, good, root, "--snapshot-date", "2024-07-16", "--max-reject-share", "0.3", "--top-n", "2").exitCode());
        assertMentions(lastCensusRunsCommit(root), "\"engineInfo\":\"Apache-Spark");
        assertEquals(3, census(dir, good, root, "--snapshot-date", "2024-07-16").exitCode());
        assertMentions(lastCensusRunsCommit(root), "\"engineInfo\":\"Kernel-");
        assertEquals(2, census(dir, latin1, root, "--snapshot-date", "2024-07-17").exitCode());

        Warehouse warehouse = warehouse(root);
        List<Row> runs = warehouse.read(Warehouse.AUDIT, "census_runs").orElseThrow().orderBy("started_at").collectAsList();
        assertEquals(4, runs.size());
        assertEquals("failed", runs.get(0).getAs("status"));
        assertNull(runs.get(0).getAs("rows_excluded"), "the older version's run has no such column");
        runs = runs.subList(1, 4);

        Row succeeded = runs.get(0);
        assertEquals("succeeded", succeeded.getAs("status"));
        assertEquals(0, (int) succeeded.getAs("exit_code"));
        assertNull(succeeded.getAs("message"));
        assertEquals(good.toString(), succeeded.getAs("input_path"));
        assertEquals(sha256(good), succeeded.getAs("input_sha256"));
        assertEquals(Files.size(good), (long) succeeded.getAs("input_bytes"));
        assertEquals("2024-07-16", succeeded.getAs("snapshot_date").toString());
        assertEquals(List.of(4L, 3L, 1L), List.of(succeeded.<Long>getAs("rows_read"), succeeded.<Long>getAs("rows_accepted"),
                succeeded.<Long>getAs("rows_rejected")));
        Map<String, String> options = cast(succeeded.getJavaMap(succeeded.fieldIndex("options")));
        assertEquals("0.3", options.get("max-reject-share"));
        assertEquals("2", options.get("top-n"));
        Map<String, Long> written = cast(succeeded.getJavaMap(succeeded.fieldIndex("rows_written")));
        assertEquals(3L, written.get("silver.models"));
        assertEquals(1L, written.get("silver.rejected_rows"));
        assertEquals(warehouse.readSnapshot(Warehouse.GOLD, "models_by_year", java.time.LocalDate.of(2024, 7, 16)).orElseThrow().count(),
                written.get("gold.models_by_year"));
        assertEquals(18, written.keySet().stream().filter(k -> k.startsWith("gold.")).count(),
                "every gold table: the report's 13, compute_by_country_year and the 4 beyond the report: " + written);
        assertEquals("3.5.4", succeeded.getAs("spark_version"));
        assertEquals("3.3.2", succeeded.getAs("delta_version"));
        assertEquals("large_scale", succeeded.getAs("catalogue"), "no Notability criteria column");
        assertTrue(succeeded.getJavaMap(succeeded.fieldIndex("rows_excluded")).isEmpty(), "no --min-compute: nothing left out");
        assertFalse(succeeded.<Timestamp>getAs("ended_at").before(succeeded.<Timestamp>getAs("started_at")));

        Row gated = runs.get(1);
        assertEquals("quality_gate_failed", gated.getAs("status"));
        assertEquals(3, (int) gated.getAs("exit_code"));
        assertEquals(List.of(4L, 3L, 1L), List.of(gated.<Long>getAs("rows_read"), gated.<Long>getAs("rows_accepted"), gated.<Long>getAs("rows_rejected")));
        assertTrue(gated.getList(gated.fieldIndex("checks_failed")).toString().contains("rejected_share"));
        assertTrue(gated.getJavaMap(gated.fieldIndex("rows_written")).isEmpty(), "nothing written");

        Row refused = runs.get(2);
        assertEquals("bad_input", refused.getAs("status"));
        assertEquals(2, (int) refused.getAs("exit_code"));
        assertMentions(refused.getAs("message"), "is not UTF-8", "iconv");
        assertNull(refused.getAs("input_sha256"), "no fingerprint for an input that could not be read");
    }

    /**
     * A run that dies with an {@link Error} on the driver is recorded as failed, by the Error's class, and the command
     * ends as for any unexpected failure (exit code 1, one line). Here the driver "runs out of memory" where a real one
     * did at 10^7 models (docs/benchmarks.md): in the report, after every table was written, when it plans the query
     * of Table 2's first models.
     */
    @Test
    void recordsARunThatDiesWithAnError() throws Exception {
        String root = dir.resolve("warehouse").toString();
        Path good = catalogue(dir, "good.csv", MODEL_A, MODEL_B, MODEL_C);
        SparkSession spark = SparkTestSupport.spark();
        Thread census = Thread.currentThread();
        spark.experimental().extraOptimizations_$eq(JavaConverters.asScalaBuffer(List.<Rule<LogicalPlan>>of(new Rule<>() {
            @Override
            public LogicalPlan apply(LogicalPlan plan) {
                if (Thread.currentThread() == census && plan.find(node -> node instanceof GlobalLimit limit
                        && Integer.valueOf(ReportRenderer.LISTED_MODELS).equals(limit.limitExpr().eval(null))).isDefined()) {
                    throw new OutOfMemoryError("Java heap space");
                }
                return plan;
            }
        })).toSeq());
        Outcome outcome;
        try {
            outcome = census(dir, good, root, "--snapshot-date", "2024-07-16", "--report-dir", dir.resolve("report").toString());
        } finally {
            spark.experimental().extraOptimizations_$eq(JavaConverters.asScalaBuffer(List.<Rule<LogicalPlan>>of()).toSeq());
        }
        assertEquals(1, outcome.exitCode(), outcome.err());
        assertEquals(List.of("model-census: unexpected failure: java.lang.OutOfMemoryError: Java heap space (details in the log above)"),
                outcome.errLines());

        List<Row> runs = warehouse(root).read(Warehouse.AUDIT, "census_runs")
                .orElseThrow(() -> new AssertionError("no census_runs: the run was not recorded")).collectAsList();
        assertEquals(1, runs.size());
        Row failed = runs.get(0);
        assertEquals("failed", failed.getAs("status"));
        assertEquals(1, (int) failed.getAs("exit_code"));
        assertEquals("java.lang.OutOfMemoryError: Java heap space", failed.getAs("message"));
        assertEquals(List.of(3L, 3L, 0L), List.of(failed.<Long>getAs("rows_read"), failed.<Long>getAs("rows_accepted"),
                failed.<Long>getAs("rows_rejected")));
        assertEquals(3L, failed.getJavaMap(failed.fieldIndex("rows_written")).get("silver.models"), "the tables it wrote");
        assertFalse(Files.exists(dir.resolve("report").resolve("2024-07-16")), "no report page");
    }

    @SuppressWarnings("unchecked")
    private static <K, V> Map<K, V> cast(Map<?, ?> map) {
        return (Map<K, V>) map;
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
