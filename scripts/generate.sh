#!/usr/bin/env bash
# Writes synthetic data, generated in parallel by Spark (local[*]); exactly one of:
#   scripts/generate.sh --models N --seed S --out PATH [--format csv|parquet] [--like CATALOGUE] [--partitions P]
#       a catalogue shaped like the real Epoch snapshot (CSV by default)
#   scripts/generate.sh --deals N --seed S --out PATH [--format parquet|csv] [--countries skewed|uniform] [--partitions P]
#       a deal-level AI investment set: country_code, deal_date, amount_usd, sector (Parquet by default)
#   scripts/generate.sh --chips N --seed S --out FILE [--like CATALOGUE] [--unlisted-hardware K]
#       a hardware list in Epoch AI's ML hardware CSV layout, covering the catalogue's training-hardware names but K
# Same N, seed, like-catalogue and partitions: the same rows, byte for byte. Options: scripts/generate.sh --help
source "$(dirname "$0")/lib.sh"
census_java generate "$@"
