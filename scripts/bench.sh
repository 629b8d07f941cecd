#!/usr/bin/env bash
# Benchmarks the census.
#   scripts/bench.sh [runs]            the scheduled case: scripts/run.sh end to end on the real July-2024 snapshot,
#                                      a first run into an empty warehouse, then [runs] (5) re-runs into it with
#                                      --force; wall and CPU seconds, the phase split, and the floor measured with
#                                      the same JVM flags (session, read the CSV, one Delta write) and the ratio
#                                      median re-run / floor. BENCH_RERUN_ARGS replaces --force.
#   scripts/bench.sh --scale [--large] generates catalogues of 10^5 and 10^6 models (and 10^7 with --large) as
#                                      CSV and Parquet under a temporary folder, runs the census on each, then the
#                                      same breakdowns in DuckDB (the test-scope harness DuckDbCensus) on the same
#                                      files, in rounds (BENCH_ROUNDS), and prints per size and format the medians:
#                                      wall seconds, models per second, peak memory of the driver, DuckDB's wall
#                                      seconds and the census/DuckDB ratio.
#   scripts/bench.sh --enrich          times the enrichment (scripts/enrich.sh) at 10^6 models x 10^7 deals: generates a
#                                      Parquet catalogue, runs the census on it once (not timed), generates a hardware
#                                      list and the deals twice, skewed as real AI investment (USA about half) and
#                                      uniform over the countries, then runs the enrichment on each and prints wall
#                                      seconds, CPU seconds, peak memory, load average and the largest country's share.
#   scripts/bench.sh --endpoint        loads the SQL endpoint: runs the census of the real snapshot into a temporary
#                                      warehouse, starts scripts/serve.sh on it, then 8 clients at once send 50
#                                      statements each (the test-scope harness EndpointLoad), one in four an attack the
#                                      endpoint must refuse, every honest answer checked against the expected tables;
#                                      prints p50, p95 and max latency of each kind and the throughput.
# Endpoint settings (environment): BENCH_CLIENTS (8), BENCH_QUERIES (50 per client), BENCH_ENDPOINT_PORT (10099),
# BENCH_SERVE_ARGS adds serve.sh options.
# Scale settings (environment): BENCH_SIZES="100000 1000000" overrides the sizes; BENCH_FORMATS="csv parquet";
# BENCH_ROUNDS, the census and DuckDB alternated that many times per size and format (default 3 up to 10^6 models, 1
# above: this machine's speed moves by a sixth within minutes, so one pair is one draw);
# BENCH_DRIVER_MEMORY is the census driver heap (default: scripts/lib.sh's, by input size); BENCH_SEED (default 1);
# BENCH_DIR keeps the catalogues there (default: a temporary folder, removed at the end); BENCH_CENSUS_ARGS adds census
# options.
# Enrichment settings (environment): BENCH_ENRICH_MODELS (default 1000000), BENCH_ENRICH_DEALS (10000000),
# BENCH_ENRICH_CHIPS (hardware list, 10000), BENCH_ENRICH_ARGS adds enrichment options; BENCH_DRIVER_MEMORY (here
# default 2g), BENCH_SEED and BENCH_DIR as above. With BENCH_DIR the catalogue, the census warehouse
# (enrich-warehouse-N, reused once complete: enrich-warehouse-N.ready), the deals and the hardware list are kept and
# reused.
source "$(dirname "$0")/lib.sh"

scale=false; large=false; enrich=false; endpoint=false; runs=5
for arg in "$@"; do
  case "$arg" in
    --scale) scale=true ;;
    --large) scale=true; large=true ;;
    --enrich) enrich=true ;;
    --endpoint) endpoint=true ;;
    [0-9]*) runs="$arg" ;;
    *) echo "usage: scripts/bench.sh [runs] | --scale [--large] | --enrich | --endpoint" >&2; exit 2 ;;
  esac
done

