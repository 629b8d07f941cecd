package org.modelcensus.serve;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.hadoop.hive.conf.HiveConf;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.hive.thriftserver.HiveThriftServer2;
import org.modelcensus.catalog.CensusCatalog;
import org.modelcensus.catalog.DataDictionary;
import org.modelcensus.catalog.ReadOnlyExtension;
import org.modelcensus.spark.SparkSessions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;


/**
 * The SQL endpoint (the {@code serve} command that scripts/serve.sh starts): Spark's Thrift JDBC/ODBC server over the
 * warehouse's catalog, with one user and password ({@link BiCredentials}). A BI login reads the tables of database
 * census and nothing else (the read-only session of SparkSessions.createReadOnly), within bounds: a query timeout that
 * cancels the statement's Spark jobs, a cap on a result's rows and bytes, a bounded number of statements at once on a
 * fair scheduler. It listens on a loopback address unless TLS is on ({@link EndpointOptions}), and Spark's own ports
 * listen on loopback only.
 *
 * <p>The catalog is the server's own, in memory (see SparkSessions.createReadOnly): it registers the warehouse's tables
 * when it starts and then every {@code --refresh-seconds}, and a census run writes its tables by path beside it. New
 * snapshots of registered tables need no registration: every query reads a Delta table's latest commit.
 */
public final class CensusSqlServer {

    private static final Logger LOG = LoggerFactory.getLogger(CensusSqlServer.class);
    private static final String LOOPBACK = "127.0.0.1";
    /** The table the endpoint reads when it starts (warmUp): a gold table every census writes, small. */
    private static final String WARM_UP_TABLE = "models_by_year";

    private final String warehouse;
    private final String master;
    private final EndpointOptions options;

    /** @param master null: spark-submit's, else local with two task slots per core (see {@link #sparkSettings}) */
    public CensusSqlServer(String warehouse, String master, EndpointOptions options) {
        this.warehouse = warehouse;
        this.master = master;
        this.options = options;
    }

    /**
     * Serves until the JVM is stopped. Refused with exit code 2 before anything starts when an option or the environment
     * would widen the endpoint, or without the BI user's credentials.
     */
    public void serve() throws InterruptedException, ExecutionException, IOException {
        options.check(System.getenv());
        serve(BiCredentials.load(System.getenv()));
    }

