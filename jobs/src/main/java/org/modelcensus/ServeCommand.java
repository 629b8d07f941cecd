package org.modelcensus;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.modelcensus.config.WarehouseOptions;
import org.modelcensus.errors.ExitCode;
import org.modelcensus.serve.CensusSqlServer;
import org.modelcensus.serve.EndpointOptions;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code serve} (started by scripts/serve.sh start): the SQL endpoint for BI tools, until the process is stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Runs the read-only SQL endpoint (JDBC/ODBC) over a census warehouse.")
final class ServeCommand implements Callable<Integer> {

    @Mixin
    private WarehouseOptions warehouse;

    @Option(names = "--host", paramLabel = "ADDR", defaultValue = "127.0.0.1",
            description = "Address to listen on (default: ${DEFAULT-VALUE}); other than loopback only with TLS.")
    private String host;

    @Option(names = "--port", paramLabel = "N", defaultValue = "10000", description = "Port to listen on (default: ${DEFAULT-VALUE}).")
    private int port;

    @Option(names = "--refresh-seconds", paramLabel = "S", defaultValue = "30",
            description = "How often new or changed tables are registered (default: ${DEFAULT-VALUE}).")
    private int refreshSeconds;

    @Option(names = "--query-timeout", paramLabel = "S", defaultValue = "300",
            description = "Seconds after which a statement is cancelled, its Spark jobs with it (default: ${DEFAULT-VALUE}).")
    private int queryTimeout;

    @Option(names = "--max-result-rows", paramLabel = "N", defaultValue = "100000",
            description = "A query that would return more rows fails (default: ${DEFAULT-VALUE}).")
    private int maxResultRows;

    @Option(names = "--max-result-mb", paramLabel = "MB", defaultValue = "256",
            description = "A result larger than this (serialized) fails (default: ${DEFAULT-VALUE}).")
    private int maxResultMegabytes;

    @Option(names = "--max-concurrent-queries", paramLabel = "N", defaultValue = "8",
            description = "Statements running at once; more wait, up to four times as many (default: ${DEFAULT-VALUE}).")
    private int maxConcurrentQueries;

    @Option(names = "--tls-keystore", paramLabel = "FILE", description = "TLS: the server's key and certificate (PKCS12 or JKS).")
    private Path tlsKeystore;

    @Option(names = "--tls-password-file", paramLabel = "FILE", description = "TLS: an owner-only file holding the keystore's password.")
    private Path tlsPasswordFile;

    @Override
    public Integer call() throws Exception {
        EndpointOptions options = new EndpointOptions(host, port, refreshSeconds, tlsKeystore, tlsPasswordFile, queryTimeout,
                maxResultRows, maxResultMegabytes, maxConcurrentQueries);
        new CensusSqlServer(warehouse.warehouse(), warehouse.master(), options).serve();
        return ExitCode.OK.code();
    }
}
