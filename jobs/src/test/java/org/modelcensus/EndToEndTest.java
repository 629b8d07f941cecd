package org.modelcensus;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line end to end on the bundled sample: two runs of one snapshot and one of another leave the
 * warehouse with exactly two snapshots, each complete, and reading them back gives the census values.
 */
class EndToEndTest {

    private static final String SAMPLE = Fixtures.SAMPLE.toString();

    @TempDir
    Path work;

    @Test
    void rerunsReplaceTheirSnapshotAndKeepOthers() {
        String warehouse = work.resolve("warehouse").toString();
        assertEquals(0, census("--input", SAMPLE, "--warehouse", warehouse));
        assertEquals(0, census("--input", SAMPLE, "--warehouse", warehouse));
        assertEquals(0, census("--input", SAMPLE, "--warehouse", warehouse, "--snapshot-date", "2024-08-01", "--to", "2022"));

        SparkSession spark = SparkTestSupport.spark();
        Dataset<Row> models = spark.read().format("delta").load(warehouse + "/silver/models");
        assertEquals(List.of("2024-07-16:48", "2024-08-01:48"), countsBySnapshot(models));

        Dataset<Row> rejected = spark.read().format("delta").load(warehouse + "/silver/rejected_rows");
        assertEquals(List.of("2024-07-16:2", "2024-08-01:2"), countsBySnapshot(rejected));

        // The sample's models per year (2020-2023): 2, 6, 12, 21; the second snapshot's window ends in 2022.
        Dataset<Row> byYear = spark.read().format("delta").load(warehouse + "/gold/models_by_year");
        assertEquals(List.of("2024-07-16:2020:2", "2024-07-16:2021:6", "2024-07-16:2022:12", "2024-07-16:2023:21",
                        "2024-08-01:2020:2", "2024-08-01:2021:6", "2024-08-01:2022:12"),
                byYear.orderBy("snapshot_date", "release_year")
                        .selectExpr("concat_ws(':', cast(snapshot_date as string), release_year, models)")
                        .as(org.apache.spark.sql.Encoders.STRING()).collectAsList());

        Dataset<Row> ranking = spark.read().format("delta").load(warehouse + "/gold/country_ranking")
                .where("snapshot_date = '2024-07-16'").orderBy("rank", "country_code");
        assertEquals(List.of("USA:21:1", "CHN:7:2", "KOR:6:3"), ranking.limit(3)
                .selectExpr("concat_ws(':', country_code, models, rank)").as(org.apache.spark.sql.Encoders.STRING()).collectAsList());
    }

    private static List<String> countsBySnapshot(Dataset<Row> table) {
        return table.groupBy("snapshot_date").count().orderBy("snapshot_date")
                .selectExpr("concat(cast(snapshot_date as string), ':', count)")
                .as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
    }

    /** Runs the job; its report goes to the test's folder, not the checkout. */
    private int census(String... options) {
        List<String> args = new ArrayList<>(List.of(options));
        args.addAll(List.of("--report-dir", work.resolve("report").toString()));
        CensusTestKit.Outcome outcome = CensusTestKit.census(args.toArray(String[]::new));
        assertEquals("", outcome.err(), "stderr of census " + String.join(" ", args));
        return outcome.exitCode();
    }
}
