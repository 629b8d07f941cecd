# shellcheck shell=bash
# The scripts' one helper, sourced by each: builds the project when its sources changed, then offers
#   census_java ARGS...     runs model-census (org.modelcensus.ModelCensus ARGS) in a JVM of its own, as a short job
#   census_cds_flags        the JVM options that map the build's class-data archive (below): the jobs', serve.sh's
#   census_spark_home       exports SPARK_HOME, a Spark home made of the Maven-resolved jars
#   daemon_pid|daemon_start|daemon_stop   the background servers of serve.sh and cluster.sh
# and sets CENSUS_HOME (the checkout, also the working directory), CENSUS_JAR (the application jar for spark-submit)
# and CENSUS_CLASSPATH (the application's classes and every dependency, as jars, Spark included: no Spark installation
# needed).
# Needs Java 17 and Maven on the PATH.
set -euo pipefail
CENSUS_HOME="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$CENSUS_HOME"

census_build() {
  local stamp=target/.census-build
  if [[ ! -f $stamp || ! -f target/classpath.txt ]] \
      || [[ -n "$(find pom.xml jobs/src/main sql conf -newer "$stamp" -print -quit 2>/dev/null)" ]]; then
    echo "model-census: building (mvn package) ..." >&2
    # one Maven start for both (each start costs a few seconds)
    mvn -B -q package dependency:build-classpath -DskipTests -Dmdep.includeScope=compile -Dmdep.outputFile=target/classpath.txt >&2
    touch "$stamp"
  fi
}
census_build

CENSUS_JAR="$(find "$CENSUS_HOME/target" -maxdepth 1 -name 'model-census-*.jar' ! -name 'original-*' | head -n 1)"
# Jars only (the build's thin application jar, not target/classes): class-data sharing below needs them.
CENSUS_CLASSPATH="$(find "$CENSUS_HOME/target" -maxdepth 1 -name 'original-model-census-*.jar' | head -n 1):$(cat target/classpath.txt)"
export CENSUS_HOME CENSUS_JAR CENSUS_CLASSPATH

# Class-data sharing: after a build, one census of the default input into a scratch folder records the classes a
# job loads in an archive (target/cds, about a minute once per build), which every job then maps instead of reading
# and verifying them again from some 300 jars (JVM and session 3.2 -> 1.5 s, the census's read 6.5 -> 3.1 s on 2
# cores). The JVM takes the archive only with the classpath and JDK it was written with, else runs without it. When
# that census fails, jobs run without an archive until the next build rather than trying again each time. It runs
# without CENSUS_EXTRA_JVM_OPTS: a profiler agent there fails the recording (the JVM dumps no archive with a JVMTI
# agent), which left every job of that build without the archive.
CENSUS_CDS="$CENSUS_HOME/target/cds/census.jsa"
census_cds_ready() {
  [[ -s $CENSUS_CDS && ! $CENSUS_CDS -ot target/.census-build ]]
}
census_cds_tried() {
  census_cds_ready || [[ -f $CENSUS_CDS.failed && ! $CENSUS_CDS.failed -ot target/.census-build ]]
}
census_cds_record() {
  local training="$CENSUS_HOME/target/cds/training-$$"
  mkdir -p "$training"
  echo "model-census: recording the classes of a census for class-data sharing (once per build) ..." >&2
  # shellcheck disable=SC2046 # census_jvm_flags prints several options
  if java "@$CENSUS_HOME/conf/jvm.options" $(CENSUS_EXTRA_JVM_OPTS='' census_jvm_flags) -Xlog:cds=off -Xlog:cds+dynamic=off \
      -XX:ArchiveClassesAtExit="$training/census.jsa" -cp "$CENSUS_CLASSPATH" org.modelcensus.ModelCensus census \
      --warehouse "$training/warehouse" --report-dir "$training/report" >"$training.log" 2>&1; then
    mv -f "$training/census.jsa" "$CENSUS_CDS"
    rm -f "$training.log"
  else
    echo "model-census: that census failed (log: $training.log); jobs run without class-data sharing" >&2
    touch "$CENSUS_CDS.failed"
  fi
  rm -rf "$training"
}
# census_cds_flags: the options that map the build's archive into a JVM on CENSUS_CLASSPATH (a job or the SQL endpoint),
# once it is recorded; nothing before.
census_cds_flags() {
  if census_cds_ready; then
    echo "-Xlog:cds=off -Xlog:cds+dynamic=off -XX:SharedArchiveFile=$CENSUS_CDS"
  fi
}

