package org.modelcensus.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.modelcensus.SparkTestSupport;

/**
 * Which statements the read-only check lets through, on parsed plans (the SQL endpoint test checks analyzed ones
 * end to end): reads and session options pass; writes, DDL and options that choose catalogs are refused by name.
 */
class ReadOnlyCheckTest {

    private static LogicalPlan parsed(String sql) throws Exception {
        return SparkTestSupport.spark().sessionState().sqlParser().parsePlan(sql);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "select * from census.models where release_year = 2023",
        "with m as (select model from census.models) select count(*) from m",
        "show tables in census",
        "show databases",
        "show columns in census.models",
        "describe table census.models",
        "describe database census",
        "use census",
        "set",
        "set spark.sql.shuffle.partitions",
        "set spark.sql.shuffle.partitions=2",
        "set spark.sql.session.timeZone=Asia/Seoul",
        "reset"})
    void readsPass(String sql) throws Exception {
        assertNull(ReadOnlyCheck.refusal(parsed(sql)), sql);
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "drop table census.models; DROP TABLE",
        "insert into census.models_by_year values (2030, 1, date'2024-07-16'); INSERT",
        "create table census.t (a int) using delta; CREATE TABLE",
        "alter table census.models add columns (x int); ADD COLUMNS",
        "delete from census.models; DELETE FROM TABLE",
        "truncate table census.models; TRUNCATE TABLE",
        "cache table census.models; CACHE TABLE",
        "add jar /tmp/x.jar; ADD JARS",
        "set spark.sql.catalog.spark_catalog=x; SET spark.sql.catalog.spark_catalog",
        "set spark.sql.warehouse.dir=/tmp; SET spark.sql.warehouse.dir",
        "set spark.hadoop.fs.defaultFS=file:///; SET spark.hadoop.fs.defaultFS",
        "set spark.sql.runSQLOnFiles=true; SET spark.sql.runSQLOnFiles",
        "select transform(model) using 'cat' from census.models; SELECT TRANSFORM ... USING (runs a program)"})
    void writesAreRefusedByName(String sql, String name) throws Exception {
        assertEquals(name, ReadOnlyCheck.refusal(parsed(sql)), sql);
    }
}
