#!/usr/bin/env bash
# Runs one read-only SQL statement on the census catalog (database census is current) and prints the result as a table:
#   scripts/sql.sh [--warehouse DIR] [--max-rows N] "SELECT * FROM country_ranking WHERE snapshot_date = '2024-07-16'"
# Default warehouse: ./warehouse. Runs in a Spark session of its own that registers the tables the statement names in
# memory: no metastore, so it runs beside a census run or scripts/serve.sh.
source "$(dirname "$0")/lib.sh"
census_java sql "$@"
