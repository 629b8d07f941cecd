package org.modelcensus.config;

import java.nio.file.Files;
import java.nio.file.Path;

import org.modelcensus.errors.CensusInputException;

import picocli.CommandLine.Option;

/** Where a job takes its SQL files and reference data from (census, enrich): the jar's copy unless a folder is given. */
public final class SqlSourceOptions {

    @Option(names = "--sql-dir", paramLabel = "DIR", description = "SQL folder to run (default: the copy inside the application jar).")
    String sqlDir;

    @Option(names = "--reference-dir", paramLabel = "DIR", description = "Reference CSV folder (default: the copy inside the application jar).")
    String referenceDir;

    public String sqlDir() {
        return folder("--sql-dir", sqlDir, "the census's SQL files (the checkout's sql/)");
    }

    public String referenceDir() {
        return folder("--reference-dir", referenceDir, "the reference CSV files (the checkout's conf/reference/)");
    }

    /** The folder given, null when none is; refused when it is not a folder, before the job reads from it. */
    private static String folder(String option, String given, String holding) {
        String folder = CensusOptions.blankToNull(given);
        if (folder != null && !Files.isDirectory(Path.of(folder))) {
            throw new CensusInputException(option + " " + folder + " is not a folder: give the folder of " + holding
                    + ", or leave " + option + " out for the copy inside the application jar.");
        }
        return folder;
    }
}
