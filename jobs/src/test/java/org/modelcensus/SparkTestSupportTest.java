package org.modelcensus;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.modelcensus.CensusTestKit.table;
import static org.modelcensus.SparkTestSupport.assertSameRows;
import static org.modelcensus.SparkTestSupport.assertSameTable;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** The shared DataFrame assertions fail when they should: a test that cannot fail proves nothing. */
class SparkTestSupportTest {

    private static final String HEADER = "country_code | models";

    private static Dataset<Row> usaThenKorea() {
        return table(HEADER, "USA | 3", "KOR | 1");
    }

    @Test
    void equalTablesPass() {
        assertDoesNotThrow(() -> assertSameTable(usaThenKorea(), usaThenKorea()));
        assertDoesNotThrow(() -> assertSameRows(usaThenKorea(), usaThenKorea()));
    }

    @Test
    void sameRowsInAnotherOrderPassAssertSameRowsOnly() {
        Dataset<Row> koreaThenUsa = table(HEADER, "KOR | 1", "USA | 3");

        assertDoesNotThrow(() -> assertSameRows(usaThenKorea(), koreaThenUsa));
        assertThrows(AssertionError.class, () -> assertSameTable(usaThenKorea(), koreaThenUsa));
    }

    @Test
    void aDifferentCellFailsBoth() {
        Dataset<Row> otherCount = table(HEADER, "USA | 3", "KOR | 2");

        assertThrows(AssertionError.class, () -> assertSameRows(usaThenKorea(), otherCount));
        assertThrows(AssertionError.class, () -> assertSameTable(usaThenKorea(), otherCount));
    }

    @Test
    void aMissingRowFailsBoth() {
        Dataset<Row> usaOnly = table(HEADER, "USA | 3");

        assertThrows(AssertionError.class, () -> assertSameRows(usaThenKorea(), usaOnly));
        assertThrows(AssertionError.class, () -> assertSameTable(usaThenKorea(), usaOnly));
    }

    @Test
    void aNullInsteadOfAValueFailsBoth() {
        Dataset<Row> nullCount = table(HEADER, "USA | 3", "KOR |");

        assertThrows(AssertionError.class, () -> assertSameRows(usaThenKorea(), nullCount));
        assertThrows(AssertionError.class, () -> assertSameTable(usaThenKorea(), nullCount));
    }

    @Test
    void aRepeatedRowFailsAssertSameTable() {
        Dataset<Row> usaTwice = table(HEADER, "USA | 3", "USA | 3", "KOR | 1");

        assertThrows(AssertionError.class, () -> assertSameTable(usaThenKorea(), usaTwice));
    }

    @Test
    void aRepeatedRowFailsAssertSameRows() {
        Dataset<Row> usaTwice = table(HEADER, "USA | 3", "USA | 3", "KOR | 1");

        assertThrows(AssertionError.class, () -> assertSameRows(usaThenKorea(), usaTwice));
    }
}
