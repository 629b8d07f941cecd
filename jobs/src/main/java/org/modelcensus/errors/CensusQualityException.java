package org.modelcensus.errors;

import java.util.List;

/**
 * The quality gate stopped the run: an error-level data-quality check failed (exit code 3). No table of the
 * snapshot was written; the failed checks are in the message and in census_runs.
 */
public final class CensusQualityException extends RuntimeException {

    private final List<String> failedChecks;

    public CensusQualityException(String message, List<String> failedChecks) {
        super(message);
        this.failedChecks = List.copyOf(failedChecks);
    }

    public List<String> failedChecks() {
        return failedChecks;
    }
}
