package org.modelcensus.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.execution.CommandExecutionMode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.modelcensus.SparkTestSupport;

/**
 * The read-only rules on analyzed plans, fast, in the suite's session (the SQL endpoint tests check them end to end
 * over JDBC): a Delta table in database census reads; another database, a path, a file and every command that is not
 * SHOW, DESCRIBE or EXPLAIN of census are refused by name; a session's settings must match the server's but for a
 * few harmless keys.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReadOnlyCheckTest {

    @TempDir
    static Path dir;
    private SparkSession spark;

    @BeforeAll
    void censusAndAnotherDatabase() {
        spark = SparkTestSupport.spark();
        for (String table : new String[] {"census.t", "other.o"}) {
            String folder = dir.resolve(table).toString();
            spark.range(3).write().format("delta").save(folder);
            spark.sql("create database if not exists " + table.split("\\.")[0]);
            spark.sql("create table " + table + " using delta location '" + folder + "'");
        }
    }

    @AfterAll
    void dropThem() {
        spark.sql("drop database if exists other cascade");
        spark.sql("drop database if exists census cascade");
    }

    private String refusal(String sql) throws Exception {
        return ReadOnlyCheck.refusal(analyzed(spark.sessionState().sqlParser().parsePlan(sql)), "census", this::analyzed);
    }

    private LogicalPlan analyzed(LogicalPlan plan) {
        return spark.sessionState().executePlan(plan, CommandExecutionMode.SKIP()).analyzed();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "select * from census.t where id = 2",
        "with m as (select id from census.t) select count(*) from m",
        "select * from census.t where id in (select id from census.t)",
        "select id from range(10)",
        "values (1, 'a')",
        "select 1",
        "select * from census.t version as of 0",
        "show tables in census",
        "show databases",
        "show columns in census.t",
        "show tblproperties census.t",
        "describe table census.t",
        "describe database census",
        "describe history census.t",
        "describe detail census.t",
        "describe function upper",
        "explain select * from census.t",
        "describe query select * from census.t",
        "use census",
        "set",
        "set spark.sql.shuffle.partitions",
        "set spark.sql.shuffle.partitions=2",
        "set spark.sql.session.timeZone=Asia/Seoul",
        "reset"})
    void readsOfCensusPass(String sql) throws Exception {
        assertNull(refusal(sql), sql);
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "drop table census.t; DROP TABLE",
        "insert into census.t values (9); INSERT",
        "create table census.u (a int) using delta; CREATE TABLE",
        "alter table census.t add columns (x int); ADD COLUMNS",
        "delete from census.t; DELETE",
        "cache table census.t; CACHE TABLE",
        "add jar /tmp/x.jar; ADD JARS",
        "set spark.sql.catalog.spark_catalog=x; SET spark.sql.catalog.spark_catalog",
        "set spark.sql.runSQLOnFiles=true; SET spark.sql.runSQLOnFiles",
        "set spark.sql.variable.substitute=true; SET spark.sql.variable.substitute",
        "set spark.sql.shuffle.partitions=100000; SET spark.sql.shuffle.partitions",
        "select * from other.o; other.o",
        "select * from census.t union all select * from other.o; other.o",
        "select * from census.t where id in (select id from other.o); other.o",
        "use other; database other",
        "show tables in other; database other",
        "describe table other.o; other.o",
        "explain select * from other.o; other.o",
        "describe history other.o; other.o",
        "select reflect('java.util.UUID', 'randomUUID'); reflect/java_method",
        "select transform(id) using 'cat' from census.t; SELECT TRANSFORM ... USING"})
    void everythingElseIsRefusedByName(String sql, String name) throws Exception {
        String refused = refusal(sql);
        assertNotNull(refused, sql);
        assertTrue(refused.contains(name), sql + ": " + refused);
    }

    @Test
    void aNewSessionMayUseCensus() throws Exception {
        // a JDBC session starts in database default and opens with USE census
        assertNull(ReadOnlyCheck.refusal(analyzed(spark.sessionState().sqlParser().parsePlan("use census")), "default", this::analyzed));
        assertNotNull(ReadOnlyCheck.refusal(analyzed(spark.sessionState().sqlParser().parsePlan("show tables")), "default",
                this::analyzed), "default is not served");
    }

    @Test
    void pathsAreRefused() throws Exception {
        String table = dir.resolve("census.t").toString();
        for (String sql : new String[] {"select * from delta.`" + table + "`", "describe history '" + table + "'",
            "describe detail '" + table + "'", "describe history delta.`" + table + "`"}) {
            String refused = refusal(sql);
            assertNotNull(refused, sql);
            assertTrue(refused.contains("not a table of database census"), sql + ": " + refused);
        }
    }

    @Test
    void aSessionMayDifferOnlyInHarmlessSettings() {
        SparkSession session = spark.newSession();
        session.conf().set("spark.sql.variable.substitute", "false");
        session.conf().set("spark.sql.session.timeZone", "Asia/Seoul");
        session.conf().set("hive.server2.thrift.resultset.default.fetch.size", "1000");
        assertNull(ReadOnlySettings.refusal(session.sessionState().conf(), withoutSubstitution()));

        session.conf().set("spark.sql.runSQLOnFiles", "true");
        String refused = ReadOnlySettings.refusal(session.sessionState().conf(), withoutSubstitution());
        assertTrue(refused.startsWith("setting spark.sql.runSQLOnFiles, changed in this session"), refused);

        session.conf().unset("spark.sql.runSQLOnFiles");
        session.conf().set("spark.sql.variable.substitute", "true");
        assertTrue(ReadOnlySettings.refusal(session.sessionState().conf(), withoutSubstitution())
                .startsWith("setting spark.sql.variable.substitute=true"));
    }

    /** The server's settings as a read-only session starts with them. */
    private java.util.Map<String, String> withoutSubstitution() {
        java.util.Map<String, String> settings = new java.util.HashMap<>(ReadOnlySettings.serverSettings(spark));
        settings.put("spark.sql.variable.substitute", "false");
        return settings;
    }

    @Test
    void statementNamesAreWords() {
        assertEquals("DROP TABLE", ReadOnlyCheck.statementName("DropTable"));
        assertEquals("CREATE VIEW", ReadOnlyCheck.statementName("CreateViewCommand"));
    }
}
