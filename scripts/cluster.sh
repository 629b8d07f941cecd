#!/usr/bin/env bash
# A Spark standalone cluster on this machine: scripts/cluster.sh start|stop|status
# One master (spark://127.0.0.1:7077, web UI http://127.0.0.1:8080) and two workers (1 core, 2 GB each), every
# port bound to 127.0.0.1, run from the Maven-resolved Spark jars (target/spark-home; no Spark download).
# Pid files and logs: target/cluster/ (executor logs: target/cluster/work/worker-N/<app>/<executor>/stderr).
# Settings (environment): CENSUS_CLUSTER_DIR, CENSUS_CLUSTER_PORT (7077), CENSUS_CLUSTER_UI_PORT (8080),
# CENSUS_CLUSTER_WORKERS (2), CENSUS_WORKER_CORES (1), CENSUS_WORKER_MEMORY (2g), CENSUS_CLUSTER_TIMEOUT (180 s).
# Worker N listens on port CENSUS_CLUSTER_PORT+N, its web UI on CENSUS_CLUSTER_UI_PORT+N.
source "$(dirname "$0")/lib.sh"

dir="$(realpath -m "${CENSUS_CLUSTER_DIR:-target/cluster}")"
port="${CENSUS_CLUSTER_PORT:-7077}"
ui_port="${CENSUS_CLUSTER_UI_PORT:-8080}"
workers="${CENSUS_CLUSTER_WORKERS:-2}"
timeout="${CENSUS_CLUSTER_TIMEOUT:-180}"
master_url="spark://127.0.0.1:$port"
MASTER_CLASS=org.apache.spark.deploy.master.Master
WORKER_CLASS=org.apache.spark.deploy.worker.Worker

# pid of a daemon this script started, else nothing (lib.sh: the pid file is trusted only when its process is ours)
pid_of() {
  daemon_pid "$dir/$1.pid" "cluster:$dir:$1"
}

# JSON of the master's web UI, empty when it does not answer
master_json() {
  curl -sf --max-time 5 "http://127.0.0.1:$ui_port/json/" || true
}

alive_workers() {
  master_json | tr -d '\n ' | grep -o '"aliveworkers":[0-9]*' | cut -d: -f2 || true
}

master_answers() {
  [[ -n "$(master_json)" ]]
}

workers_alive() {
  [[ "$(alive_workers)" == "$workers" ]]
}

wait_for() { # what check (a function) daemons-that-must-keep-running...
  local what="$1" check="$2" waited=0
  shift 2
  until "$check"; do
    local name
    for name in "$@"; do
      if [[ -z "$(pid_of "$name")" ]]; then
        echo "cluster.sh: $name exited while waiting for $what; its log $dir/logs/$name.log ends with:" >&2
        tail -n 20 "$dir/logs/$name.log" >&2
        exit 1
      fi
    done
    if ((waited >= timeout)); then
      echo "cluster.sh: timed out after $timeout s waiting for $what; logs in $dir/logs" >&2
      status >&2 || true
      exit 1
    fi
    sleep 1
    waited=$((waited + 1))
  done
}

# true when a program listens on the port of 127.0.0.1
port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

start_daemon() { # name class ports args...
  local name="$1" class="$2" ports="$3"
  shift 3
  local pid
  pid="$(pid_of "$name")"
  if [[ -n $pid ]]; then
    echo "$name already running (pid $pid)"
    return
  fi
  local p
  for p in $ports; do
    if port_in_use "$p"; then
      echo "cluster.sh: cannot start $name: port $p of 127.0.0.1 is in use (another cluster? see CENSUS_CLUSTER_PORT," \
        "CENSUS_CLUSTER_UI_PORT)" >&2
      exit 1
    fi
  done
  # spark.port.maxRetries=0: a port in use stops the daemon rather than moving it to the next port.
  daemon_start "$dir/$name.pid" "$dir/logs/$name.log" "cluster:$dir:$name" -Xmx512m -Dspark.port.maxRetries=0 \
    -cp "$SPARK_HOME/jars/*" "$class" "$@"
  echo "$name started (pid $(cat "$dir/$name.pid"), log $dir/logs/$name.log)"
}

