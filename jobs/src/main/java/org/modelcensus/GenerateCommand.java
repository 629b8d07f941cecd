package org.modelcensus;

import java.util.concurrent.Callable;

import org.modelcensus.errors.ExitCode;
import org.modelcensus.generate.CatalogueGenerator;
import org.modelcensus.generate.DealGenerator;
import org.modelcensus.generate.GenerateOptions;
import org.modelcensus.generate.HardwareListGenerator;
import org.modelcensus.spark.SparkSessions;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code generate} (scripts/generate.sh): synthetic catalogues, investment deals or hardware lists, for scale tests. */
@Command(name = "generate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Writes a synthetic catalogue of N models shaped like a real Epoch AI catalogue (--models),",
                "a synthetic deal-level AI investment set (--deals), or a synthetic hardware list in Epoch AI's",
                "ML hardware layout (--chips) that covers the catalogue's training-hardware names."})
final class GenerateCommand implements Callable<Integer> {

    @ParentCommand
    private ModelCensus app;

    @Mixin
    private GenerateOptions options;

    @Override
    public Integer call() {
        return switch (options.kind()) {
            case deals -> {
                DealGenerator.Settings settings = options.toDealSettings();
                yield app.withSession(() -> SparkSessions.create(options.master()), spark -> {
                    new DealGenerator(spark).write(settings);
                    return ExitCode.OK.code();
                });
            }
            case chips -> {
                HardwareListGenerator.Settings settings = options.toHardwareSettings();
                yield app.withSession(() -> SparkSessions.create(options.master()), spark -> {
                    HardwareListGenerator.write(settings, new CatalogueGenerator(spark).profile(settings.like()));
                    return ExitCode.OK.code();
                });
            }
            case models -> {
                CatalogueGenerator.Settings settings = options.toSettings();
                yield app.withSession(() -> SparkSessions.create(settings.master()), spark -> {
                    new CatalogueGenerator(spark).write(settings);
                    return ExitCode.OK.code();
                });
            }
        };
    }
}
