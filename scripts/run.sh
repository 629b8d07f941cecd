#!/usr/bin/env bash
# Runs the census on this machine (local[*]) with conf/census.properties as defaults: the bundled real snapshot of
# Epoch AI's large-scale models unless --input is given. Options: scripts/run.sh --help; docs/running.md.
source "$(dirname "$0")/lib.sh"
census_java census "$@"
