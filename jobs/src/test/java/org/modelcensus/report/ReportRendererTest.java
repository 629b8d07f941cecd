package org.modelcensus.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.modelcensus.SparkTestSupport;

/** What the page collects from Spark: a list of models cut to its first rows, in the table's order, with its full count. */
class ReportRendererTest {

    @Test
    void aLongListIsCutToItsFirstRowsInOrderAndCounted() {
        Dataset<Row> models = SparkTestSupport.spark().sql(
                "select * from values (2021, 'E'), (2020, 'B'), (2023, 'A'), (2020, 'A'), (2022, 'C') as t(release_year, model) "
                        + "order by release_year, model");

        ReportRenderer.Listed cut = ReportRenderer.first(models, 3);
        ReportRenderer.Listed whole = ReportRenderer.first(models, 5);

        assertEquals(List.of("2020 A", "2020 B", "2021 E"), cut.rows().stream().map(r -> r.count("release_year") + " " + r.text("model")).toList());
        assertEquals(5, cut.total());
        assertEquals(5, whole.rows().size());
        assertEquals(5, whole.total());
    }
}
