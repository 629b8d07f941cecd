package org.modelcensus;

import java.util.concurrent.Callable;

import org.modelcensus.config.WarehouseOptions;
import org.modelcensus.errors.CensusInputException;
import org.modelcensus.errors.ExitCode;
import org.modelcensus.serve.SqlQuery;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code sql} (scripts/sql.sh): one read-only statement on the census catalog, printed as a table. */
@Command(name = "sql", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Runs one read-only SQL statement on the census catalog (database census) and prints the result.")
final class SqlCommand implements Callable<Integer> {

    @ParentCommand
    private ModelCensus app;

    @Parameters(index = "0", paramLabel = "STATEMENT", description = "The statement, for example \"SELECT * FROM country_ranking\".")
    private String statement;

    @Mixin
    private WarehouseOptions warehouse;

    @Option(names = "--max-rows", paramLabel = "N", defaultValue = "1000", description = "Rows printed at most (default: ${DEFAULT-VALUE}).")
    private int maxRows;

    @Override
    public Integer call() {
        if (maxRows < 1) {
            throw new CensusInputException("--max-rows must be 1 or more, got " + maxRows + ".");
        }
        new SqlQuery(warehouse.warehouse(), warehouse.master(), maxRows).run(statement, app.out());
        return ExitCode.OK.code();
    }
}
