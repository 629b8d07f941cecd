#!/usr/bin/env bash
# Writes the stored tables of one snapshot as CSV, read from the warehouse (no catalogue, no recomputing):
#   scripts/export.sh --warehouse DIR [--snapshot-date YYYY-MM-DD] --to DIR
# Relative paths are relative to the checkout. Options: scripts/export.sh --help
source "$(dirname "$0")/env.sh"
# shellcheck disable=SC2086
exec java $CENSUS_JVM_OPTS -cp "$CENSUS_CLASSPATH" org.modelcensus.CensusExport "$@"
