#!/usr/bin/env bash
# Runs one read-only SQL statement on the census catalog (database census is current) and prints the result as a table:
#   scripts/sql.sh [--warehouse DIR] [--max-rows N] "SELECT * FROM country_ranking WHERE snapshot_date = '2024-07-16'"
# Default warehouse: ./warehouse. Runs in a local Spark session; while scripts/serve.sh runs for the warehouse it goes
# through the endpoint's JDBC port instead, with the BI credentials (the embedded metastore admits one process).
source "$(dirname "$0")/lib.sh"
census_java sql "$@"
