package org.modelcensus.config;

import picocli.CommandLine.Option;

/** Where a job takes its SQL files and reference data from (census, enrich): the jar's copy unless a folder is given. */
public final class SqlSourceOptions {

    @Option(names = "--sql-dir", paramLabel = "DIR", description = "SQL folder to run (default: the copy inside the application jar).")
    String sqlDir;

    @Option(names = "--reference-dir", paramLabel = "DIR", description = "Reference CSV folder (default: the copy inside the application jar).")
    String referenceDir;

    public String sqlDir() {
        return CensusOptions.blankToNull(sqlDir);
    }

    public String referenceDir() {
        return CensusOptions.blankToNull(referenceDir);
    }
}
