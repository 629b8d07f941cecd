#!/usr/bin/env bash
# Runs the census on this machine (local[*]) with conf/census.properties as defaults:
# the bundled sample catalogue unless --input is given. Options: scripts/run.sh --help
source "$(dirname "$0")/env.sh"
# shellcheck disable=SC2086
exec java $CENSUS_JVM_OPTS -cp "$CENSUS_CLASSPATH" org.modelcensus.CensusJob "$@"
