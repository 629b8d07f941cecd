#!/usr/bin/env bash
# Writes a synthetic catalogue shaped like the real Epoch snapshot, generated in parallel by Spark (local[*]):
#   scripts/generate.sh --models N --seed S --out PATH [--format csv|parquet] [--like CATALOGUE] [--partitions P]
# Same N, seed, like-catalogue and partitions: the same rows, byte for byte. Options: scripts/generate.sh --help
source "$(dirname "$0")/env.sh"
# shellcheck disable=SC2086
exec java $CENSUS_JVM_OPTS -cp "$CENSUS_CLASSPATH" org.modelcensus.generate.CatalogueGenerator "$@"
