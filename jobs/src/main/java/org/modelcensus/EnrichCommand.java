package org.modelcensus;

import java.util.concurrent.Callable;

import org.modelcensus.config.EnrichConfig;
import org.modelcensus.config.EnrichOptions;
import org.modelcensus.enrich.Enrichment;
import org.modelcensus.errors.ExitCode;
import org.modelcensus.spark.SparkSessions;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code enrich} (scripts/enrich.sh): a stored census snapshot joined with a hardware file and/or an investment table. */
@Command(name = "enrich", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Joins a stored census snapshot with an ML hardware file and/or a country-year investment table.")
final class EnrichCommand implements Callable<Integer> {

    @ParentCommand
    private ModelCensus app;

    @Mixin
    private EnrichOptions options;

    @Override
    public Integer call() {
        EnrichConfig config = options.toConfig();
        return app.withSession(() -> SparkSessions.create(config.master()), spark -> {
            Enrichment.Result result = new Enrichment(spark).run(config);
            app.out().println("model-census: enriched snapshot " + result.snapshotDate() + " of " + config.warehouse() + ": "
                    + result.written());
            return ExitCode.OK.code();
        });
    }
}
