package org.modelcensus;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.Supplier;

import org.apache.spark.sql.SparkSession;
import org.modelcensus.config.CensusOptions;
import org.modelcensus.errors.CensusInputException;
import org.modelcensus.errors.CensusQualityException;
import org.modelcensus.errors.ExitCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The one entry point of model-census (the jar's main class, for spark-submit and every script): a command per job.
 * Exit codes, the same for all ({@link ExitCode}): 0 done, 1 unexpected failure, 2 an input or option the user can
 * fix (one line, no stack trace), 3 the data-quality gate stopped the run.
 */
@Command(name = "model-census", mixinStandardHelpOptions = true, versionProvider = ModelCensus.Version.class,
        description = "Counts the large-scale AI models of Epoch AI's catalogues with Apache Spark.",
        subcommands = {CensusCommand.class, EnrichCommand.class, ExportCommand.class, GenerateCommand.class, SqlCommand.class,
                ServeCommand.class})
public final class ModelCensus implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(ModelCensus.class);

    private final PrintStream out;
    private final boolean stopSession;

    private ModelCensus(PrintStream out, boolean stopSession) {
        this.out = out;
        this.stopSession = stopSession;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err, true));
    }

    /**
     * Runs one command in this JVM.
     *
     * @param stopSession stop the command's SparkSession at the end (false when the caller owns the session, as tests do)
     * @return the exit code
     */
    public static int run(String[] args, PrintStream out, PrintStream err, boolean stopSession) {
        CommandLine commandLine = new CommandLine(new ModelCensus(out, stopSession))
                .setOut(new PrintWriter(out, true, StandardCharsets.UTF_8))
                .setErr(new PrintWriter(err, true, StandardCharsets.UTF_8))
                .setParameterExceptionHandler((e, arguments) -> {
                    err.println("model-census: " + e.getMessage() + " (see: model-census " + e.getCommandLine().getCommandName()
                            + " --help)");
                    return ExitCode.BAD_INPUT.code();
                })
                .setExecutionExceptionHandler((e, cli, parsed) -> {
                    if (e instanceof CensusInputException || e instanceof CensusQualityException) {
                        err.println("model-census: " + e.getMessage());
                    } else {
                        LOG.error(cli.getCommandName() + " failed", e);
                        err.println("model-census: unexpected failure: " + e + " (details in the log above)");
                    }
                    return ExitCode.of(e).code();
                });
        if (args.length > 0 && args[0].equals("census")) {
            // The census's defaults come from a properties file (--config), read before its arguments are parsed.
            try {
                commandLine.getSubcommands().get("census").setDefaultValueProvider(CensusOptions.defaultsFor(args));
            } catch (CensusInputException e) {
                err.println("model-census: " + e.getMessage());
                return ExitCode.BAD_INPUT.code();
            }
        }
        try {
            return commandLine.execute(args);
        } catch (Error e) { // picocli hands an Error on (the driver out of memory, say): a failure like any other, then exit
            LOG.error(args.length > 0 ? args[0] + " failed" : "model-census failed", e);
            err.println("model-census: unexpected failure: " + e + " (details in the log above)");
            return ExitCode.FAILED.code();
        }
    }

    /** No command given: the usage, as for a wrong option. */
    @Override
    public Integer call() {
        new CommandLine(this).usage(out);
        return ExitCode.BAD_INPUT.code();
    }

    PrintStream out() {
        return out;
    }

    /** Runs a job on the session it builds, and stops that session afterwards unless the caller owns it. */
    int withSession(Supplier<SparkSession> session, Function<SparkSession, Integer> job) {
        SparkSession spark = session.get();
        try {
            return job.apply(spark);
        } finally {
            if (stopSession) {
                spark.stop();
            }
        }
    }

    /** The version of the application jar (Implementation-Version), for --version. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = ModelCensus.class.getPackage().getImplementationVersion();
            return new String[] {"model-census " + (version == null ? "(development build)" : version)};
        }
    }
}
