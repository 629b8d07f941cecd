#!/usr/bin/env bash
# Writes the stored tables of one snapshot as CSV, read from the warehouse (no catalogue, no recomputing):
#   scripts/export.sh --warehouse DIR [--snapshot-date YYYY-MM-DD] --out DIR
# Relative paths are relative to the checkout. Options: scripts/export.sh --help
source "$(dirname "$0")/lib.sh"
census_java export "$@"
