package org.modelcensus.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.Reader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.modelcensus.CensusTestKit;
import org.modelcensus.ChildJvm;
import org.modelcensus.Fixtures;
import org.modelcensus.RealCensus;
import org.modelcensus.SparkTestSupport;
import org.modelcensus.write.CsvExporter;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;

/**
 * The SQL endpoint end to end, as a BI tool sees it: the Thrift server starts over a copy of the suite's census of
 * the real 2024-07-16 snapshot (child JVM, as scripts/serve.sh runs it) and registers its tables, and a Hive JDBC
 * client reads every gold table as census.&lt;table&gt; and finds the expected values. Wrong credentials and every
 * kind of write are refused. A second census run (child JVM, as scripts/run.sh runs it) while the server is up adds
 * a snapshot that the server shows without any registration.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SqlEndpointTest {

    private static final String USER = "bi_reader";
    private static final String PASSWORD = UUID.randomUUID().toString();

    @TempDir
    static Path work;

    private Path warehouse;
    private ChildJvm server;
    private String url;
    /** One BI session for the reads, as a BI tool keeps one; the refusal and login checks open their own. */
    private Connection bi;

    @BeforeAll
    void censusThenServer() throws Exception {
        // A copy of the suite's census of the real snapshot: the server registers its tables when it starts.
        warehouse = RealCensus.copyWarehouse(work.resolve("warehouse"));

        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        url = "jdbc:hive2://127.0.0.1:" + port + "/census";
        server = ChildJvm.start(work.resolve("server.log"), List.of(), credentials(),
                "serve", "--warehouse", warehouse.toString(), "--port", Integer.toString(port),
                "--refresh-seconds", "5", "--master", "local[2]");
        server.awaitLog("SQL endpoint ready", Duration.ofMinutes(4));
        bi = DriverManager.getConnection(url, USER, PASSWORD);
    }

    @AfterAll
    void stopServer() throws Exception {
        if (bi != null) {
            bi.close();
        }
        if (server != null) {
            server.close(); // SIGTERM: the server's shutdown hook stops the Thrift service and Spark
        }
    }

    static List<String> goldTables() {
        return Fixtures.expectedTables();
    }

    @ParameterizedTest(name = "census.{0}")
    @MethodSource("goldTables")
    void goldTableReadThroughJdbcHoldsExpected(String table) throws Exception {
        List<String> header = new ArrayList<>();
        List<String> expected = readExpected(Fixtures.EXPECTED.resolve(table + ".csv"), header);
        String columns = String.join(", ", header.stream().map(c -> "`" + c + "`").toList());
        List<String> actual = query("select " + columns + " from census." + table + " where snapshot_date = '2024-07-16'");
        assertEquals(expected.stream().sorted().toList(), actual.stream().sorted().toList(), "rows of census." + table);
    }

    @Test
    void everyGoldTableIsRegisteredWithItsComments() throws Exception {
        List<String> tables = query("show tables in census").stream().map(row -> row.split("\\|")[1]).toList();
        assertTrue(tables.containsAll(goldTables()), "registered: " + tables);
        List<String> folders = new ArrayList<>();
        for (String layer : List.of("silver", "gold", "audit")) {
            try (Stream<Path> tableFolders = Files.list(warehouse.resolve(layer))) {
                tableFolders.forEach(folder -> folders.add(folder.getFileName().toString()));
            }
        }
        assertEquals(folders.stream().sorted().toList(), tables.stream().sorted().toList(), "one table per folder of the warehouse");
        // DESCRIBE: col_name | data_type | comment, from conf/dictionary/columns.csv
        assertTrue(query("describe table census.country_ranking").contains(
                "rank|int|competition rank by models: ties share a rank and the next rank skips (1, 2, 3, 3, 5)"));
        // a column the dictionary does not describe (added to a SQL file, not to conf/dictionary) fails here
        for (String table : tables) {
            for (String column : query("describe table census." + table)) {
                if (column.startsWith("#")) {
                    break; // partition information follows
                }
                assertFalse(column.endsWith("|"), "census." + table + " column without a comment: " + column);
            }
        }
    }

    /** A JVM's first statement loads Spark's and Delta's code: the server pays it before it is ready, not a client. */
    @Test
    void theServerReadsATableBeforeItSaysItIsReady() {
        String log = server.log();
        int warmedUp = log.indexOf("warmed up: read census.`models_by_year`");
        assertTrue(warmedUp >= 0 && warmedUp < log.indexOf("SQL endpoint ready"),
                "no warm-up read before 'ready':\n" + log.lines().limit(8).collect(Collectors.joining("\n")));
    }

    @Test
    void wrongCredentialsAreRefused() {
        assertThrows(SQLException.class, () -> DriverManager.getConnection(url, USER, "wrong-" + PASSWORD).close());
        assertThrows(SQLException.class, () -> DriverManager.getConnection(url, "someone_else", PASSWORD).close());
        assertThrows(SQLException.class, () -> DriverManager.getConnection(url, USER, "").close());
    }

    @Test
    void dropTableIsRefused() throws Exception {
        assertRefused("drop table census.models_by_year");
        assertEquals(List.of("4"), query("select count(*) from census.models_by_year where snapshot_date = '2024-07-16'"));
    }

    @Test
    void insertIsRefused() throws Exception {
        assertRefused("insert into census.models_by_year values (2030, 99, date'2024-07-16')");
        assertEquals(List.of("0"), query("select count(*) from census.models_by_year where release_year = 2030"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "create table census.notes (note string) using delta",
        "create table census.copy as select * from census.models_by_year",
        "alter table census.models_by_year add columns (note string)",
        "comment on table census.models_by_year is 'changed'",
        "delete from census.models_by_year",
        "update census.models_by_year set models = 0",
        "truncate table census.models_by_year",
        "insert overwrite census.models_by_year select * from census.models_by_year",
        "merge into census.models_by_year t using census.models_by_year s on t.release_year = s.release_year "
                + "when matched then delete",
        "create temporary view mine as select 1",
        "drop database census cascade",
        "set spark.sql.catalog.spark_catalog=org.apache.spark.sql.execution.datasources.v2.V2SessionCatalog",
        "vacuum census.models_by_year retain 0 hours",
        "select reflect('java.util.UUID', 'randomUUID')",
        "select transform(release_year) using 'cat' as (y) from census.models_by_year"})
    void writesAndCodeAreRefused(String statement) throws Exception {
        assertRefused(statement);
    }

    /** Settings in the URL, as a BI tool sends them with no other connection setting: refused when the session opens. */
    @ParameterizedTest
    @ValueSource(strings = {";?spark.sql.runSQLOnFiles=true", "#spark.sql.runSQLOnFiles=true"})
    void settingsInTheUrlThatWidenTheSessionAreRefused(String settings) throws Exception {
        SQLException refused = assertThrows(SQLException.class, () -> DriverManager.getConnection(url + settings, USER, PASSWORD).close());
        assertTrue(refused.getMessage().contains("setting spark.sql.runSQLOnFiles, changed in this session"), refused.getMessage());
        assertEquals(List.of("64"), query("select models from census.country_ranking where country_code = 'USA' "
                + "and snapshot_date = '2024-07-16'"));
    }

    /**
     * The real snapshot's tables are small (silver.model_tasks, the largest, has 344 rows): statements are planned as a
     * census of so few rows runs, without adaptive execution or generated code, in one shuffle partition, each table read
     * as the files its log lists.
     */
    @Test
    void statementsOverSmallTablesArePlannedForFewRows() throws Exception {
        assertTrue(server.log().contains("statements planned for small tables (largest table: silver.model_tasks, 344 rows)"),
                server.log().lines().limit(8).collect(Collectors.joining("\n")));
        String plan;
        try (Connection fresh = DriverManager.getConnection(url, USER, PASSWORD); // the server's settings: bi's may have changed
             Statement sql = fresh.createStatement();
             ResultSet rows = sql.executeQuery("explain select country_code, count(*) from census.model_countries group by country_code")) {
            rows.next();
            plan = rows.getString(1);
        }
        assertTrue(plan.contains("HashAggregate") && plan.contains("Exchange hashpartitioning(country_code#"), plan);
        assertTrue(plan.contains(", 1), ENSURE_REQUIREMENTS"), "one shuffle partition: " + plan);
        assertFalse(plan.contains("AdaptiveSparkPlan"), plan);
        assertFalse(plan.contains("*("), "no whole-stage generated code: " + plan);
        // read as the files the table's log lists, without Delta's scan planning (LoggedFilesRead)
        assertTrue(plan.contains("FileScan parquet") && plan.contains("Location: InMemoryFileIndex"), plan);
    }

    /** A server started over small tables says when one has grown past them (what its refresh logs). */
    @Test
    void aTableGrownPastFewRowsIsNamed(@TempDir Path grown) {
        String table = grown.resolve("silver/models").toString();
        SparkTestSupport.spark().range(19_999).write().format("delta").save(table);
        assertEquals(Optional.empty(), CensusSqlServer.grownPastFewRows(grown.toString()));
        SparkTestSupport.spark().range(20_000).write().format("delta").mode("overwrite").save(table);
        assertEquals(Optional.of("silver.models has grown to 20000 rows; since it started, the endpoint plans statements "
                + "for tables of fewer than 20000: restart it (scripts/serve.sh stop, then start) to plan them for big tables"),
                CensusSqlServer.grownPastFewRows(grown.toString()));
    }

    @Test
    void readsRun() throws Exception {
        assertEquals(List.of("census"), query("show databases like 'census'"));
        assertTrue(query("explain select * from census.models").get(0).contains("Physical Plan"));
        query("set spark.sql.shuffle.partitions=2");
        query("describe history census.models_by_year");
    }

    @Test
    void censusRunWhileServingAddsASnapshotTheServerShows() throws Exception {
        // The census in the suite's JVM: a process of its own beside the server's, as a scheduled run is.
        CensusTestKit.Outcome census = CensusTestKit.census("--input", Fixtures.SNAPSHOT.toString(), "--warehouse", warehouse.toString(),
                "--snapshot-date", "2024-08-01");
        assertEquals(0, census.exitCode(), "a census run while the server holds the catalog succeeds: " + census.err());
        assertEquals(List.of("2024-07-16|4", "2024-08-01|4"),
                query("select cast(snapshot_date as string), count(*) from census.models_by_year group by 1 order by 1"));
    }

    /**
     * BI tools open and close sessions all the time, several at once. Every new session finds database census and its
     * tables: the server's catalog shares nothing with the Hive session state that each JDBC session opens and closes
     * (with the warehouse's embedded metastore it did, and about one session in a hundred got "schema census not found").
     * No close is logged as an error.
     */
    @Test
    void sessionsOpenedAndClosedAtOnceAllFindTheCensus() throws Exception {
        int clients = 4;
        int sessionsEach = 12;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<List<String>>> answers = new ArrayList<>();
            for (int client = 0; client < clients; client++) {
                answers.add(pool.submit(() -> {
                    List<String> failures = new ArrayList<>();
                    for (int session = 0; session < sessionsEach; session++) {
                        try (Connection connection = DriverManager.getConnection(url, USER, PASSWORD);
                             Statement sql = connection.createStatement();
                             ResultSet models = sql.executeQuery("select count(*) from models_by_year where snapshot_date = '2024-07-16'")) {
                            models.next();
                            if (models.getLong(1) != 4) {
                                failures.add("models_by_year: " + models.getLong(1) + " rows");
                            }
                        } catch (SQLException e) {
                            failures.add(e.getMessage().lines().findFirst().orElse(e.toString()));
                        }
                    }
                    return failures;
                }));
            }
            List<String> failures = new ArrayList<>();
            for (Future<List<String>> answer : answers) {
                failures.addAll(answer.get(5, TimeUnit.MINUTES));
            }
            assertEquals(List.of(), failures, clients * sessionsEach + " sessions, each with one query");
            // libthrift logs each client's hang-up as an ERROR with its stack trace; the endpoint keeps them out of its log
            assertFalse(server.log().contains("Thrift error occurred during processing of message"),
                    "a session's close logged as an error:\n" + server.tail());
        } finally {
            pool.shutdownNow();
        }
    }

    // --- helpers

    private void assertRefused(String statement) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, USER, PASSWORD);
             Statement sql = connection.createStatement()) {
            SQLException refused = assertThrows(SQLException.class, () -> sql.execute(statement), statement);
            assertTrue(refused.getMessage().contains("read-only"), statement + ": " + refused.getMessage());
        }
    }

    /** The result rows, each as its text cells joined by '|' (lists joined by ';', numbers as the CSV export). */
    private List<String> query(String statement) throws Exception {
        try (Statement sql = bi.createStatement()) {
            List<String> rows = new ArrayList<>();
            if (!sql.execute(statement)) {
                return rows;
            }
            try (ResultSet results = sql.getResultSet()) {
                ResultSetMetaData meta = results.getMetaData();
                while (results.next()) {
                    List<String> cells = new ArrayList<>();
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        cells.add(text(results, i, meta.getColumnTypeName(i).toLowerCase()));
                    }
                    rows.add(String.join("|", cells));
                }
            }
            return rows;
        }
    }

    private static String text(ResultSet results, int column, String type) throws Exception {
        String value = results.getString(column);
        if (value == null) {
            return "";
        }
        if (type.startsWith("array")) { // Hive JDBC sends arrays as JSON text
            return String.join(";", Arrays.asList(new ObjectMapper().readValue(value, String[].class)));
        }
        if (type.equals("double") || type.equals("float")) {
            return CsvExporter.formatNumber(Double.valueOf(value));
        }
        return value.strip();
    }

    /** The expected CSV's rows, cells joined by '|', empty cells as empty text; fills {@code header}. */
    private static List<String> readExpected(Path file, List<String> header) throws IOException {
        CsvParserSettings settings = new CsvParserSettings();
        settings.setHeaderExtractionEnabled(true);
        settings.setNullValue("");
        settings.setEmptyValue("");
        settings.setLineSeparatorDetectionEnabled(true);
        CsvParser parser = new CsvParser(settings);
        List<String> rows = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String[] row : parser.parseAll(in)) {
                rows.add(String.join("|", Arrays.stream(row).map(String::strip).toList()));
            }
        }
        header.addAll(Arrays.asList(parser.getRecordMetadata().headers()));
        return rows;
    }

    /** The BI user's credentials as the environment gives them; no credentials file. */
    private static Map<String, String> credentials() {
        Map<String, String> environment = new HashMap<>();
        environment.put(BiCredentials.USER_VARIABLE, USER);
        environment.put(BiCredentials.PASSWORD_VARIABLE, PASSWORD);
        environment.put(BiCredentials.FILE_VARIABLE, null);
        return environment;
    }
}
