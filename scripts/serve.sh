#!/usr/bin/env bash
# The SQL endpoint for BI tools (Spark's Thrift JDBC/ODBC server over the census catalog, read-only):
#   scripts/serve.sh start|stop|status [--warehouse DIR] [--port N] [--host ADDR] [--refresh-seconds S]
#     [--query-timeout S] [--max-result-rows N] [--max-result-mb MB] [--max-concurrent-queries N]
#     [--tls-keystore FILE --tls-password-file FILE]
# Defaults: ./warehouse, 127.0.0.1 (another address only with TLS), port 10000, statements cancelled after 300 s,
# at most 100000 rows and 256 MB per result, 8 statements at once. start needs the BI user's credentials:
# CENSUS_BI_CREDENTIALS naming an owner-only (chmod 600) file with user=... and password=... (recommended), or
# CENSUS_BI_USER and CENSUS_BI_PASSWORD. Pid file, log and endpoint file (owner-only): <warehouse>/_catalog/serve/.
# Server heap: CENSUS_SERVER_MEMORY (default 2g). See docs/bi.md.
usage() {
  echo "usage: scripts/serve.sh start|stop|status [--warehouse DIR] [--port N] [--host ADDR] [--refresh-seconds S]" \
    "[--query-timeout S] [--max-result-rows N] [--max-result-mb MB] [--max-concurrent-queries N]" \
    "[--tls-keystore FILE --tls-password-file FILE]" >&2
  exit 2
}

action="${1:-}"
case "$action" in
  start|stop|status) shift ;;
  *) usage ;; # first, before the build: "serve.sh --port 10001" would otherwise call 10001 an unknown option
esac
source "$(dirname "$0")/lib.sh"
warehouse=./warehouse
server_args=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --warehouse) warehouse="$2"; shift 2 ;;
    --warehouse=*) warehouse="${1#--warehouse=}"; shift ;;
    --port|--host|--refresh-seconds|--query-timeout|--max-result-rows|--max-result-mb|--max-concurrent-queries\
      |--tls-keystore|--tls-password-file)
      [[ $# -ge 2 ]] || { echo "serve.sh: $1 needs a value" >&2; exit 2; }
      server_args+=("$1" "$2"); shift 2 ;;
    --port=*|--host=*|--refresh-seconds=*|--query-timeout=*|--max-result-rows=*|--max-result-mb=*\
      |--max-concurrent-queries=*|--tls-keystore=*|--tls-password-file=*) server_args+=("$1"); shift ;;
    *) echo "serve.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
dir="$(realpath -m "$warehouse")/_catalog/serve"
pidfile="$dir/server.pid"
log="$dir/server.log"
name="serve:$(realpath -m "$warehouse")"

endpoint() { grep '^url=' "$dir/endpoint.properties" 2>/dev/null | cut -d= -f2- | sed 's/\\:/:/g'; }

case "$action" in
  start)
    pid="$(daemon_pid "$pidfile" "$name")"
    if [[ -n $pid ]]; then
      echo "serve.sh: already running (pid $pid): $(endpoint)"; exit 0
    fi
    if [[ -z ${CENSUS_BI_CREDENTIALS:-} && ( -z ${CENSUS_BI_USER:-} || -z ${CENSUS_BI_PASSWORD:-} ) ]]; then
      echo "serve.sh: no credentials: set CENSUS_BI_CREDENTIALS to an owner-only (chmod 600) file with the lines" \
        "user=... and password=..., or CENSUS_BI_USER and CENSUS_BI_PASSWORD. There is no default password." >&2
      exit 2
    fi
    # A long-running server: C2 on, for its hottest methods (conf/jvm-long-lived.options), unlike the short jobs. The
    # jobs' class-data archive holds most of the classes the server loads: its start 4 s shorter, with 7 s less CPU
    # (docs/benchmarks.md).
    # shellcheck disable=SC2046 # census_cds_flags prints several options
    daemon_start "$pidfile" "$log" "$name" -Xmx"${CENSUS_SERVER_MEMORY:-2g}" \
      "@$CENSUS_HOME/conf/jvm-long-lived.options" "@$CENSUS_HOME/conf/jvm-long-job.options" $(census_cds_flags) \
      -cp "$CENSUS_CLASSPATH" \
      org.modelcensus.ModelCensus serve --warehouse "$warehouse" "${server_args[@]}"
    for _ in $(seq 1 180); do
      sleep 1 # first: right after the start, the process may still be exec'ing setsid, nohup, then java
      pid="$(daemon_pid "$pidfile" "$name")"
      if [[ -z $pid ]]; then
        echo "serve.sh: the server stopped while starting; the end of $log:" >&2
        tail -n 20 "$log" >&2; rm -f "$pidfile"; exit 1
      fi
      if grep -q 'SQL endpoint ready' "$log" && [[ -n "$(endpoint)" ]]; then
        echo "serve.sh: up (pid $pid): $(endpoint); log: $log"; exit 0
      fi
    done
    echo "serve.sh: not ready after 180 s; still starting? See $log" >&2; exit 1
    ;;
  stop)
    daemon_stop "$pidfile" "$name" | sed 's/^/serve.sh: /'
    ;;
  status)
    pid="$(daemon_pid "$pidfile" "$name")"
    if [[ -n $pid ]]; then
      url="$(endpoint)"
      if [[ -n $url ]]; then
        echo "serve.sh: up (pid $pid): $url"
      else
        echo "serve.sh: starting (pid $pid); log: $log"
      fi
      exit 0
    fi
    echo "serve.sh: not running"; exit 3
    ;;
esac
