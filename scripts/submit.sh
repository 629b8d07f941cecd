#!/usr/bin/env bash
# Runs the census through spark-submit on any master: scripts/submit.sh --master URL [census options]
# Uses $SPARK_HOME/bin/spark-submit when SPARK_HOME is set, else Spark's own SparkSubmit from the
# Maven-resolved jars (no Spark installation needed). Default master: local[*].
source "$(dirname "$0")/env.sh"

master="local[*]"
app_args=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --master) master="$2"; shift 2 ;;
    --master=*) master="${1#--master=}"; shift ;;
    *) app_args+=("$1"); shift ;;
  esac
done

submit_args=(
  --class org.modelcensus.CensusJob
  --master "$master"
  --driver-java-options "$CENSUS_JVM_OPTS"
  --conf "spark.executor.extraJavaOptions=$(grep -v '^#' conf/jvm.options | tr '\n' ' ')"
)
if [[ -n "${SPARK_HOME:-}" ]]; then
  exec "$SPARK_HOME/bin/spark-submit" "${submit_args[@]}" "$CENSUS_JAR" "${app_args[@]}"
fi
# shellcheck disable=SC2086
exec java $CENSUS_JVM_OPTS -cp "$(cat target/classpath.txt)" org.apache.spark.deploy.SparkSubmit \
  "${submit_args[@]}" "$CENSUS_JAR" "${app_args[@]}"