# The scheduled case: the real snapshot into a new warehouse once, then re-run into it (--force: recomputed, not
# skipped as unchanged), beside the floor of any Spark job with the same JVM flags: session, read, one Delta write.
scheduled_bench() {
  local input="${BENCH_INPUT:-$CENSUS_HOME/conf/epoch/large_scale_ai_models_2024-07-16.csv}"
  bench_work
  bench_test_classpath
  echo "machine: $(nproc) cores, $(free -g | awk '/^Mem:/ {print $2}') GB RAM; $(date -u +%F); input $input"
  local floors=() walls=() floor_cp="$work/floor.jar:$CENSUS_CLASSPATH"
  # The floor as a jar with class-data sharing of its own, as scripts/run.sh has (see lib.sh): a first, uncounted run
  # writes its archive.
  (cd target/test-classes && jar cf "$work/floor.jar" org/modelcensus/bench/SparkFloor*.class)
  for i in 0 1 2 3; do
    rm -rf "$work/floor"
    local sharing=(-XX:SharedArchiveFile="$work/floor.jsa")
    [[ $i == 0 ]] && sharing=(-XX:ArchiveClassesAtExit="$work/floor.jsa")
    # shellcheck disable=SC2046 # the job's JVM flags, as scripts/run.sh gives them
    timed "$work/floor.log" java "@$CENSUS_HOME/conf/jvm.options" $(census_jvm_flags "$input") -Xlog:cds=off \
      -Xlog:cds+dynamic=off "${sharing[@]}" -cp "$floor_cp" org.modelcensus.bench.SparkFloor "$input" "$work/floor"
    [[ $i == 0 ]] && continue
    floors+=("$wall")
    echo "floor $i: $(printf '%.1f' "$wall") s wall, $(printf '%.1f' "$cpu") s CPU ($(grep -o 'JVM and session.*' "$work/floor.log"))"
  done
  rm -rf "$work/warehouse"
  # shellcheck disable=SC2086
  timed "$work/first.log" scripts/run.sh --input "$input" --warehouse "$work/warehouse" --report-dir "$work/report" ${BENCH_CENSUS_ARGS:-}
  echo "first run (empty warehouse): $(printf '%.1f' "$wall") s wall, $(printf '%.1f' "$cpu") s CPU"
  phases "$work/first.log"
  for i in $(seq 1 "$runs"); do
    # shellcheck disable=SC2086
    timed "$work/rerun.log" scripts/run.sh --input "$input" --warehouse "$work/warehouse" --report-dir "$work/report" \
      ${BENCH_RERUN_ARGS---force} ${BENCH_CENSUS_ARGS:-}
    walls+=("$wall")
    echo "re-run $i: $(printf '%.1f' "$wall") s wall, $(printf '%.1f' "$cpu") s CPU, peak $rss MB"
  done
  phases "$work/rerun.log"
  local floor rerun
  floor="$(median "${floors[@]}")"; rerun="$(median "${walls[@]}")"
  echo "re-run median of $runs: $(printf '%.1f' "$rerun") s; floor median of 3: $(printf '%.1f' "$floor") s;" \
    "ratio re-run / floor: $(printf '%.2f' "$(echo "$rerun / $floor" | bc -l)")"
}

# The phase split a census run logs.
phases() {
  grep -E 'CensusPipeline: (phases:|read .* in|silver tables computed in|tables written in)' "$1" | sed 's/^.*CensusPipeline: /  /' || true
}

median() {
  printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'
}

# The test-scope harnesses (DuckDbCensus, SparkFloor): compiles the tests when they changed and sets $bench_cp.
bench_test_classpath() {
  if [[ ! -f target/test-classpath.txt || pom.xml -nt target/test-classpath.txt ]] \
      || [[ -n "$(find jobs/src/test jobs/src/main -newer target/test-classpath.txt -print -quit)" ]]; then
    echo "bench: compiling the benchmark harnesses (mvn test-compile) ..." >&2
    mvn -B -q test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt >&2
  fi
  bench_cp="$CENSUS_HOME/target/test-classes:$CENSUS_HOME/target/classes:$(cat target/test-classpath.txt)"
}

