package org.modelcensus.config;

import java.io.PrintStream;

import org.modelcensus.CensusInputException;

import picocli.CommandLine;

/** The command-line handling every job shares: a bad option is a fixable input (exit code 2); --help prints the usage. */
public final class CommandLines {

    private CommandLines() {
    }

    /**
     * Parses the arguments into the command's options object.
     *
     * @return true when the job should run; false when --help or --version was asked for and the usage printed
     */
    public static boolean parse(CommandLine commandLine, String[] args, PrintStream out) {
        try {
            commandLine.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            throw new CensusInputException(e.getMessage() + " (see --help)");
        }
        if (commandLine.isUsageHelpRequested() || commandLine.isVersionHelpRequested()) {
            commandLine.usage(out);
            return false;
        }
        return true;
    }
}