    private void serve(BiCredentials credentials) throws InterruptedException, ExecutionException, IOException {
        ClientSystemProperties.install();
        Path folder = Endpoint.folder(warehouse);
        OwnerOnlyFile.createFolder(folder);
        sparkSettings(folder).forEach(System::setProperty);
        // As spark.hadoop.* for the server's Hive configuration, and as they are for the Hive code that builds its own
        // (the CUSTOM authentication reads its class from a new HiveConf, which takes hive.* system properties).
        hiveServerSettings(folder).forEach((key, value) -> {
            System.setProperty("spark.hadoop." + key, value);
            System.setProperty(key, value);
        });
        // Derby (the Thrift server's own metastore, in memory) writes its log here, not into the working directory.
        System.setProperty("derby.stream.error.file", folder.resolve("derby.log").toString());
        Optional<CensusCatalog.TableSize> largest = CensusCatalog.largestTable(SparkSessions.hadoopConfiguration(), warehouse);
        long largestRows = largest.map(CensusCatalog.TableSize::rows).orElse(0L);
        SparkSession spark = SparkSessions.createReadOnly(effectiveMaster(), largestRows);
        boolean plannedForFewRows = SparkSessions.fewRows(largestRows);
        LOG.info("statements planned for {} (largest table: {}){}", plannedForFewRows ? "small tables" : "big tables",
                largest.map(table -> table.table() + ", " + table.rows() + " rows").orElse("none yet"),
                plannedForFewRows ? ": no generated code, no adaptive execution, one shuffle partition, as a census of fewer than "
                        + SparkSessions.FEW_ROWS + " rows runs" : "");
        if (options.tls()) {
            // Only in the Hadoop configuration the Thrift server's Hive configuration is made of: not a system property,
            // not a Spark setting, so no session can show it.
            spark.sparkContext().hadoopConfiguration().set(HiveConf.ConfVars.HIVE_SERVER2_SSL_KEYSTORE_PASSWORD.varname, options.tlsPassword());
        }
        spark.sparkContext().addSparkListener(new CancellationLog());
        ClientHangUps.install();
        CensusCatalog catalog = new CensusCatalog(spark, warehouse, DataDictionary.load());
        // The catalog's writes run on this thread only (the read-only check lets them through by a thread-local mark).
        ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "census-catalog-refresh");
            thread.setDaemon(true);
            return thread;
        });
        LOG.info("catalog: {}", refresher.submit(catalog::sync).get());
        warmUp(spark, catalog.tables());

        HiveThriftServer2 server = HiveThriftServer2.startWithContext(spark.sqlContext());
        InetSocketAddress bound = listening(server);
        Endpoint endpoint = new Endpoint(ProcessHandle.current().pid(), options.host(), bound.getPort());
        if (!awaitListening(endpoint, 60)) {
            throw new IllegalStateException("The SQL endpoint did not start listening on " + options.host() + ":" + options.port()
                    + " within 60 s (is the port in use?); see the log above.");
        }
        refresher.scheduleWithFixedDelay(() -> refresh(catalog, plannedForFewRows ? warehouse : null), options.refreshSeconds(),
                options.refreshSeconds(), TimeUnit.SECONDS);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            Endpoint.remove(warehouse);
            refresher.shutdownNow();
            server.stop();
            stopped.countDown();
        }, "census-sql-server-stop"));
        try {
            endpoint.write(warehouse);
        } catch (IOException e) {
            LOG.warn("cannot write {}: {}", Endpoint.folder(warehouse), e.getMessage());
        }
        LOG.info("SQL endpoint ready: {} (listening on {}:{}, TLS {}; user {}, reads database {} only; query timeout {} s, "
                        + "at most {} rows and {} MB per result, {} statements at once; catalog refreshed every {} s)",
                endpoint.jdbcUrl(), bound.getAddress().getHostAddress(), bound.getPort(),
                options.tls() ? "on (" + options.tlsKeystore() + ")" : "off", credentials.user(), CensusCatalog.DATABASE,
                options.queryTimeoutSeconds(), options.maxResultRows(), options.maxResultMegabytes(), options.maxConcurrentQueries(),
                options.refreshSeconds());
        stopped.await();
    }

    /**
     * Reads one table before the endpoint says it is ready: a JVM's first statement loads Spark's code, about 1 s on 2
     * cores (9.5 to 13 s while Delta planned every scan, before catalog.LoggedFilesRead; docs/benchmarks.md), which the
     * first client after every start waited for, and a short --query-timeout cancelled. A table that cannot be read is
     * logged, not fatal: the others are still served.
     */
    private static void warmUp(SparkSession spark, List<String> tables) {
        if (tables.isEmpty()) {
            return;
        }
        String table = CensusCatalog.DATABASE + ".`" + (tables.contains(WARM_UP_TABLE) ? WARM_UP_TABLE : tables.get(0)) + "`";
        long started = System.nanoTime();
        try {
            // in a new session, as a client's: the catalog's commits leave Delta's marks in the server's own session
            spark.newSession().sql("select * from " + table + " limit 1").collectAsList();
            LOG.info("warmed up: read {} in {} ms", table, (System.nanoTime() - started) / 1_000_000);
        } catch (RuntimeException e) {
            LOG.warn("warming up: cannot read {}: {}", table, String.valueOf(e.getMessage()).lines().findFirst().orElse(e.toString()));
        }
    }

    /**
     * Where the Thrift server's socket is bound, checked against --host (a loopback host must give a loopback socket),
     * and every later login noting its client's address for {@link LoginThrottle}.
     */
    private InetSocketAddress listening(HiveThriftServer2 server) {
        InetSocketAddress bound;
        try {
            ThriftConnections connections = ThriftConnections.of(server);
            connections.noteClientAddresses();
            bound = connections.boundAddress();
        } catch (ReflectiveOperationException | RuntimeException e) {
            server.stop();
            throw new IllegalStateException("Cannot inspect the Thrift server's socket (Spark's or libthrift's version changed?): " + e, e);
        }
        if (options.loopback() && !bound.getAddress().isLoopbackAddress()) {
            server.stop();
            throw new IllegalStateException("The Thrift server listens on " + bound + ", not on loopback as --host " + options.host()
                    + " asks; stopped.");
        }
        return bound;
    }

    /** Spark settings of the server, as system properties read when its SparkContext starts. */
    private Map<String, String> sparkSettings(Path folder) throws IOException {
        Map<String, String> settings = new LinkedHashMap<>();
        // Spark's own ports (driver RPC, block manager) on loopback, and no web UI.
        settings.put("spark.driver.host", LOOPBACK);
        settings.put("spark.driver.bindAddress", LOOPBACK);
        settings.put("spark.ui.enabled", "false");
        // Cancelling a statement (timeout, client) cancels its job group and interrupts its running tasks.
        settings.put("spark.sql.thriftServer.queryTimeout", options.queryTimeoutSeconds() + "s");
        settings.put("spark.sql.thriftServer.interruptOnCancel", "true");
        settings.put("spark.sql.thriftServer.incrementalCollect", "false");
        settings.put("spark.driver.maxResultSize", options.maxResultMegabytes() + "m");
        settings.put(ReadOnlyExtension.MAX_RESULT_ROWS, Integer.toString(options.maxResultRows()));
        // Statements share the task slots fairly (one pool, FAIR within it), so a long one does not queue the others.
        settings.put("spark.scheduler.mode", "FAIR");
        settings.put("spark.scheduler.allocation.file", fairScheduler(folder).toUri().toString());
        if (master == null && System.getProperty("spark.master") == null) {
            // Two task slots per core, and half of them for a statement that does not ask for more partitions (range(),
            // a cross join): a long statement leaves slots for the others.
            settings.put("spark.default.parallelism", Integer.toString(cores()));
        }
        return settings;
    }

    private String effectiveMaster() {
        if (master != null || System.getProperty("spark.master") != null) {
            return master;
        }
        return "local[" + 2 * cores() + "]";
    }

    private static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }

    /** The fair scheduler's pools: the default pool, fair among its jobs (Spark's default pool is FIFO). */
    private static Path fairScheduler(Path folder) throws IOException {
        Path file = folder.resolve("fairscheduler.xml");
        Files.writeString(file, """
                <?xml version="1.0"?>
                <!-- written by the SQL endpoint when it starts: statements share the task slots fairly -->
                <allocations>
                  <pool name="default">
                    <schedulingMode>FAIR</schedulingMode>
                    <weight>1</weight>
                    <minShare>0</minShare>
                  </pool>
                </allocations>
                """, StandardCharsets.UTF_8);
        return file;
    }

    /** Thrift server settings (Hive configuration keys); {@code folder} is the endpoint's own (owner-only). */
    private Map<String, String> hiveServerSettings(Path folder) {
        Map<String, String> settings = new LinkedHashMap<>();
        // Hive's folders of each session (local scratch files, downloaded resources, the statements' logs) in the
        // endpoint's owner-only folder, not in the machine's temporary folder, where every start left its own behind
        Path sessions = folder.resolve("hive-sessions");
        settings.put("hive.exec.local.scratchdir", sessions.toString());
        settings.put("hive.downloaded.resources.dir", sessions.resolve("${hive.session.id}_resources").toString());
        settings.put("hive.server2.logging.operation.log.location", sessions.resolve("operation_logs").toString());
        settings.put("hive.server2.thrift.bind.host", options.host().strip());
        settings.put("hive.server2.thrift.port", Integer.toString(options.port()));
        settings.put("hive.server2.transport.mode", "binary");
        settings.put("hive.server2.authentication", "CUSTOM");
        settings.put("hive.server2.custom.authentication.class", BiAuthenticator.class.getName());
        // every JDBC session runs as the server's own user: there is no Hadoop impersonation here
        settings.put("hive.server2.enable.doAs", "false");
        // no ${...} substitution in the values of a connection's settings, and no client may turn it on
        settings.put("hive.variable.substitute", "false");
        settings.put("hive.conf.restricted.list",
                HiveConf.ConfVars.HIVE_CONF_RESTRICTED_LIST.getDefaultValue() + ",hive.variable.substitute");
        // statements at once, and waiting; connections (one thread each, a slowed-down login holds one)
        settings.put("hive.server2.async.exec.threads", Integer.toString(options.maxConcurrentQueries()));
        settings.put("hive.server2.async.exec.wait.queue.size", Integer.toString(4 * options.maxConcurrentQueries()));
        settings.put("hive.server2.thrift.max.worker.threads", "64");
        // a forgotten session or result is closed after a while
        settings.put("hive.server2.idle.session.timeout", "4h");
        settings.put("hive.server2.idle.operation.timeout", "1h");
        settings.put("hive.server2.session.check.interval", "5m");
        settings.put("hive.server2.use.SSL", Boolean.toString(options.tls()));
        if (options.tls()) {
            settings.put("hive.server2.keystore.path", options.tlsKeystore().toAbsolutePath().toString());
        }
        return settings;
    }

    /**
     * Synchronizes the catalog; and while statements are planned for small tables ({@code smallWarehouse} not null),
     * says once when a table has grown past that (looked at every five minutes), as the settings stay those of the start.
     */
    private void refresh(CensusCatalog catalog, String smallWarehouse) {
        try {
            CensusCatalog.Changes changes = catalog.sync();
            if (changes.any()) {
                LOG.info("catalog: {}", changes);
            }
            if (smallWarehouse != null && !grownPastSmall && System.nanoTime() - lastGrowthCheck >= GROWTH_CHECK_EVERY) {
                lastGrowthCheck = System.nanoTime();
                Optional<String> grown = grownPastFewRows(smallWarehouse);
                grown.ifPresent(LOG::warn);
                grownPastSmall = grown.isPresent();
            }
        } catch (RuntimeException e) {
            LOG.warn("catalog refresh failed (tried again later): {}", e.toString());
        }
    }

    /** Why statements planned for small tables no longer fit the warehouse: its largest table has grown past them. */
    static Optional<String> grownPastFewRows(String warehouse) {
        return CensusCatalog.largestTable(SparkSessions.hadoopConfiguration(), warehouse)
                .filter(largest -> !SparkSessions.fewRows(largest.rows()))
                .map(largest -> largest.table() + " has grown to " + largest.rows() + " rows; since it started, the endpoint plans "
                        + "statements for tables of fewer than " + SparkSessions.FEW_ROWS + ": restart it (scripts/serve.sh stop, "
                        + "then start) to plan them for big tables");
    }

    /** Set on the refresh thread only. */
    private boolean grownPastSmall;
    private long lastGrowthCheck = System.nanoTime();
    /** Reading every table's log costs some 0.15 s of CPU: not on every refresh of an idle server. */
    private static final long GROWTH_CHECK_EVERY = TimeUnit.MINUTES.toNanos(5);

    private static boolean awaitListening(Endpoint endpoint, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            if (endpoint.accepts()) {
                return true;
            }
            Thread.sleep(250);
        }
        return false;
    }
}