# Runs a command, timed: sets $wall (seconds), $cpu (user + system seconds) and $rss (peak resident MB); its
# output goes to $1. On a shared machine compare cpu as well as wall: wall includes waiting for the cores.
timed() {
  local log="$1"; shift
  local start end
  start=$(date +%s.%N)
  /usr/bin/time -f "%M %U %S" -o "$log.time" "$@" >"$log" 2>&1 || { tail -n 40 "$log"; echo "bench: failed: ${*:1:3} ... (log: $log)" >&2; exit 1; }
  end=$(date +%s.%N)
  wall=$(echo "$end - $start" | bc)
  read -r rss user sys < <(tail -n 1 "$log.time")
  rss=$(( rss / 1024 )); cpu=$(echo "$user + $sys" | bc)
}

# Largest heap in use before a collection, from a -Xlog:gc log ("... 412M->96M(1024M) ..."), in MB.
gc_peak() {
  grep -oE '[0-9]+M->[0-9]+M' "$1" | cut -dM -f1 | sort -n | tail -n 1 || true
}

# Sets the global $work (global: the EXIT trap runs after the caller returns): BENCH_DIR, kept so that its catalogues
# are reused, else a temporary folder removed at the end.
bench_work() {
  if [[ -n "${BENCH_DIR:-}" ]]; then work="$BENCH_DIR"; mkdir -p "$work"; else work="$(mktemp -d /tmp/census-bench.XXXXXX)"; trap 'rm -rf "$work"' EXIT; fi
}

# Sets $catalogue to $work/catalogue-N-FORMAT, generating it (seed BENCH_SEED) unless it is there.
bench_catalogue() {
  catalogue="$work/catalogue-$1-$2"
  if [[ ! -e "$catalogue" ]]; then
    timed "$work/generate.log" scripts/generate.sh --models "$1" --seed "${BENCH_SEED:-1}" --out "$catalogue" --format "$2"
    echo "generated $1 models as $2 in $(printf '%.1f' "$wall") s ($(du -sh "$catalogue" | cut -f1))"
  fi
}

