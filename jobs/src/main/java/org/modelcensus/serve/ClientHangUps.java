package org.modelcensus.serve;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.filter.AbstractFilter;
import org.apache.thrift.transport.TTransportException;

/**
 * Keeps a client's hang-up out of the endpoint's log. The Thrift server of Spark 3.5 (libthrift 0.12) logs
 * "Thrift error occurred during processing of message." at ERROR, with a 20-line stack trace, each time a client closes
 * its connection: the thread that waits for the connection's next message reads the end of the stream. Every JDBC
 * session's close did so, which buries real errors and trips alerts on ERROR. Any other Thrift error (a malformed
 * message, a broken connection) is still logged.
 */
final class ClientHangUps extends AbstractFilter {

    /** The logger of libthrift's connection threads. */
    private static final String THRIFT_SERVER = "org.apache.thrift.server.TThreadPoolServer";

    private ClientHangUps() {
    }

    /** Adds the filter to the Thrift server's logger; with a logging backend other than Log4j 2 it logs as before. */
    static void install() {
        if (!(LogManager.getContext(false) instanceof LoggerContext context)) {
            return;
        }
        Configuration config = context.getConfiguration();
        LoggerConfig logger = config.getLoggerConfig(THRIFT_SERVER);
        if (!logger.getName().equals(THRIFT_SERVER)) {
            // its own level and appenders are those it inherits: a configuration of its own, for the filter alone
            logger = new LoggerConfig(THRIFT_SERVER, null, true);
            config.addLogger(THRIFT_SERVER, logger);
        }
        ClientHangUps filter = new ClientHangUps();
        filter.start();
        logger.addFilter(filter);
        context.updateLoggers();
    }

    @Override
    public Result filter(LogEvent event) {
        return isHangUp(event.getThrown()) ? Result.DENY : Result.NEUTRAL;
    }

    /** The end of the stream, where the next message of a connection would start. */
    private static boolean isHangUp(Throwable thrown) {
        return thrown instanceof TTransportException transport && transport.getType() == TTransportException.END_OF_FILE;
    }
}
