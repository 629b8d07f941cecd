package org.modelcensus.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.apache.hive.service.auth.PlainSaslHelper;
import org.apache.hive.service.rpc.thrift.TCLIService;
import org.apache.hive.service.rpc.thrift.TOpenSessionReq;
import org.apache.hive.service.rpc.thrift.TOpenSessionResp;
import org.apache.hive.service.rpc.thrift.TStatusCode;
import org.apache.thrift.protocol.TBinaryProtocol;
import org.apache.thrift.transport.TSSLTransportFactory;
import org.apache.thrift.transport.TTransport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.modelcensus.ChildJvm;
import org.modelcensus.RealCensus;

/**
 * The SQL endpoint attacked by a client that holds a valid BI login, over JDBC against the real server (child JVM, as
 * scripts/serve.sh runs it) on loopback with TLS and short limits: a 12 s query timeout, 1000 rows and 1 MB per
 * result. Whatever the client sends (statements, settings in the connection URL, raw Thrift session settings,
 * variables), it reads the census tables and nothing else, each refusal says why, and the next honest query on the
 * same connection still answers correctly (USA: 64 models). A runaway query is cancelled by the timeout, its Spark
 * tasks killed, while another client is answered meanwhile. Also: options that would widen the endpoint stop it
 * before it starts, failed logins are slowed down and logged without the raw user name, and the endpoint file is
 * owner-only.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EndpointAttackTest {

    private static final String USER = "bi_reader";
    private static final String PASSWORD = UUID.randomUUID().toString();
    /**
     * Short, as the runaway query keeps a core busy until it: the server reads a table before it is ready, so an honest
     * statement here takes 0.5-3 s on the loaded 2-core machine, not the 10 s and more of a cold server's first one.
     */
    private static final int QUERY_TIMEOUT = 12;
    private static final String HONEST = "select models from census.country_ranking where country_code = 'USA' "
            + "and snapshot_date = '2024-07-16'";

    @TempDir
    static Path work;

    private Path warehouse;
    private ChildJvm server;
    private int port;
    private Path keystore;
    private String keystorePassword;
    /** The attacker's connection: every refusal on it is followed by the honest query on it. */
    private Connection bi;

    @BeforeAll
    void serverWithTlsAndShortLimits() throws Exception {
        warehouse = RealCensus.copyWarehouse(work.resolve("warehouse"));
        keystorePassword = UUID.randomUUID().toString();
        keystore = work.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "census", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", keystorePassword, "-keypass", keystorePassword)
                .redirectErrorStream(true).start();
        assertEquals(0, keytool.waitFor(), new String(keytool.getInputStream().readAllBytes()));
        Path passwordFile = ownerOnly(work.resolve("keystore-password"), keystorePassword);
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        server = ChildJvm.start(work.resolve("server.log"), List.of(), credentials(),
                "serve", "--warehouse", warehouse.toString(), "--port", Integer.toString(port), "--refresh-seconds", "60",
                "--query-timeout", Integer.toString(QUERY_TIMEOUT), "--max-result-rows", "1000", "--max-result-mb", "1",
                "--tls-keystore", keystore.toString(), "--tls-password-file", passwordFile.toString());
        server.awaitLog("SQL endpoint ready", Duration.ofMinutes(4));
        bi = connect("");
        // The connection's first statement, and the table's first since the start: here, so a test times only its own.
        assertEquals(List.of("64"), query(bi, HONEST));
    }

    @AfterAll
    void stopServer() throws Exception {
        if (bi != null) {
            bi.close();
        }
        if (server != null) {
            server.close();
        }
    }

    // --- statements

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "select * from text.`/etc/hostname`; cannot be found",
        "select * from csv.`/proc/self/environ`; cannot be found",
        "select * from json.`/etc/passwd`; cannot be found",
        "select * from parquet.`/tmp`; cannot be found",
        "show tables in default; database default",
        "use default; database default",
        "describe database default; database default",
        "set spark.sql.runSQLOnFiles=true; SET spark.sql.runSQLOnFiles",
        "set spark.sql.variable.substitute=true; SET spark.sql.variable.substitute",
        "set spark.sql.catalog.evil=org.apache.spark.sql.execution.datasources.v2.jdbc.JDBCTableCatalog; SET spark.sql.catalog.evil",
        "set spark.sql.extensions=x; SET spark.sql.extensions",
        "set spark.sql.thriftServer.queryTimeout=0; SET spark.sql.thriftServer.queryTimeout",
        "set spark.sql.shuffle.partitions=100000; SET spark.sql.shuffle.partitions",
        "select reflect('java.lang.System', 'getenv', 'HOME'); reflect/java_method",
        "select java_method('java.lang.System', 'getProperty', 'user.home'); reflect/java_method",
        "select transform(models) using 'cat' as (m) from census.country_ranking; SELECT TRANSFORM",
        "create table census.notes (note string) using delta; CREATE TABLE",
        "insert into census.models_by_year values (2030, 99, date'2024-07-16'); INSERT",
        "drop table census.country_ranking; DROP TABLE",
        "create temporary view mine as select 1; CREATE",
        "cache table census.country_ranking; CACHE TABLE",
        "add jar /tmp/evil.jar; ADD JARS",
        "explain select * from default.anything; cannot be found"})
    void refusedWithAReasonThenTheNextQueryIsAnswered(String statement, String reason) throws Exception {
        assertRefused(statement, reason);
    }

    @Test
    void tablesByPathAreRefused() throws Exception {
        String table = warehouse.resolve("gold/country_ranking").toString();
        // delta.`path` in a query is not even resolved (spark.sql.runSQLOnFiles is off); Delta's commands with a quoted
        // path are, and are refused by the read-only rules
        assertRefused("select * from delta.`" + table + "`", "cannot be found");
        assertRefused("select * from census.country_ranking union all select * from delta.`" + table + "`", "cannot be found");
        for (String statement : List.of("describe history delta.`" + table + "`", "describe detail delta.`" + table + "`")) {
            assertRefused(statement, "cannot be found", "not a table of database census");
        }
        for (String statement : List.of("describe history '" + table + "'", "describe detail '" + table + "'")) {
            assertRefused(statement, "not a table of database census");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"${env:HOME}", "${system:user.home}", "${hiveconf:hive.server2.thrift.bind.host}",
        "${hivevar:x}", "${spark.sql.warehouse.dir}"})
    void variablesAreNotSubstituted(String variable) throws Exception {
        assertEquals(List.of(variable), query(bi, "select '" + variable + "'"), "substitution is off: the text comes back as sent");
        assertEquals(List.of("64"), query(bi, HONEST));
    }

    @Test
    void showAndDescribeOfCensusRun() throws Exception {
        assertTrue(query(bi, "show tables").stream().anyMatch(row -> row.contains("|country_ranking|")));
        assertTrue(query(bi, "describe history census.country_ranking").size() >= 1);
        assertTrue(query(bi, "explain select * from census.country_ranking").get(0).contains("Physical Plan"));
        query(bi, "set spark.sql.shuffle.partitions=2");
        assertEquals(List.of("64"), query(bi, HONEST));
        query(bi, "reset");
    }

    // --- settings sent with the connection

    /** Hive JDBC's URL: .../census;session-settings?hive-settings#variables (TLS's settings are session settings). */
    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "?spark.sql.runSQLOnFiles=true; spark.sql.runSQLOnFiles",
        "#spark.sql.runSQLOnFiles=true; spark.sql.runSQLOnFiles",
        "?spark.sql.variable.substitute=true; spark.sql.variable.substitute",
        "#spark.sql.variable.substitute=true; spark.sql.variable.substitute",
        "?spark.sql.catalog.evil=org.apache.spark.sql.execution.datasources.v2.jdbc.JDBCTableCatalog; spark.sql.catalog.evil",
        "?spark.sql.thriftServer.incrementalCollect=true; spark.sql.thriftServer.incrementalCollect",
        "?spark.sql.thriftserver.scheduler.pool=mine; spark.sql.thriftserver.scheduler.pool",
        "?hive.variable.substitute=true; hive.variable.substitute"})
    void connectionSettingsThatWidenTheSessionAreRefused(String settings, String key) throws Exception {
        SQLException refused = assertThrows(SQLException.class, () -> connect(settings).close(), settings);
        assertTrue(refused.getMessage().contains(key), settings + ": " + refused.getMessage());
        try (Connection honest = connect("")) {
            assertEquals(List.of("64"), query(honest, HONEST));
        }
    }

    @Test
    void harmlessConnectionSettingsAreKept() throws Exception {
        try (Connection tuned = connect("?spark.sql.shuffle.partitions=2;spark.sql.session.timeZone=Asia/Seoul")) {
            assertEquals(List.of("Asia/Seoul"), query(tuned, "select current_timezone()"));
            assertEquals(List.of("64"), query(tuned, HONEST));
        }
    }

    @Test
    void aSessionMaySetNoSystemProperty() throws Exception {
        // Hive JDBC cannot send set:system:, a raw Thrift client can: it would change how every later login is checked
        String anyone = "org.apache.hive.service.auth.AnonymousAuthenticationProviderImpl";
        TOpenSessionResp response = openRawSession(Map.of("set:system:hive.server2.custom.authentication.class", anyone));
        assertEquals(TStatusCode.ERROR_STATUS, response.getStatus().getStatusCode());
        assertTrue(response.getStatus().getErrorMessage().contains("may not set the server's system properties"),
                response.getStatus().getErrorMessage());
        assertThrows(SQLException.class, () -> DriverManager.getConnection(url(""), USER, "wrong-" + PASSWORD).close(),
                "logins are still checked by the BI credentials");
        assertEquals(List.of("64"), query(bi, HONEST));
    }

    // --- limits

    @Test
    void resultsOverTheCapsFail() throws Exception {
        assertRefused("select * from range(2000000000)", "more than 1000 rows");
        assertEquals(List.of("1000"), query(bi, "select count(*) from (select * from range(2000000000) limit 1000)"));
        assertEquals(1000, query(bi, "select id from range(1000)").size(), "a result of exactly the cap is whole");
        // about 4 MB of hash text in 1000 rows: over the 1 MB cap on a result's bytes
        assertRefused("select concat_ws('', transform(sequence(1, 32), i -> sha2(cast(id * 32 + i as string), 512))) "
                + "from range(1000)", "spark.driver.maxResultSize");
    }

    @Test
    void aRunawayQueryIsCancelledByTheTimeoutWhileOthersAreAnswered() throws Exception {
        long started = System.nanoTime();
        CompletableFuture<SQLException> runaway = CompletableFuture.supplyAsync(() -> {
            try (Connection attacker = connect("")) {
                // one partition: one task, so the runaway keeps one core busy until the timeout, not both (the other test JVM's)
                query(attacker, "select sum(id) from range(0, 1000000000000, 1, 1)");
                return null;
            } catch (Exception e) {
                return e instanceof SQLException sql ? sql : new SQLException(e);
            }
        });
        Thread.sleep(4000); // the runaway's tasks are running by now
        try (Connection honest = connect("")) {
            assertEquals(List.of("64"), query(honest, HONEST), "answered while the runaway runs");
        }
        assertFalse(runaway.isDone(), "the runaway still runs when the honest query is answered");
        SQLException cancelled = runaway.get(QUERY_TIMEOUT + 60, TimeUnit.SECONDS);
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
        assertTrue(cancelled != null && seconds >= QUERY_TIMEOUT - 1, "cancelled after the timeout, not before: " + seconds + " s");
        server.awaitLog("cancelled part of cancelled job group", Duration.ofSeconds(30));
        server.awaitLog("killed task", Duration.ofSeconds(60)); // its Spark tasks are stopped, not left running
        assertEquals(List.of("64"), query(bi, HONEST));
    }

    // --- logins, files, options

    @Test
    void failedLoginsAreSlowedDownAndLoggedWithoutTheRawName() throws Exception {
        String typedPassword = "Secret-" + UUID.randomUUID();
        long first = timeFailedLogin(typedPassword, "x");
        timeFailedLogin(typedPassword, "x");
        timeFailedLogin(typedPassword, "x");
        long fourth = timeFailedLogin(typedPassword, "x");
        assertTrue(fourth >= first + 1000, "the fourth failure waits longer (" + fourth + " ms) than the first (" + first + " ms)");
        String log = server.log();
        assertFalse(log.contains(typedPassword), "a user name is never logged as typed (it may be a password)");
        assertTrue(log.contains("login refused for unknown user #"), server.tail());
        assertTrue(log.contains(" from 127.0.0.1: wrong user or password"), "the client's address is logged");
        assertEquals(List.of("64"), query(bi, HONEST));
    }

    @Test
    void theEndpointFileAndItsFolderAreOwnerOnly() throws Exception {
        Path folder = warehouse.resolve("_catalog/serve");
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(folder)));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(folder.resolve("endpoint.properties"))));
        assertTrue(server.log().contains("listening on 127.0.0.1:" + port + ", TLS on"), "the log states the bound address and TLS");
    }

    /** Hive's folders of the sessions (resources, the statements' logs) are in the endpoint's folder, not in the temporary one. */
    @Test
    void hiveSessionFoldersAreInTheEndpointFolder() throws Exception {
        assertEquals(List.of("64"), query(bi, HONEST));
        Path sessions = warehouse.resolve("_catalog/serve/hive-sessions");
        assertTrue(Files.isDirectory(sessions.resolve("operation_logs")), "the statements' logs in " + sessions);
        try (var inSessions = Files.list(sessions)) {
            assertTrue(inSessions.anyMatch(folder -> folder.getFileName().toString().endsWith("_resources")), "a session's resources in " + sessions);
        }
        Path temporary = work.resolve("server.log.tmp"); // the server's java.io.tmpdir (ChildJvm)
        try (var inTemporary = Files.list(temporary)) {
            assertEquals(List.of(), inTemporary.map(path -> path.getFileName().toString())
                    .filter(name -> name.endsWith("_resources") || name.equals(System.getProperty("user.name"))).toList(),
                    "Hive's session folders in " + temporary);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "--host=; --host is empty",
        "--host=0.0.0.0; not a loopback address",
        "--host=::; not a loopback address",
        "--tls-keystore=/nonexistent; needs both"})
    void optionsThatWidenTheEndpointStopItBeforeItStarts(String option, String message) {
        assertStopsBeforeStart(Map.of(), message, option);
    }

    @Test
    void hiveVariablesThatWidenTheEndpointStopItBeforeItStarts() {
        assertStopsBeforeStart(Map.of("HIVE_SERVER2_THRIFT_BIND_HOST", "0.0.0.0"), "HIVE_SERVER2_THRIFT_BIND_HOST");
    }

    // --- helpers

    private void assertStopsBeforeStart(Map<String, String> variables, String message, String... options) {
        Map<String, String> environment = credentials();
        environment.putAll(variables);
        List<String> args = new ArrayList<>(List.of("serve", "--warehouse", warehouse.toString(), "--port", "1"));
        args.addAll(List.of(options));
        Path log = work.resolve("refused-" + UUID.randomUUID() + ".log");
        ChildJvm refused = ChildJvm.start(log, List.of(), environment, args.toArray(String[]::new));
        assertEquals(2, refused.awaitExit(Duration.ofMinutes(1)), refused.tail());
        assertTrue(refused.log().contains(message), refused.tail());
    }

    /** Refused, the message giving one of the reasons; then the honest query on the same connection still answers. */
    private void assertRefused(String statement, String... reasons) throws Exception {
        try (Statement sql = bi.createStatement()) {
            SQLException refused = assertThrows(SQLException.class, () -> sql.execute(statement), statement);
            assertTrue(List.of(reasons).stream().anyMatch(refused.getMessage()::contains), statement + ": " + refused.getMessage());
        }
        assertEquals(List.of("64"), query(bi, HONEST), "the next honest query after: " + statement);
    }

    private long timeFailedLogin(String user, String password) {
        long started = System.nanoTime();
        assertThrows(SQLException.class, () -> DriverManager.getConnection(url(""), user, password).close());
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    }

    private String url(String settings) {
        return "jdbc:hive2://127.0.0.1:" + port + "/census;ssl=true;sslTrustStore=" + keystore
                + ";trustStorePassword=" + keystorePassword + settings;
    }

    private Connection connect(String settings) throws SQLException {
        return DriverManager.getConnection(url(settings), USER, PASSWORD);
    }

    /** A session opened by a raw Thrift client (TLS, SASL PLAIN) with the given settings. */
    private TOpenSessionResp openRawSession(Map<String, String> settings) throws Exception {
        TSSLTransportFactory.TSSLTransportParameters tls = new TSSLTransportFactory.TSSLTransportParameters();
        tls.setTrustStore(keystore.toString(), keystorePassword, null, "PKCS12");
        TTransport socket = TSSLTransportFactory.getClientSocket("127.0.0.1", port, 30_000, tls);
        TTransport transport = PlainSaslHelper.getPlainTransport(USER, PASSWORD, socket);
        transport.open();
        try {
            TOpenSessionReq request = new TOpenSessionReq();
            request.setUsername(USER);
            request.setPassword(PASSWORD);
            request.setConfiguration(new HashMap<>(settings));
            return new TCLIService.Client(new TBinaryProtocol(transport)).OpenSession(request);
        } finally {
            transport.close();
        }
    }

    /** The result's rows, cells joined by '|'. */
    private static List<String> query(Connection connection, String statement) throws SQLException {
        try (Statement sql = connection.createStatement()) {
            List<String> rows = new ArrayList<>();
            if (!sql.execute(statement)) {
                return rows;
            }
            try (ResultSet results = sql.getResultSet()) {
                int columns = results.getMetaData().getColumnCount();
                while (results.next()) {
                    List<String> cells = new ArrayList<>();
                    for (int i = 1; i <= columns; i++) {
                        cells.add(String.valueOf(results.getString(i)).strip());
                    }
                    rows.add(String.join("|", cells));
                }
            }
            return rows;
        }
    }

    private static Path ownerOnly(Path file, String content) throws Exception {
        Files.writeString(file, content + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    /** The BI user's credentials, as a file that only this user can read (the recommended way). */
    private static Map<String, String> credentials() {
        Map<String, String> environment = new HashMap<>();
        try {
            Path file = ownerOnly(work.resolve("bi-credentials"), "user=" + USER + "\npassword=" + PASSWORD);
            environment.put(BiCredentials.FILE_VARIABLE, file.toString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        environment.put(BiCredentials.USER_VARIABLE, null);
        environment.put(BiCredentials.PASSWORD_VARIABLE, null);
        return environment;
    }
}