scale_bench() {
  local sizes="100000 1000000" formats
  if $large; then sizes+=" 10000000"; fi
  sizes="${BENCH_SIZES:-$sizes}"
  formats="${BENCH_FORMATS:-csv parquet}"
  bench_work

  bench_test_classpath

  echo "machine: $(nproc) cores, $(free -g | awk '/^Mem:/ {print $2}') GB RAM; census driver heap ${BENCH_DRIVER_MEMORY:-by input size (scripts/lib.sh)}; $work"
  local results=()
  local heap_env=()
  if [[ -n ${BENCH_DRIVER_MEMORY:-} ]]; then heap_env=(CENSUS_DRIVER_MEMORY="$BENCH_DRIVER_MEMORY"); fi
  for n in $sizes; do
    for fmt in $formats; do
      bench_catalogue "$n" "$fmt"
      local data="$catalogue" rounds="${BENCH_ROUNDS:-$(( n > 1000000 ? 1 : 3 ))}"
      local census_walls=() census_cpus=() duck_walls=() duck_cpus=() ratios=() census_rss=0 census_heap=""
      for round in $(seq 1 "$rounds"); do
        rm -rf "$work/warehouse" "$work/gc.log"
        # shellcheck disable=SC2086
        timed "$work/census-$n-$fmt.log" env "${heap_env[@]}" \
          CENSUS_EXTRA_JVM_OPTS="${CENSUS_EXTRA_JVM_OPTS:-} -Xlog:gc:file=$work/gc.log" \
          scripts/run.sh --input "$data" --input-format "$fmt" --warehouse "$work/warehouse" --snapshot-date 2024-07-16 \
          ${BENCH_CENSUS_ARGS:-}
        census_walls+=("$wall"); census_cpus+=("$cpu")
        census_rss=$(( rss > census_rss ? rss : census_rss ))
        local heap; heap="$(gc_peak "$work/gc.log")"
        if [[ -n $heap ]] && (( heap > ${census_heap:-0} )); then census_heap="$heap"; fi
        echo "$n $fmt round $round of $rounds: census $(printf '%.1f' "$wall") s wall, $(printf '%.1f' "$cpu") s CPU"
        phases "$work/census-$n-$fmt.log"

        rm -rf "$work/duckdb-out"
        timed "$work/duckdb-$n-$fmt.log" java -Xmx2g -cp "$bench_cp" org.modelcensus.bench.DuckDbCensus \
          --input "$data" --input-format "$fmt" --out "$work/duckdb-out" --threads "$(nproc)"
        duck_walls+=("$wall"); duck_cpus+=("$cpu")
        ratios+=("$(echo "${census_walls[-1]} / $wall" | bc -l)")
        echo "$n $fmt round $round of $rounds: DuckDB $(printf '%.1f' "$wall") s wall, $(printf '%.1f' "$cpu") s CPU;" \
          "ratio $(printf '%.2f' "${ratios[-1]}")"
        sed 's/^/  /' "$work/duckdb-$n-$fmt.log" | grep 'duckdb:' || true
      done
      rm -rf "$work/warehouse" "$work/duckdb-out"

      local census_wall; census_wall="$(median "${census_walls[@]}")"
      results+=("$(printf '%-9s %-8s %6s %8.1f %8.1f %10.0f %8s %8s %9.1f %8.1f %7.2f' "$n" "$fmt" "$rounds" "$census_wall" \
        "$(median "${census_cpus[@]}")" "$(echo "$n / $census_wall" | bc -l)" "$census_rss" "${census_heap:-?}" \
        "$(median "${duck_walls[@]}")" "$(median "${duck_cpus[@]}")" "$(median "${ratios[@]}")")")
    done
  done
  echo
  printf '%-9s %-8s %6s %8s %8s %10s %8s %8s %9s %8s %7s\n' models format rounds "wall s" "cpu s" "models/s" "RSS MB" \
    "heap MB" "duckdb s" "cpu s" ratio
  printf '%s\n' "${results[@]}"
  echo "(rounds: census then DuckDB, one after the other, that many times; wall and cpu: medians of the rounds, end to"
  echo " end, JVM start included, for both; cpu: user + system seconds; RSS: largest peak resident memory of the census"
  echo " JVM, driver and local executors; heap: largest Java heap in use before a GC; ratio: median of the rounds' census"
  echo " wall / DuckDB wall; load average at the end: $(cut -d' ' -f1-3 /proc/loadavg))"
}

