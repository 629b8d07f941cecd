# Sourced by the scripts: builds the project when its sources changed and sets
#   CENSUS_JVM_OPTS   the JVM options of conf/jvm.options plus the driver heap
#   CENSUS_CLASSPATH  the compiled classes and every dependency, Spark included (no Spark installation needed)
#   CENSUS_JAR        the application jar for spark-submit
# Needs Java 17 and Maven on the PATH.
set -euo pipefail
CENSUS_HOME="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$CENSUS_HOME"

census_build() {
  local stamp=target/.census-build
  if [[ ! -f $stamp || ! -f target/classpath.txt ]] \
      || [[ -n "$(find pom.xml jobs/src/main sql conf -newer "$stamp" -print -quit 2>/dev/null)" ]]; then
    echo "model-census: building (mvn package) ..." >&2
    mvn -B -q package -DskipTests >&2
    mvn -B -q dependency:build-classpath -Dmdep.includeScope=compile -Dmdep.outputFile=target/classpath.txt >&2
    touch "$stamp"
  fi
}
census_build

CENSUS_JAR="$(ls "$CENSUS_HOME"/target/model-census-*.jar | grep -v original | head -n 1)"
CENSUS_CLASSPATH="$CENSUS_HOME/target/classes:$(cat target/classpath.txt)"
# A census run is short: the C1 compiler alone halves its CPU time (C2 compiles Spark's hot code for minutes on
# 2 cores). For catalogues of millions of rows set CENSUS_EXTRA_JVM_OPTS=-XX:TieredStopAtLevel=4.
# C1 alone gets a 48 MB code cache by default, which Spark's generated code fills in a long run: give it more.
CENSUS_JVM_OPTS="$(grep -v '^#' conf/jvm.options | tr '\n' ' ') -XX:TieredStopAtLevel=1 -XX:ReservedCodeCacheSize=240m -Xmx${CENSUS_DRIVER_MEMORY:-2g} ${CENSUS_EXTRA_JVM_OPTS:-}"
export CENSUS_HOME CENSUS_JAR CENSUS_CLASSPATH CENSUS_JVM_OPTS

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
