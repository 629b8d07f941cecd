package org.modelcensus;

import java.util.concurrent.Callable;

import org.modelcensus.config.WarehouseOptions;
import org.modelcensus.errors.ExitCode;
import org.modelcensus.serve.CensusSqlServer;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code serve} (started by scripts/serve.sh start): the SQL endpoint for BI tools, until the process is stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Runs the read-only SQL endpoint (JDBC/ODBC) over a census warehouse.")
final class ServeCommand implements Callable<Integer> {

    @Mixin
    private WarehouseOptions warehouse;

    @Option(names = "--host", paramLabel = "ADDR", defaultValue = "127.0.0.1", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    private String host;

    @Option(names = "--port", paramLabel = "N", defaultValue = "10000", description = "Port to listen on (default: ${DEFAULT-VALUE}).")
    private int port;

    @Option(names = "--refresh-seconds", paramLabel = "S", defaultValue = "30",
            description = "How often new or changed tables are registered (default: ${DEFAULT-VALUE}).")
    private int refreshSeconds;

    @Override
    public Integer call() throws Exception {
        new CensusSqlServer(warehouse.warehouse(), host, port, refreshSeconds, warehouse.master()).serve();
        return ExitCode.OK.code();
    }
}