# census_java ARGS...: model-census in this process's place. JVM options are read one way: conf/jvm.options (what
# Spark needs on Java 17), then census_jvm_flags.
census_java() {
  # shellcheck disable=SC2046 # census_jvm_flags and census_cds_flags print several options
  exec java "@$CENSUS_HOME/conf/jvm.options" $(census_jvm_flags "$(census_input "$@")") $(census_cds_flags) \
    -cp "$CENSUS_CLASSPATH" org.modelcensus.ModelCensus "$@"
}

# census_jvm_flags [INPUT]: the JVM options of a job after conf/jvm.options: the parallel (throughput) collector,
# transparent huge pages (census_huge_pages), the JIT and the heap chosen by the input's size, and CENSUS_EXTRA_JVM_OPTS.
# A job is a batch: G1's concurrent work only competes for the 2 cores (it spent a quarter of a census run collecting).
# Up to 16 MB of input (the real catalogue is 0.35 MB) conf/jvm-short-job.options: the C1 compiler alone, with a larger
# code cache for Spark's generated code (C2 would compile Spark's hot code for longer than such a run lasts), and a 2g
# heap; up to 1 MB also conf/jvm-small-input.options (one compiler thread). Above 16 MB (millions of models) the full
# tiered JIT, which pays back on long scans, inlining less (conf/jvm-long-job.options; up to 128 MB leaving Spark's
# biggest generated methods to C1, conf/jvm-medium-input.options), and a quarter of the machine's
# memory (at least 2g), all of it from the start (-Xms): in local mode this JVM also keeps the stored tables, which a 2g
# heap spilled to disk and read back, and a heap grown step by step took a full collection at each step (10 a census of
# 10^6 models against 3; docs/benchmarks.md). An input this shell cannot see (s3a://...) runs as a short job.
# CENSUS_DRIVER_MEMORY sets the heap whatever the size.
census_jvm_flags() {
  local jit heap="2g" initial="" bytes
  bytes="$(census_input_bytes "${1:-}")"
  jit="$(census_jit "$bytes")"
  if (( bytes >= 0 && bytes <= 1024 * 1024 )); then
    jit="$jit @$CENSUS_HOME/conf/jvm-small-input.options"
  elif (( bytes > 16 * 1024 * 1024 )); then
    heap="$(awk '/^MemTotal:/ { mb = int($2 / 1024 / 4); print (mb > 2048 ? mb : 2048) "m" }' /proc/meminfo 2>/dev/null || true)"
    heap="${heap:-2g}"
    initial="-Xms${CENSUS_DRIVER_MEMORY:-$heap}"
    if (( bytes <= 128 * 1024 * 1024 )); then
      jit="$jit @$CENSUS_HOME/conf/jvm-medium-input.options"
    fi
  fi
  echo "-XX:+UseParallelGC $(census_huge_pages) $jit $initial -Xmx${CENSUS_DRIVER_MEMORY:-$heap} ${CENSUS_EXTRA_JVM_OPTS:-}"
}

# census_jit BYTES: the JIT options file of a job over BYTES of input, as an @argfile: conf/jvm-long-job.options above
# 16 MB, else conf/jvm-short-job.options (also for -1, an input this shell cannot see).
census_jit() {
  if (( $1 > 16 * 1024 * 1024 )); then
    echo "@$CENSUS_HOME/conf/jvm-long-job.options"
  else
    echo "@$CENSUS_HOME/conf/jvm-short-job.options"
  fi
}

# census_input_bytes [INPUT]: the bytes of INPUT (a file or a folder), -1 when there is none this shell can see.
census_input_bytes() {
  if [[ -n ${1:-} && -e $1 ]]; then du -sbL "$1" | cut -f1; else echo -1; fi
}

# census_huge_pages: conf/jvm-huge-pages.options where the kernel gives transparent huge pages to memory that asks for
# them ([madvise]), else nothing: with [always] every JVM has them already, with [never] (or no Linux) the JVM would print
# a warning with every job's output.
census_huge_pages() {
  if grep -qF '[madvise]' /sys/kernel/mm/transparent_hugepage/enabled 2>/dev/null; then
    echo "@$CENSUS_HOME/conf/jvm-huge-pages.options"
  fi
}

