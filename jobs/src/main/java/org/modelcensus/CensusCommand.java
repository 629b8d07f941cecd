package org.modelcensus;

import java.util.concurrent.Callable;

import org.modelcensus.census.CensusPipeline;
import org.modelcensus.census.UnchangedRun;
import org.modelcensus.config.CensusConfig;
import org.modelcensus.config.CensusOptions;
import org.modelcensus.errors.ExitCode;
import org.modelcensus.spark.SparkSessions;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code census} (scripts/run.sh, spark-submit): one catalogue snapshot in, every census table, the report and exports out. */
@Command(name = "census", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Counts the models of an Epoch AI catalogue snapshot and writes the census tables and the report.")
final class CensusCommand implements Callable<Integer> {

    @ParentCommand
    private ModelCensus app;

    @Mixin
    private CensusOptions options;

    @Override
    public Integer call() {
        UnchangedRun.Decision decision = UnchangedRun.decide(options.toConfig());
        if (decision.skipped() != null) {
            app.out().print(decision.skipped().summary());
            return ExitCode.OK.code();
        }
        CensusConfig config = decision.run();
        return app.withSession(() -> SparkSessions.create(config.master()), spark -> {
            CensusPipeline.Result result = new CensusPipeline(spark).run(config, decision.input());
            app.out().print(result.summary());
            return ExitCode.OK.code();
        });
    }
}
