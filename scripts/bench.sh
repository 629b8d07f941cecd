#!/usr/bin/env bash
# Times scripts/run.sh end to end on the real July-2024 snapshot: 5 runs (after one warm-up build),
# median wall seconds and peak memory (max resident set of the JVM). Usage: scripts/bench.sh [runs]
source "$(dirname "$0")/env.sh"
runs="${1:-5}"
input="${BENCH_INPUT:-$CENSUS_HOME/../shared/data/epoch/large_scale_ai_models_2024-07-16.csv}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

walls=(); peaks=()
for i in $(seq 1 "$runs"); do
  start=$(date +%s.%N)
  /usr/bin/time -f "%M" -o "$work/mem" scripts/run.sh --input "$input" --warehouse "$work/warehouse" >"$work/log" 2>&1 \
    || { cat "$work/log"; exit 1; }
  end=$(date +%s.%N)
  walls+=("$(echo "$end - $start" | bc)"); peaks+=("$(cat "$work/mem")")
  echo "run $i: $(printf '%.1f' "${walls[-1]}") s, peak $(( ${peaks[-1]} / 1024 )) MB"
done
median=$(printf '%s\n' "${walls[@]}" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}')
peak=$(printf '%s\n' "${peaks[@]}" | sort -n | tail -n 1)
echo "median wall: $(printf '%.1f' "$median") s over $runs runs; peak memory: $(( peak / 1024 )) MB; $(nproc) cores"