enrich_bench() {
  local models="${BENCH_ENRICH_MODELS:-1000000}" deals="${BENCH_ENRICH_DEALS:-10000000}" chips="${BENCH_ENRICH_CHIPS:-10000}"
  local seed="${BENCH_SEED:-1}" heap="${BENCH_DRIVER_MEMORY:-2g}"
  bench_work
  echo "machine: $(nproc) cores, $(free -g | awk '/^Mem:/ {print $2}') GB RAM; driver heap $heap; $models models x $deals deals; $work"
  bench_catalogue "$models" parquet

  # The census's silver tables are the enrichment's input: computed once, not part of the timing.
  local warehouse="$work/enrich-warehouse-$models"
  if [[ ! -f "$warehouse.ready" ]]; then
    rm -rf "$warehouse"
    # shellcheck disable=SC2086
    timed "$work/census-enrich-$models.log" env CENSUS_DRIVER_MEMORY="$heap" \
      scripts/run.sh --input "$catalogue" --input-format parquet --warehouse "$warehouse" --snapshot-date 2024-07-16 \
      --report-dir '' ${BENCH_CENSUS_ARGS:-}
    touch "$warehouse.ready"
    echo "census on $models models (setup, not timed below): $(printf '%.0f' "$wall") s"
  fi

  local hardware="$work/hardware-$chips.csv"
  if [[ ! -e "$hardware" ]]; then
    timed "$work/hardware-$chips.log" scripts/generate.sh --chips "$chips" --seed "$seed" --out "$hardware"
  fi
  grep -h 'left out on purpose' "$work/hardware-$chips.log" 2>/dev/null | sed 's/^/hardware list: /' || true

  local results=() mix deal_set share
  for mix in skewed uniform; do
    deal_set="$work/deals-$deals-$mix"
    if [[ ! -e "$deal_set" ]]; then
      timed "$deal_set.log" scripts/generate.sh --deals "$deals" --countries "$mix" --seed "$seed" --out "$deal_set"
      echo "generated $deals $mix deals in $(printf '%.1f' "$wall") s ($(du -sh "$deal_set" | cut -f1))"
    fi
    # measured by the generator on the files it wrote ("largest country: USA, 50.01 % of N deals")
    share="$(grep -ohE 'largest country: [A-Z]+, [0-9.]+ %' "$deal_set.log" 2>/dev/null | sed 's/largest country: //' || true)"

    rm -f "$work/gc.log"
    # shellcheck disable=SC2086
    timed "$work/enrich-$mix.log" env CENSUS_DRIVER_MEMORY="$heap" \
      CENSUS_EXTRA_JVM_OPTS="${CENSUS_EXTRA_JVM_OPTS:-} -Xlog:gc:file=$work/gc.log" \
      scripts/enrich.sh --warehouse "$warehouse" --snapshot-date 2024-07-16 --hardware "$hardware" \
      --investment "$deal_set" --investment-format parquet --investment-country-column country_code \
      --investment-date-column deal_date --investment-amount-column amount_usd ${BENCH_ENRICH_ARGS:-}
    results+=("$(printf '%-8s %-12s %8.1f %8.1f %8s %8s %s' "$mix" "${share:-?}" "$wall" "$cpu" "$rss" \
      "$(gc_peak "$work/gc.log")" "$(cut -d' ' -f1-3 /proc/loadavg)")")
  done
  echo
  printf '%-8s %-12s %8s %8s %8s %8s %s\n' deals largest "wall s" "cpu s" "RSS MB" "heap MB" "load average after"
  printf '%s\n' "${results[@]}"
  echo "(scripts/enrich.sh end to end, JVM start included; $models models x $deals deals; largest: the largest country's"
  echo " share of the deals; cpu: user + system seconds; RSS: peak resident memory; heap: largest Java heap in use before"
  echo " a GC; logs: $work/enrich-skewed.log and enrich-uniform.log; target of issue 6: 90 s wall on 2 cores)"
}

# The SQL endpoint under load: honest reads and attacks from several clients at once, on the real snapshot's census.
endpoint_bench() {
  local port="${BENCH_ENDPOINT_PORT:-10099}"
  bench_work
  bench_test_classpath
  echo "machine: $(nproc) cores, $(free -g | awk '/^Mem:/ {print $2}') GB RAM; $(date -u +%F); $work"
  timed "$work/census.log" scripts/run.sh --input "$CENSUS_HOME/conf/epoch/large_scale_ai_models_2024-07-16.csv" \
    --warehouse "$work/warehouse" --report-dir ''
  (umask 077; printf 'user=bench\npassword=%s\n' "$(head -c 18 /dev/urandom | base64)" >"$work/credentials")
  export CENSUS_BI_CREDENTIALS="$work/credentials"
  # stop the server first; then, as bench_work's own trap would, remove a temporary folder (never BENCH_DIR)
  trap 'scripts/serve.sh stop --warehouse "$work/warehouse" >/dev/null; [[ -n "${BENCH_DIR:-}" ]] || rm -rf "$work"' EXIT
  # shellcheck disable=SC2086
  scripts/serve.sh start --warehouse "$work/warehouse" --port "$port" ${BENCH_SERVE_ARGS:-}
  java -cp "$bench_cp" org.modelcensus.bench.EndpointLoad --url "jdbc:hive2://127.0.0.1:$port/census" \
    --expected "$CENSUS_HOME/jobs/src/test/resources/expected/2024-07-16" \
    --clients "${BENCH_CLIENTS:-8}" --queries "${BENCH_QUERIES:-50}" 2>"$work/load.log" || { tail -n 20 "$work/load.log"; exit 1; }
  echo "server: $(grep -o 'SQL endpoint ready.*' "$work/warehouse/_catalog/serve/server.log")"
  echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
}

if $endpoint; then endpoint_bench; elif $enrich; then enrich_bench; elif $scale; then scale_bench; else scheduled_bench; fi
