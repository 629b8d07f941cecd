#!/usr/bin/env bash
# Benchmarks the census.
#   scripts/bench.sh [runs]            times scripts/run.sh end to end on the real July-2024 snapshot: 5 runs
#                                      (after one warm-up build), median wall seconds and peak memory (max
#                                      resident set of the JVM).
#   scripts/bench.sh --scale [--large] generates catalogues of 10^5 and 10^6 models (and 10^7 with --large) as
#                                      CSV and Parquet under a temporary folder, runs the census on each, then the
#                                      same breakdowns in DuckDB (the test-scope harness DuckDbCensus) on the same
#                                      files, and prints per size and format: wall seconds, models per second,
#                                      peak memory of the driver, DuckDB's wall seconds and the census/DuckDB ratio.
# Scale settings (environment): BENCH_SIZES="100000 1000000" overrides the sizes; BENCH_FORMATS="csv parquet";
# BENCH_DRIVER_MEMORY (default 2g) is the census driver heap; BENCH_SEED (default 1); BENCH_DIR keeps the
# catalogues there (default: a temporary folder, removed at the end); BENCH_CENSUS_ARGS adds census options.
source "$(dirname "$0")/env.sh"

scale=false; large=false; runs=5
for arg in "$@"; do
  case "$arg" in
    --scale) scale=true ;;
    --large) scale=true; large=true ;;
    [0-9]*) runs="$arg" ;;
    *) echo "usage: scripts/bench.sh [runs] | --scale [--large]" >&2; exit 2 ;;
  esac
done

snapshot_bench() {
  local input="${BENCH_INPUT:-$CENSUS_HOME/../shared/data/epoch/large_scale_ai_models_2024-07-16.csv}"
  work="$(mktemp -d)"   # global: the EXIT trap runs after this function returns
  trap 'rm -rf "$work"' EXIT
  local walls=() peaks=()
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
}

# Runs a command, timed: sets $wall (seconds), $cpu (user + system seconds) and $rss (peak resident MB); its
# output goes to $1. On a shared machine compare cpu as well as wall: wall includes waiting for the cores.
timed() {
  local log="$1"; shift
  local start end
  start=$(date +%s.%N)
  /usr/bin/time -f "%M %U %S" -o "$log.time" "$@" >"$log" 2>&1 || { tail -n 40 "$log"; echo "bench: failed: $*" >&2; exit 1; }
  end=$(date +%s.%N)
  wall=$(echo "$end - $start" | bc)
  read -r rss user sys < <(tail -n 1 "$log.time")
  rss=$(( rss / 1024 )); cpu=$(echo "$user + $sys" | bc)
}

# Largest heap in use before a collection, from a -Xlog:gc log ("... 412M->96M(1024M) ..."), in MB.
gc_peak() {
  grep -oE '[0-9]+M->[0-9]+M' "$1" | cut -dM -f1 | sort -n | tail -n 1 || true
}

scale_bench() {
  local sizes formats keep=false   # work is global: the EXIT trap runs after this function returns
  sizes="${BENCH_SIZES:-100000 1000000$($large && echo " 10000000")}"
  formats="${BENCH_FORMATS:-csv parquet}"
  if [[ -n "${BENCH_DIR:-}" ]]; then work="$BENCH_DIR"; keep=true; mkdir -p "$work"; else work="$(mktemp -d /tmp/census-bench.XXXXXX)"; fi
  $keep || trap 'rm -rf "$work"' EXIT

  # The DuckDB harness is a test class: compile the tests and resolve the test classpath (DuckDB included).
  if [[ ! -f target/test-classpath.txt || pom.xml -nt target/test-classpath.txt ]] \
      || [[ -n "$(find jobs/src/test -newer target/test-classpath.txt -print -quit)" ]]; then
    echo "bench: compiling the DuckDB harness (mvn test-compile) ..." >&2
    mvn -B -q test-compile >&2
    mvn -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt >&2
  fi
  local duckdb_cp="$CENSUS_HOME/target/test-classes:$CENSUS_HOME/target/classes:$(cat target/test-classpath.txt)"

  echo "machine: $(nproc) cores, $(free -g | awk '/^Mem:/ {print $2}') GB RAM; census driver heap ${BENCH_DRIVER_MEMORY:-2g}; $work"
  local results=()
  for n in $sizes; do
    for fmt in $formats; do
      local data="$work/catalogue-$n-$fmt"
      if [[ ! -e "$data" ]]; then
        timed "$work/generate.log" scripts/generate.sh --models "$n" --seed "${BENCH_SEED:-1}" --out "$data" --format "$fmt"
        echo "generated $n models as $fmt in $(printf '%.1f' "$wall") s ($(du -sh "$data" | cut -f1))"
      fi

      rm -rf "$work/warehouse" "$work/gc.log"
      # shellcheck disable=SC2086
      timed "$work/census-$n-$fmt.log" env CENSUS_DRIVER_MEMORY="${BENCH_DRIVER_MEMORY:-2g}" \
        CENSUS_EXTRA_JVM_OPTS="${CENSUS_EXTRA_JVM_OPTS:-} -Xlog:gc:file=$work/gc.log" \
        scripts/run.sh --input "$data" --input-format "$fmt" --warehouse "$work/warehouse" --snapshot-date 2024-07-16 \
        ${BENCH_CENSUS_ARGS:-}
      local census_wall="$wall" census_cpu="$cpu" census_rss="$rss" census_heap; census_heap="$(gc_peak "$work/gc.log")"
      grep -E 'CensusPipeline: (read|silver|tables)' "$work/census-$n-$fmt.log" | sed 's/^/  census: /' || true

      rm -rf "$work/duckdb-out"
      timed "$work/duckdb-$n-$fmt.log" java -Xmx2g -cp "$duckdb_cp" org.modelcensus.bench.DuckDbCensus \
        --input "$data" --input-format "$fmt" --out "$work/duckdb-out" --threads "$(nproc)"
      local duck_wall="$wall" duck_cpu="$cpu"
      sed 's/^/  /' "$work/duckdb-$n-$fmt.log" | grep 'duckdb:' || true

      results+=("$(printf '%-9s %-8s %8.1f %8.1f %10.0f %8s %8s %9.1f %8.1f %7.1f' "$n" "$fmt" "$census_wall" "$census_cpu" \
        "$(echo "$n / $census_wall" | bc -l)" "$census_rss" "${census_heap:-?}" "$duck_wall" "$duck_cpu" \
        "$(echo "$census_wall / $duck_wall" | bc -l)")")
    done
  done
  echo
  printf '%-9s %-8s %8s %8s %10s %8s %8s %9s %8s %7s\n' models format "wall s" "cpu s" "models/s" "RSS MB" "heap MB" \
    "duckdb s" "cpu s" ratio
  printf '%s\n' "${results[@]}"
  echo "(wall: end to end, JVM start included, for both; cpu: user + system seconds; RSS: peak resident memory of the"
  echo " census JVM, driver and local executors; heap: largest Java heap in use before a GC; ratio: census wall /"
  echo " DuckDB wall; load average at the end: $(cut -d' ' -f1-3 /proc/loadavg))"
}

if $scale; then scale_bench; else snapshot_bench; fi
