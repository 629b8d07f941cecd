package org.modelcensus.serve;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.hive.thriftserver.HiveThriftServer2;
import org.modelcensus.errors.CensusInputException;
import org.modelcensus.catalog.CensusCatalog;
import org.modelcensus.catalog.DataDictionary;
import org.modelcensus.spark.SparkSessions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;


/**
 * The SQL endpoint (the {@code serve} command that scripts/serve.sh starts): Spark's Thrift JDBC/ODBC server over the warehouse's catalog, read-only,
 * with one user and password ({@link BiCredentials}).
 *
 * <p>The embedded metastore admits one JVM at a time, and this server holds it while it runs, so a census run meanwhile
 * cannot register its tables (it logs a warning and succeeds). This server therefore registers the warehouse's tables
 * itself: when it starts and then every {@code --refresh-seconds}. New snapshots of registered tables need no
 * registration: every query reads a Delta table's latest commit.
 */
public final class CensusSqlServer {

    private static final Logger LOG = LoggerFactory.getLogger(CensusSqlServer.class);

    private final String warehouse;
    private final String host;
    private final int port;
    private final int refreshSeconds;
    private final String master;

    public CensusSqlServer(String warehouse, String host, int port, int refreshSeconds, String master) {
        this.warehouse = warehouse;
        this.host = host;
        this.port = port;
        this.refreshSeconds = refreshSeconds;
        this.master = master;
    }

    /** Serves until the JVM is stopped; needs the BI user's credentials (refused with exit code 2 without them). */
    public void serve() throws InterruptedException, ExecutionException {
        serve(BiCredentials.load(System.getenv()));
    }

    private void serve(BiCredentials credentials) throws InterruptedException, ExecutionException {
        // As spark.hadoop.* for the server's Hive configuration, and as they are for the Hive code that builds its own
        // (the CUSTOM authentication reads its class from a new HiveConf, which takes hive.* system properties).
        hiveServerSettings().forEach((key, value) -> {
            System.setProperty("spark.hadoop." + key, value);
            System.setProperty(key, value);
        });
        SparkSession spark = SparkSessions.createReadOnly(master, warehouse);
        awaitMetastore(spark);
        CensusCatalog catalog = new CensusCatalog(spark, warehouse, DataDictionary.load());
        // The catalog's writes run on this thread only (the read-only check lets them through by a thread-local mark).
        ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "census-catalog-refresh");
            thread.setDaemon(true);
            return thread;
        });
        LOG.info("catalog: {}", refresher.submit(catalog::sync).get());

        HiveThriftServer2 server = HiveThriftServer2.startWithContext(spark.sqlContext());
        Endpoint endpoint = new Endpoint(ProcessHandle.current().pid(), host, port);
        if (!awaitListening(endpoint, 60)) {
            throw new IllegalStateException("The SQL endpoint did not start listening on " + host + ":" + port
                    + " within 60 s (is the port in use?); see the log above.");
        }
        refresher.scheduleWithFixedDelay(() -> refresh(catalog), refreshSeconds, refreshSeconds, TimeUnit.SECONDS);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            Endpoint.remove(warehouse);
            refresher.shutdownNow();
            server.stop();
            stopped.countDown();
        }, "census-sql-server-stop"));
        try {
            endpoint.write(warehouse);
        } catch (java.io.IOException e) {
            LOG.warn("cannot write {}: {}", Endpoint.folder(warehouse), e.getMessage());
        }
        LOG.info("SQL endpoint ready: {} (user {}, read-only; catalog refreshed every {} s)", endpoint.jdbcUrl(),
                credentials.user(), refreshSeconds);
        stopped.await();
    }

    /** Thrift server settings (Hive configuration keys). */
    private java.util.Map<String, String> hiveServerSettings() {
        return java.util.Map.of(
                "hive.server2.thrift.bind.host", host,
                "hive.server2.thrift.port", Integer.toString(port),
                "hive.server2.transport.mode", "binary",
                "hive.server2.authentication", "CUSTOM",
                "hive.server2.custom.authentication.class", BiAuthenticator.class.getName(),
                // every JDBC session runs as the server's own user: there is no Hadoop impersonation here
                "hive.server2.enable.doAs", "false");
    }

    private static void refresh(CensusCatalog catalog) {
        try {
            CensusCatalog.Changes changes = catalog.sync();
            if (changes.any()) {
                LOG.info("catalog: {}", changes);
            }
        } catch (RuntimeException e) {
            LOG.warn("catalog refresh failed (tried again later): {}", e.toString());
        }
    }

    /** A census run registering its tables holds the metastore for a few seconds: wait for it, up to two minutes. */
    private void awaitMetastore(SparkSession spark) throws InterruptedException {
        for (int waited = 0; CensusCatalog.metastoreBusy(spark); waited++) {
            if (waited == 0) {
                LOG.info("the catalog of {} is in use by another process; waiting for it", warehouse);
            }
            if (waited >= 120) {
                throw new CensusInputException("The catalog of " + warehouse + " has been in use by another process for two "
                        + "minutes (another SQL endpoint on this warehouse, or scripts/sql.sh?); not started.");
            }
            Thread.sleep(1000);
        }
    }

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
