package org.modelcensus.errors;

/**
 * The exit codes of every model-census command, and how census_runs names the end of a run. One mapping for all
 * jobs: {@code ModelCensus} turns a failure into its code here.
 */
public enum ExitCode {
    /** Done. */
    OK(0, "succeeded"),
    /** An unexpected failure: the log has the details. */
    FAILED(1, "failed"),
    /** An input or option the user can fix ({@link CensusInputException}): one line, no stack trace. */
    BAD_INPUT(2, "bad_input"),
    /** The data-quality gate stopped the run ({@link CensusQualityException}); nothing of the snapshot was written. */
    QUALITY_GATE(3, "quality_gate_failed");

    private final int code;
    private final String status;

    ExitCode(int code, String status) {
        this.code = code;
        this.status = status;
    }

    public int code() {
        return code;
    }

    /** The status census_runs records for a run that ended so. */
    public String status() {
        return status;
    }

    /** The exit code a failure ends a command with. */
    public static ExitCode of(Throwable failure) {
        if (failure instanceof CensusQualityException) {
            return QUALITY_GATE;
        }
        return failure instanceof CensusInputException ? BAD_INPUT : FAILED;
    }
}
