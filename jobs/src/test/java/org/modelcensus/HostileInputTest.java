package org.modelcensus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.modelcensus.CensusTestKit.assertRefused;
import static org.modelcensus.CensusTestKit.assertMentions;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.modelcensus.write.Warehouse;

/**
 * The hostile-input corpus (jobs/src/test/resources/hostile/, see its README): every file ends the run, with
 * exit 0 and every record accounted for (read = accepted + rejected), or exit 2 and a one-line message. The
 * timeout only guards against a hang; it is far above any run's time.
 */
class HostileInputTest {


    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    @CsvSource(delimiter = '|', textBlock = """
            truncated_quoted_field.csv  | 48 | 1 | malformed CSV record
            one_megabyte_field.csv      | 49 | 0 |
            five_thousand_columns.csv   | 48 | 0 |
            impossible_date.csv         | 48 | 1 | no valid ISO publication date: '2023-02-30'
            """)
    void readsWithEveryRecordAccountedFor(String file, long accepted, long rejected, String reason) {
        String root = dir.resolve("warehouse").toString();

        CensusTestKit.Outcome outcome = CensusTestKit.census(dir, Fixtures.HOSTILE.resolve(file), root, "--snapshot-date", "2024-07-16");

        assertEquals(0, outcome.exitCode(), outcome.err());
        Row run = CensusTestKit.warehouse(root).read(Warehouse.AUDIT, "census_runs").orElseThrow().first();
        assertEquals(List.of(accepted + rejected, accepted, rejected),
                List.of(run.<Long>getAs("rows_read"), run.<Long>getAs("rows_accepted"), run.<Long>getAs("rows_rejected")));
        List<Row> rejectedRows = CensusTestKit.warehouse(root).read(Warehouse.SILVER, "rejected_rows").orElseThrow().collectAsList();
        assertEquals(rejected, rejectedRows.size());
        if (reason != null) {
            assertMentions(rejectedRows.get(0).getAs("reason"), reason);
        }
    }

    @ParameterizedTest(name = "{0}")
    @Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    @CsvSource(delimiter = '|', textBlock = """
            binary_garbage.csv          | is not UTF-8 text
            latin1_encoded.csv          | is not UTF-8 text: byte 0xD7 at offset 5998 (line 16)
            euc_kr_encoded.csv          | is not UTF-8 text
            header_only.csv             | has a header but no model rows
            duplicated_header_names.csv | 'Domain' more than once
            """)
    void refusesWithAClearMessage(String file, String message) {
        assertRefused(CensusTestKit.census(dir, Fixtures.HOSTILE.resolve(file), dir.resolve("warehouse").toString()), file, message);
    }
}