start() {
  census_spark_home
  # Every Spark daemon and executor binds to loopback; the web UIs follow SPARK_LOCAL_IP.
  export SPARK_LOCAL_IP=127.0.0.1 SPARK_LOCAL_HOSTNAME=127.0.0.1
  mkdir -p "$dir/logs"
  start_daemon master "$MASTER_CLASS" "$port $ui_port" --host 127.0.0.1 --port "$port" --webui-port "$ui_port"
  # Workers that start before the master listens retry only after about 15 s: wait for it.
  wait_for "the master's web UI to answer" master_answers master
  for n in $(seq 1 "$workers"); do
    mkdir -p "$dir/work/worker-$n"
    start_daemon "worker-$n" "$WORKER_CLASS" "$((port + n)) $((ui_port + n))" --host 127.0.0.1 --port $((port + n)) --webui-port $((ui_port + n)) \
      --cores "${CENSUS_WORKER_CORES:-1}" --memory "${CENSUS_WORKER_MEMORY:-2g}" --work-dir "$dir/work/worker-$n" "$master_url"
  done
  # shellcheck disable=SC2046
  wait_for "the master to list $workers alive workers" workers_alive master $(seq -f 'worker-%g' 1 "$workers")
  echo "cluster up: $master_url with $workers workers (web UI http://127.0.0.1:$ui_port)"
  echo "submit: scripts/submit.sh --master $master_url --input conf/epoch/large_scale_ai_models_2024-07-16.csv"
}

stop() {
  # Workers first: each stops its executors as it exits.
  for n in $(seq 1 "$workers"); do
    daemon_stop "$dir/worker-$n.pid" "cluster:$dir:worker-$n"
  done
  daemon_stop "$dir/master.pid" "cluster:$dir:master"
}

# Exit status: 0 master and every worker up and registered, 3 nothing running, 1 anything in between.
status() {
  local up=0 registered=0 pid json
  pid="$(pid_of master)"
  if [[ -n $pid ]]; then
    up=$((up + 1))
    echo "master    up (pid $pid)  $master_url  web UI http://127.0.0.1:$ui_port"
  else
    echo "master    down"
  fi
  json=""
  if [[ -n $pid ]]; then # the master of this cluster, not another one on the port
    json="$(master_json | tr -d '\n ')"
  fi
  # The master's workers, one "<id> <state>" line each; a worker's id ends with its host and port.
  local listed
  listed="$(sed -n 's/.*"workers":\[\(.*\)\],"aliveworkers".*/\1/p' <<<"$json" \
    | grep -oE '"id":"worker-[^"]*"|"state":"[A-Z]*"' | cut -d'"' -f4 | paste -d' ' - - || true)"
  for n in $(seq 1 "$workers"); do
    pid="$(pid_of "worker-$n")"
    if [[ -z $pid ]]; then
      echo "worker-$n  down"
      continue
    fi
    up=$((up + 1))
    if grep -qE -- "-127\.0\.0\.1-$((port + n)) ALIVE$" <<<"$listed"; then
      registered=$((registered + 1))
      echo "worker-$n  up (pid $pid)  127.0.0.1:$((port + n))  registered (ALIVE)"
    else
      echo "worker-$n  up (pid $pid)  127.0.0.1:$((port + n))  not registered with the master"
    fi
  done
  if [[ -n $json ]]; then
    local totals="${json##*\],\"aliveworkers\"}" apps
    apps="$(sed -n 's/.*"activeapps":\[\(.*\)\],"completedapps".*/\1/p' <<<"$json" | { grep -o '"id":"app-' || true; } | wc -l)"
    echo "master: $(grep -oE '^:[0-9]+' <<<"$totals" | tr -d :) alive workers," \
      "$(grep -oE '"cores":[0-9]+' <<<"$totals" | head -n 1 | cut -d: -f2) cores ($(grep -oE '"coresused":[0-9]+' <<<"$totals" | head -n 1 | cut -d: -f2) used)," \
      "$apps running application(s)"
  fi
  if ((up == 0)); then
    return 3
  fi
  ((up == workers + 1 && registered == workers))
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *)
    echo "usage: scripts/cluster.sh start|stop|status" >&2
    exit 2
    ;;
esac
