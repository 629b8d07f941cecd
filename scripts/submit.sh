#!/usr/bin/env bash
# Runs the census through spark-submit on any master:
#   scripts/submit.sh --master URL [--conf KEY=VALUE]... [census options]
# Uses $SPARK_HOME/bin/spark-submit when it exists, else Spark's own SparkSubmit from the Maven-resolved jars (no
# Spark installation needed). Default master: local[*]. Examples:
#   scripts/submit.sh --master spark://127.0.0.1:7077 --input conf/epoch/large_scale_ai_models_2024-07-16.csv
#   scripts/submit.sh --master 'local-cluster[2,1,1024]' --conf spark.sql.shuffle.partitions=4 --input ...
# A cluster on this machine (local-cluster, spark://127.0.0.1 or spark://localhost) is reached over loopback only.
source "$(dirname "$0")/lib.sh"

master="local[*]"
confs=()
app_args=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --master) master="$2"; shift 2 ;;
    --master=*) master="${1#--master=}"; shift ;;
    --conf) confs+=(--conf "$2"); shift 2 ;;
    --conf=*) confs+=(--conf "${1#--conf=}"); shift ;;
    *) app_args+=("$1"); shift ;;
  esac
done

case "$master" in
  local-cluster*|spark://127.0.0.1:*|spark://localhost:*)
    # The driver (and its web UI, which follows SPARK_LOCAL_IP) listens on loopback only.
    export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
    confs=(--conf spark.driver.host=127.0.0.1 --conf spark.driver.bindAddress=127.0.0.1 "${confs[@]}")
    # The executors on this machine are the census's own and read its conf/: their JIT is chosen by the input's size as
    # a local job's (scripts/lib.sh, census_jit). With Java's full JIT a census of the real catalogue on
    # scripts/cluster.sh took 49-52 s, with C1 alone 39-40 s (docs/benchmarks.md). A cluster elsewhere keeps its own
    # executor options; a --conf spark.executor.extraJavaOptions given here wins.
    if [[ " ${confs[*]} " != *" spark.executor.extraJavaOptions="* ]]; then
      confs+=(--conf "spark.executor.extraJavaOptions=$(census_jit "$(census_input_bytes "$(census_input "${app_args[@]}")")")")
    fi
    ;;
esac
if [[ $master == local-cluster* && -z ${SPARK_HOME:-} ]]; then
  census_spark_home # local-cluster starts its workers in the driver: they launch executors from SPARK_HOME/jars
fi

# Spark 3.5 adds the add-opens Java 17 needs to the executors (spark.executor.extraJavaOptions) itself, and
# bin/spark-submit adds them to the driver.
submit_args=(--class org.modelcensus.ModelCensus --master "$master" "${confs[@]}")
if [[ -x "${SPARK_HOME:-}/bin/spark-submit" ]]; then
  # bin/spark-submit adds the options Java 17 needs; the heap goes as --driver-memory (it refuses -Xmx).
  exec "$SPARK_HOME/bin/spark-submit" --driver-memory "${CENSUS_DRIVER_MEMORY:-2g}" \
    --driver-java-options "$(census_huge_pages) @$CENSUS_HOME/conf/jvm-short-job.options" \
    "${submit_args[@]}" "$CENSUS_JAR" census "${app_args[@]}"
fi
# The driver runs in this JVM, with the census's log settings (as scripts/run.sh).
# shellcheck disable=SC2046 # census_huge_pages prints one option or none
exec java "@$CENSUS_HOME/conf/jvm.options" $(census_huge_pages) "@$CENSUS_HOME/conf/jvm-short-job.options" -Xmx"${CENSUS_DRIVER_MEMORY:-2g}" \
  -Dlog4j2.configurationFile="$CENSUS_HOME/jobs/src/main/resources/log4j2.properties" \
  -cp "$(cat target/classpath.txt)" org.apache.spark.deploy.SparkSubmit \
  "${submit_args[@]}" "$CENSUS_JAR" census "${app_args[@]}"
