package org.modelcensus.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.file.Path;
import java.util.List;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.execution.datasources.HadoopFsRelation;
import org.apache.spark.sql.execution.datasources.LogicalRelation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modelcensus.SparkTestSupport;

import scala.PartialFunction$;
import scala.collection.JavaConverters;
import scala.runtime.AbstractFunction1;

/**
 * The read-only sessions' read of small Delta tables from the files their log lists (the SQL endpoint's tests check it
 * end to end over JDBC, on the real snapshot's tables): the rows Delta's reader gives, at the version the statement was
 * analysed with, with the relation's own attribute ids; what Delta must read is left to it.
 */
class LoggedFilesReadTest {

    private final SparkSession spark = SparkTestSupport.spark();

    @TempDir
    Path dir;

    @Test
    void aSmallTableIsReadFromTheFilesOfItsVersion() {
        String table = dir.resolve("t").toString();
        write(table, "2024-07-16", 3, "overwrite");
        write(table, "2024-08-01", 2, "append");
        // a re-run of 2024-07-16: its files are replaced (removed in the log, still on disk)
        spark.sql("select id, date'2024-07-16' as snapshot_date from range(10, 14)").write().format("delta").mode("overwrite")
                .option("replaceWhere", "snapshot_date = '2024-07-16'").save(table);

        Dataset<Row> latest = spark.read().format("delta").load(table);
        LogicalPlan read = new LoggedFilesRead(spark).apply(latest.queryExecution().analyzed());
        assertEquals(List.of("InMemoryFileIndex"), fileIndexes(read), read.toString());
        assertEquals(latest.queryExecution().analyzed().output(), read.output(), "the relation's attribute ids");
        assertEquals(List.of("2024-07-16:10", "2024-07-16:11", "2024-07-16:12", "2024-07-16:13", "2024-08-01:0", "2024-08-01:1"),
                rows(Dataset.ofRows(spark, read)));
        assertEquals(rows(latest), rows(Dataset.ofRows(spark, read)), "as Delta's reader reads it");

        // also in a subquery
        Dataset<Row> subquery = spark.sql("select * from delta.`" + table + "` where id in (select id + 1 from delta.`" + table + "`)");
        LogicalPlan both = new LoggedFilesRead(spark).apply(subquery.queryExecution().analyzed());
        assertEquals(List.of("InMemoryFileIndex", "InMemoryFileIndex"), fileIndexes(both), both.toString());
        assertEquals(List.of("2024-07-16:11", "2024-07-16:12", "2024-07-16:13", "2024-08-01:1"), rows(Dataset.ofRows(spark, both)));

        Dataset<Row> first = spark.read().format("delta").option("versionAsOf", 0).load(table);
        assertEquals(List.of("2024-07-16:0", "2024-07-16:1", "2024-07-16:2"),
                rows(Dataset.ofRows(spark, new LoggedFilesRead(spark).apply(first.queryExecution().analyzed()))), "version 0");
    }

    @Test
    void whatDeltaMustReadIsLeftToIt() {
        String many = dir.resolve("many").toString();
        int overTheDriversListing = spark.sessionState().conf().parallelPartitionDiscoveryThreshold() + 1; // files
        spark.range(overTheDriversListing).selectExpr("id", "id as part").write().format("delta").partitionBy("part").save(many);
        String mapped = dir.resolve("mapped").toString();
        spark.range(3).write().format("delta").option("delta.columnMapping.mode", "name").save(mapped); // reader version 2
        String empty = dir.resolve("empty").toString();
        spark.range(0).write().format("delta").save(empty);

        for (String table : List.of(many, mapped)) {
            LogicalPlan plan = spark.read().format("delta").load(table).queryExecution().analyzed();
            assertSame(plan, new LoggedFilesRead(spark).apply(plan), table);
        }
        LogicalPlan none = new LoggedFilesRead(spark).apply(spark.read().format("delta").load(empty).queryExecution().analyzed());
        assertEquals(List.of(), fileIndexes(none), "no files: " + none);
        assertEquals(0, Dataset.ofRows(spark, none).count(), "a table without files");
    }

    private void write(String table, String snapshot, int rows, String mode) {
        spark.sql("select id, date'" + snapshot + "' as snapshot_date from range(" + rows + ")")
                .write().format("delta").mode(mode).partitionBy("snapshot_date").save(table);
    }

    /** The kind of file index of each file relation the plan reads, its subqueries' too. */
    private static List<String> fileIndexes(LogicalPlan plan) {
        return JavaConverters.seqAsJavaList(plan.collectWithSubqueries(PartialFunction$.MODULE$.apply(new AbstractFunction1<LogicalPlan, String>() {
            @Override
            public String apply(LogicalPlan node) {
                return node instanceof LogicalRelation relation && relation.relation() instanceof HadoopFsRelation files
                        ? files.location().getClass().getSimpleName() : "";
            }
        }))).stream().filter(index -> !index.isEmpty()).toList();
    }

    private static List<String> rows(Dataset<Row> table) {
        return table.selectExpr("concat(cast(snapshot_date as string), ':', id)").as(Encoders.STRING()).collectAsList().stream()
                .sorted().toList();
    }
}
