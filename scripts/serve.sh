#!/usr/bin/env bash
# The SQL endpoint for BI tools (Spark's Thrift JDBC/ODBC server over the census catalog, read-only):
#   scripts/serve.sh start|stop|status [--warehouse DIR] [--port N] [--host ADDR]
# Defaults: ./warehouse, 127.0.0.1, port 10000. start needs the BI user's credentials: CENSUS_BI_USER and
# CENSUS_BI_PASSWORD, or CENSUS_BI_CREDENTIALS naming an owner-only (chmod 600) file with user=... and password=....
# Pid file and log: <warehouse>/_catalog/serve/. Server heap: CENSUS_SERVER_MEMORY (default 2g). See README "SQL endpoint".
source "$(dirname "$0")/env.sh"

action="${1:-}"
[[ $# -gt 0 ]] && shift
warehouse=./warehouse
server_args=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --warehouse) warehouse="$2"; shift 2 ;;
    --warehouse=*) warehouse="${1#--warehouse=}"; shift ;;
    --port|--host|--refresh-seconds) server_args+=("$1" "$2"); shift 2 ;;
    --port=*|--host=*|--refresh-seconds=*) server_args+=("$1"); shift ;;
    *) echo "serve.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
dir="$warehouse/_catalog/serve"
pidfile="$dir/server.pid"
log="$dir/server.log"

running() { [[ -f $pidfile ]] && kill -0 "$(cat "$pidfile")" 2>/dev/null; }
endpoint() { grep '^url=' "$dir/endpoint.properties" 2>/dev/null | cut -d= -f2- | sed 's/\\:/:/g'; }

case "$action" in
  start)
    if running; then
      echo "serve.sh: already running (pid $(cat "$pidfile")): $(endpoint)"; exit 0
    fi
    if [[ -z ${CENSUS_BI_CREDENTIALS:-} && ( -z ${CENSUS_BI_USER:-} || -z ${CENSUS_BI_PASSWORD:-} ) ]]; then
      echo "serve.sh: no credentials: set CENSUS_BI_USER and CENSUS_BI_PASSWORD, or CENSUS_BI_CREDENTIALS to an owner-only" \
        "(chmod 600) file with the lines user=... and password=.... There is no default password." >&2
      exit 2
    fi
    mkdir -p "$dir"
    [[ -f $log ]] && mv -f "$log" "$log.1"   # the last run's log, kept once
    : >"$log"
    # A long-running server: C2 on (no TieredStopAtLevel=1, unlike the short census runs).
    # shellcheck disable=SC2046
    nohup java $(grep -v '^#' conf/jvm.options | tr '\n' ' ') -Xmx"${CENSUS_SERVER_MEMORY:-2g}" -cp "$CENSUS_CLASSPATH" \
      org.modelcensus.serve.CensusSqlServer --warehouse "$warehouse" "${server_args[@]}" >"$log" 2>&1 </dev/null &
    echo $! >"$pidfile"
    for _ in $(seq 1 180); do
      if ! running; then
        echo "serve.sh: the server stopped while starting; the end of $log:" >&2
        tail -n 20 "$log" >&2; rm -f "$pidfile"; exit 1
      fi
      if grep -q 'SQL endpoint ready' "$log" && [[ -n "$(endpoint)" ]]; then
        echo "serve.sh: up (pid $(cat "$pidfile")): $(endpoint); log: $log"; exit 0
      fi
      sleep 1
    done
    echo "serve.sh: not ready after 180 s; still starting? See $log" >&2; exit 1
    ;;
  stop)
    if ! running; then
      echo "serve.sh: not running"; rm -f "$pidfile"; exit 0
    fi
    pid="$(cat "$pidfile")"
    kill "$pid"
    for _ in $(seq 1 30); do
      kill -0 "$pid" 2>/dev/null || { rm -f "$pidfile"; echo "serve.sh: stopped (pid $pid)"; exit 0; }
      sleep 1
    done
    echo "serve.sh: pid $pid did not stop in 30 s; killing it" >&2
    kill -9 "$pid"; rm -f "$pidfile"
    ;;
  status)
    if running; then
      url="$(endpoint)"
      if [[ -n $url ]]; then
        echo "serve.sh: up (pid $(cat "$pidfile")): $url"
      else
        echo "serve.sh: starting (pid $(cat "$pidfile")); log: $log"
      fi
      exit 0
    fi
    echo "serve.sh: not running"; exit 3
    ;;
  *)
    echo "usage: scripts/serve.sh start|stop|status [--warehouse DIR] [--port N] [--host ADDR]" >&2; exit 2 ;;
esac