# census_input ARGS...: the --input of a census's arguments, else the input= of conf/census.properties.
census_input() {
  local previous=""
  for arg in "$@"; do
    case "$arg" in --input=*) echo "${arg#--input=}"; return ;; esac
    if [[ $previous == --input ]]; then echo "$arg"; return; fi
    previous="$arg"
  done
  sed -n 's/^input=//p' conf/census.properties 2>/dev/null | tail -n 1
}

# census_spark_home: exports SPARK_HOME=target/spark-home, a Spark home made of the Maven-resolved jars (no Spark
# download): jars/ links every jar of the classpath but the ones the application jar bundles (Delta, picocli), as in
# a Spark distribution. Spark's standalone Worker starts executors with SPARK_HOME/jars on their classpath; its
# launcher also needs SPARK_SCALA_VERSION, which a distribution's bin/ scripts would set.
census_spark_home() {
  SPARK_HOME="$CENSUS_HOME/target/spark-home"
  if [[ ! -f $SPARK_HOME/.built || target/classpath.txt -nt $SPARK_HOME/.built ]]; then
    rm -rf "$SPARK_HOME"
    mkdir -p "$SPARK_HOME/jars"
    tr ':' '\n' < target/classpath.txt | grep -vE '/io/delta/|/info/picocli/' | xargs -r ln -s -t "$SPARK_HOME/jars"
    touch "$SPARK_HOME/.built"
  fi
  SPARK_SCALA_VERSION=2.12
  export SPARK_HOME SPARK_SCALA_VERSION
}

# Background servers. A daemon is started with a marker, -Dmodel-census.daemon=<name>, on its command line; its pid
# file is trusted only when that pid is a live process of this user whose command line has the marker, so a stale pid
# file whose number now belongs to another process is never signalled. Pid files and logs are owner-only (umask 077).

# daemon_pid PIDFILE NAME: prints the daemon's pid when it runs, else nothing.
daemon_pid() {
  local pidfile="$1" marker="-Dmodel-census.daemon=$2" pid
  [[ -f $pidfile ]] || return 0
  pid="$(cat "$pidfile")"
  [[ $pid =~ ^[0-9]+$ ]] || return 0
  if [[ "$(ps -o user= -p "$pid" 2>/dev/null | tr -d ' ')" == "$(id -un)" ]] \
      && tr '\0' '\n' <"/proc/$pid/cmdline" 2>/dev/null | grep -xF -- "$marker" >/dev/null; then
    # (not grep -q: it stops at the marker, and tr, still writing a long classpath, fails on the closed pipe)
    echo "$pid"
  fi
}

# daemon_start PIDFILE LOG NAME JAVA_ARGS...: starts java JAVA_ARGS in the background, in a session of its own, with
# the marker of NAME and conf/jvm.options; writes its pid file; the log is kept once as LOG.1.
daemon_start() {
  local pidfile="$1" log="$2" name="$3"
  shift 3
  (
    umask 077
    mkdir -p "$(dirname "$pidfile")" "$(dirname "$log")"
    [[ -f $log ]] && mv -f "$log" "$log.1"
    setsid nohup java "@$CENSUS_HOME/conf/jvm.options" "-Dmodel-census.daemon=$name" "$@" >"$log" 2>&1 </dev/null &
    echo $! >"$pidfile"
  )
}

# daemon_stop PIDFILE NAME: SIGTERM, then SIGKILL after 30 s; only the daemon the pid file names, and only if it is ours.
daemon_stop() {
  local pidfile="$1" name="$2" pid
  pid="$(daemon_pid "$pidfile" "$name")"
  if [[ -z $pid ]]; then
    rm -f "$pidfile"
    echo "$name not running"
    return 0
  fi
  kill -TERM "$pid"
  for _ in $(seq 1 60); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  if kill -0 "$pid" 2>/dev/null; then
    echo "$name (pid $pid) did not stop in 30 s: killing it" >&2
    kill -KILL "$pid"
  fi
  rm -f "$pidfile"
  echo "$name stopped (pid $pid)"
}

# Last, once every helper above is defined: the class-data sharing archive of this build.
census_cds_tried || census_cds_record
