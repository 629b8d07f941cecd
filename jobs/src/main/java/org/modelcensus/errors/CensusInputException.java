package org.modelcensus.errors;

/**
 * A problem the user can fix (bad option, missing or malformed input, broken reference file).
 * {@link ExitCode#BAD_INPUT} (exit code 2) and prints only its message, never a stack trace.
 */
public class CensusInputException extends RuntimeException {
    public CensusInputException(String message) {
        super(message);
    }

    public CensusInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
