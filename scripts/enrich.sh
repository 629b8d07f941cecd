#!/usr/bin/env bash
# Joins a stored census snapshot with an ML hardware file and/or a country-year investment table:
#   scripts/enrich.sh --warehouse DIR [--snapshot-date YYYY-MM-DD] [--hardware FILE] [--utilization 0.4]
#                     [--investment PATH [--investment-format auto|owid|csv|parquet] [--investment-*-column NAME]]
# Writes silver.model_hardware, audit.hardware_unmatched, gold.models_by_hardware_manufacturer_year and
# gold.investment_vs_models into the same snapshot. Options: scripts/enrich.sh --help; docs/enrichment.md.
source "$(dirname "$0")/lib.sh"
census_java enrich "$@"
