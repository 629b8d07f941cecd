package org.modelcensus.spark;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.apache.spark.deploy.SparkHadoopUtil$;
import org.apache.spark.sql.SparkSession;
import org.modelcensus.errors.CensusInputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the one SparkSession of a run, with Delta Lake and settings sized for a catalogue. */
public final class SparkSessions {

    private static final Logger LOG = LoggerFactory.getLogger(SparkSessions.class);

    private static final String DELTA_EXTENSION = "io.delta.sql.DeltaSparkSessionExtension";
    private static final String READ_ONLY_EXTENSION = "org.modelcensus.catalog.ReadOnlyExtension";
    /** The folder of a warehouse that holds the catalog's files (the endpoint's, the comments checked), next to silver/ and gold/. */
    public static final String CATALOG_DIR = "_catalog";

    private SparkSessions() {
    }

    /**
     * A job's session, without a persistent catalog: the census and the enrichment read and write their tables by
     * path and leave the catalog to where it is read (the SQL endpoint registers new tables itself, scripts/sql.sh
     * registers what it queries), so no run waits for a metastore. Also the tests' session.
     *
     * @param master the --master option; null keeps spark-submit's master, or local[*] when there is none
     */
    public static SparkSession create(String master) {
        return start(builder(master, DELTA_EXTENSION), master);
    }

    /**
     * A session that only reads, for the SQL endpoint: every statement that is not a read of database census is refused
     * (see {@code ReadOnlyParser}). Its catalog is in memory, filled from the warehouse's folders when the endpoint
     * starts and on every refresh (CensusCatalog.sync), unless a metastore is configured outside (hive-site.xml,
     * spark.hadoop.hive.metastore.uris or spark.hadoop.javax.jdo.option.ConnectionURL, as on a cluster), which it then
     * uses.
     *
     * <p>Not an embedded metastore of the warehouse's own: Spark's Thrift server keeps a Hive metastore of its own (in
     * memory) for the Hive session state of every JDBC session it opens and closes, and two metastores served in one
     * JVM share Hive's one persistence-manager factory, which every switch between them closes under the other's feet.
     * With an embedded Derby metastore of the warehouse, a JDBC session opened while another opened or closed found no
     * database census now and then. A remote metastore (hive.metastore.uris) is read over Thrift and shares nothing.
     *
     * @param largestTableRows the rows of the largest table it serves, by which its statements are planned (see
     *     {@link #sizedForTables}): settings are fixed when it starts, as the read-only check compares every session's
     *     with them
     */
    public static SparkSession createReadOnly(String master, long largestTableRows) {
        if (!hiveOnClasspath()) {
            throw new IllegalStateException("Spark's Hive support (spark-hive_2.12) is not on the classpath: the SQL endpoint needs it.");
        }
        SparkConf submitted = new SparkConf();
        boolean remote = submitted.contains("spark.hadoop.hive.metastore.uris");
        boolean inProcess = submitted.contains("spark.hadoop.javax.jdo.option.ConnectionURL")
                || Thread.currentThread().getContextClassLoader().getResource("hive-site.xml") != null;
        if ((!remote && !inProcess) || "in-memory".equals(submitted.get("spark.sql.catalogImplementation", null))) {
            return start(sizedForTables(readOnlyBuilder(master), largestTableRows).config("spark.sql.catalogImplementation", "in-memory"), master);
        }
        if (!remote) {
            LOG.warn("the metastore configured for the SQL endpoint runs in its process (javax.jdo.option.ConnectionURL or "
                    + "hive-site.xml without hive.metastore.uris): Spark's Thrift server's own metastore shares Hive's "
                    + "persistence code with it, and a session may now and then not find a table. Serve a remote metastore "
                    + "(spark.hadoop.hive.metastore.uris), or none: the endpoint then keeps its catalog in memory.");
        }
        return start(sizedForTables(readOnlyBuilder(master), largestTableRows).enableHiveSupport(), master);
    }

    /**
     * Whether statements over a table of so many rows are planned as a job over few rows (see {@link #sizeFor}): no
     * generated code, no adaptive execution, one shuffle partition.
     */
    public static boolean fewRows(long rows) {
        return rows < FEW_ROWS;
    }

    /**
     * A long-lived session's settings for the tables it reads, chosen when it starts (settings given with spark-submit
     * --conf win): below {@link #FEW_ROWS} rows in its largest table, as a job over few rows; else Spark's own.
     */
    private static SparkSession.Builder sizedForTables(SparkSession.Builder builder, long largestTableRows) {
        if (fewRows(largestTableRows)) {
            sizing(0, largestTableRows, 1).forEach(builder::config);
        }
        return builder;
    }

    /**
     * A session that only reads, as {@link #createReadOnly}, with its catalog in memory, for scripts/sql.sh (which
     * registers the tables it queries, see CensusCatalog.tablesRead), sized as a job over {@code inputBytes} (about a
     * row per 64 bytes) when it starts: the read-only session refuses settings changed after.
     */
    public static SparkSession createReadOnlyLocal(String master, long inputBytes) {
        SparkSession.Builder builder = readOnlyBuilder(master).config("spark.sql.catalogImplementation", "in-memory");
        sizing(inputBytes, inputBytes / 64, Runtime.getRuntime().availableProcessors()).forEach(builder::config);
        return start(builder, master);
    }

    /** The builder's session; a --master Spark cannot parse is the user's to fix, not an unexpected failure. */
    private static SparkSession start(SparkSession.Builder builder, String master) {
        SparkSession spark;
        try {
            spark = builder.getOrCreate();
        } catch (Exception e) { // SparkException, which Scala does not declare
            if (master != null && String.valueOf(e.getMessage()).startsWith("Could not parse Master URL")) {
                throw new CensusInputException("--master " + master + " is not a Spark master URL: give local[*], local[N], "
                        + "spark://HOST:PORT, yarn or k8s://HOST:PORT, or leave it out for spark-submit's master.", e);
            }
            throw e;
        }
        forgetSettingSources(spark);
        return spark;
    }

    /**
     * Drops Hadoop's record of the file each of the session's ~1,000 Hadoop settings came from (core-default.xml,
     * mapred-default.xml, ...); the settings stay. Hadoop writes that record into every serialized configuration, each
     * file name gzip-compressed on its own, and Spark serializes the session's configuration into every job that reads
     * or writes files, twice (the closure check and the task), and every task reads it back: on the real catalogue 7 %
     * of a census's CPU (docs/benchmarks.md). Only Configuration.getPropertySources, a diagnostic, then answers null for
     * them. Hadoop keeps the record in a private field and fills it again whenever the settings are loaded again (a
     * library adding a default resource), so this comes once the session's state, and MapReduce's resources, which
     * every file write loads, are in place.
     */
    private static void forgetSettingSources(SparkSession spark) {
        try {
            Class.forName("org.apache.hadoop.mapred.JobConf", true, Configuration.class.getClassLoader());
            spark.sessionState(); // Spark's shared state: the configuration the session's jobs copy
            java.lang.reflect.Field sources = Configuration.class.getDeclaredField("updatingResource");
            sources.setAccessible(true);
            for (Configuration hadoop : java.util.List.of(spark.sparkContext().hadoopConfiguration(), spark.sharedState().hadoopConf())) {
                hadoop.size(); // loads the settings first where they are to be loaded again
                ((Map<?, ?>) sources.get(hadoop)).clear();
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.debug("Hadoop's setting sources kept ({}): jobs serialize them as before", e.toString());
        }
    }

    /** Jobs over fewer rows than this run without generated code, in one partition: see sizeFor. */
    public static final long FEW_ROWS = 20_000;
    private static final String TWO_LEVEL_AGGREGATE_MAP = "spark.sql.codegen.aggregate.map.twolevel.enabled";
    /** Keys the first map of a generated aggregate holds (spark.sql.codegen.aggregate.fastHashMap.capacityBit 16). */
    private static final long FAST_AGGREGATE_MAP_KEYS = 1 << 16;
    /** Tasks with which Delta rebuilds a table's state from its log (one below FEW_ROWS); Delta's 50 are for big logs. */
    private static final String SNAPSHOT_PARTITIONS = "2";

    /**
     * Settings by the size of a job's input (bytes) and the rows it works on (estimated before they are counted); one
     * given with spark-submit --conf wins. Big inputs get one shuffle partition per 64 MB. Below {@link #FEW_ROWS}
     * Spark runs without generating and compiling Java code (neither a query stage's whole-stage code nor an
     * expression's), plans without adaptive execution, which runs every shuffle stage as a Spark job of its own, and
     * shuffles (and rebuilds a Delta table's state) into one partition: on the real catalogue (192 rows) the generated
     * code was half of a census's CPU time, adaptive execution doubled its Spark jobs, and a second partition only added
     * tasks to deserialize and a sampling job before each sort (the cores are kept busy by the tables written side by
     * side). On 10^5 generated models they pay back: expression code and adaptive execution (census 73 s without them,
     * 62 s with), and whole-stage code, which also spares each scan of a kept table a copy of every row (a fifth less
     * task CPU; docs/benchmarks.md).
     */
    public static void sizeFor(SparkSession spark, long inputBytes, long rows) {
        sizing(inputBytes, rows, spark.sparkContext().defaultParallelism()).forEach(spark.conf()::set);
    }

    private static Map<String, String> sizing(long inputBytes, long rows, int parallelism) {
        SparkConf submitted = new SparkConf();
        boolean few = rows < FEW_ROWS;
        Map<String, String> settings = new LinkedHashMap<>();
        if (!submitted.contains("spark.sql.shuffle.partitions")) {
            int byInput = (int) Math.min(2000, inputBytes / (64L << 20) + 1);
            settings.put("spark.sql.shuffle.partitions", Integer.toString(few ? 1 : Math.max(parallelism, byInput)));
        }
        if (!submitted.contains("spark.sql.codegen.wholeStage")) {
            settings.put("spark.sql.codegen.wholeStage", Boolean.toString(!few));
        }
        if (!submitted.contains("spark.sql.codegen.factoryMode")) {
            settings.put("spark.sql.codegen.factoryMode", few ? "NO_CODEGEN" : "FALLBACK");
        }
        if (!submitted.contains("spark.sql.adaptive.enabled")) {
            settings.put("spark.sql.adaptive.enabled", Boolean.toString(!few));
        }
        if (!submitted.contains("spark.databricks.delta.snapshotPartitions")) {
            settings.put("spark.databricks.delta.snapshotPartitions", few ? "1" : SNAPSHOT_PARTITIONS);
        }
        if (!submitted.contains(TWO_LEVEL_AGGREGATE_MAP)) {
            // Generated aggregates look each key up in a small first map, then in the big one. An aggregate by model name
            // (the reader's repeated names, a quality check, count(distinct model)) has a key per model: with more per
            // task than the first map holds, nearly every row missed it first (10^6 models 4-6 s faster without it,
            // docs/benchmarks.md); up to that it pays.
            settings.put(TWO_LEVEL_AGGREGATE_MAP, Boolean.toString(rows / Math.max(1, parallelism) <= FAST_AGGREGATE_MAP_KEYS));
        }
        return settings;
    }

    private static SparkSession.Builder readOnlyBuilder(String master) {
        return builder(master, DELTA_EXTENSION + "," + READ_ONLY_EXTENSION)
                // no SELECT ... FROM csv.`/any/file`: only the catalog's tables are readable
                .config("spark.sql.runSQLOnFiles", "false")
                // no ${env:...} or ${system:...} in statements: the parser would substitute them before any check
                .config("spark.sql.variable.substitute", "false");
    }

    /** file: without a child process per file (see PosixLocalFileSystem); FileContext too, which Delta's log uses. */
    private static final Map<String, String> LOCAL_FILE_SYSTEM = Map.of(
            "fs.file.impl", PosixLocalFileSystem.class.getName(),
            "fs.AbstractFileSystem.file.impl", PosixLocalFileSystem.Fs.class.getName());

    /**
     * The Hadoop configuration a session of these jobs would have (Spark's own rules: spark.hadoop.* settings, S3
     * credentials from the environment; file: as above), for work done on the driver before any session starts.
     */
    public static Configuration hadoopConfiguration() {
        SparkConf submitted = new SparkConf();
        if (!submitted.contains("spark.hadoop.fs.file.impl")) {
            LOCAL_FILE_SYSTEM.forEach((key, value) -> submitted.set("spark.hadoop." + key, value));
        }
        return SparkHadoopUtil$.MODULE$.newConfiguration(submitted);
    }

    /** The delta.checkpointInterval of new Delta tables (see TableWriter.CHECKPOINT_EVERY). */
    private static final String CHECKPOINT_INTERVAL_DEFAULT = "spark.databricks.delta.properties.defaults.checkpointInterval";
    /** The delta.dataSkippingNumIndexedCols of new Delta tables. */
    private static final String INDEXED_COLUMNS_DEFAULT = "spark.databricks.delta.properties.defaults.dataSkippingNumIndexedCols";
    private static final String MAX_CONCURRENT_WRITERS = "spark.sql.maxConcurrentOutputFileWriters";

    private static SparkSession.Builder builder(String master, String extensions) {
        SparkConf submitted = new SparkConf();
        String effectiveMaster = master != null ? master : submitted.get("spark.master", "local[*]");
        SparkSession.Builder builder = SparkSession.builder()
                .appName("model-census")
                .master(effectiveMaster)
                .config("spark.sql.extensions", extensions)
                .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
                // 2023-02-30 must be an invalid date, not an upgrade exception (spec: rejected rows).
                .config("spark.sql.legacy.timeParserPolicy", "CORRECTED")
                .config("spark.sql.session.timeZone", "UTC")
                .config("spark.sql.adaptive.enabled", "true");
        if (!submitted.contains("spark.databricks.delta.snapshotPartitions")) {
            // until sizeFor knows the job's rows
            builder.config("spark.databricks.delta.snapshotPartitions", SNAPSHOT_PARTITIONS);
        }
        if (!submitted.contains("spark.hadoop.fs.file.impl")) {
            LOCAL_FILE_SYSTEM.forEach((key, value) -> builder.config("spark.hadoop." + key, value));
        }
        if (!submitted.contains("spark.sql.shuffle.partitions")) {
            // Catalogues are small: a handful of partitions; CensusPipeline raises it for big inputs.
            builder.config("spark.sql.shuffle.partitions", "4");
        }
        if (!submitted.contains("spark.databricks.delta.allFilesInCrc.enabled")) {
            // Delta 3.3 would also list a small table's files in each commit's .crc, from the previous version's
            // whole state (a Spark job per table written); it reads that list back only to verify it.
            builder.config("spark.databricks.delta.allFilesInCrc.enabled", "false");
        }
        if (!submitted.contains(MAX_CONCURRENT_WRITERS)) {
            // A task writes each release_year partition of a silver table through a writer of its own, open side by side,
            // instead of sorting its rows by partition first (at 10^6 models the sort spilled 200 MB to disk); past 16
            // partitions in one task Spark sorts the rest, as before.
            builder.config(MAX_CONCURRENT_WRITERS, "16");
        }
        if (!submitted.contains(CHECKPOINT_INTERVAL_DEFAULT)) {
            // New tables: Delta never checkpoints them itself; TableWriter does, every CHECKPOINT_EVERY commits.
            builder.config(CHECKPOINT_INTERVAL_DEFAULT, Integer.toString(Integer.MAX_VALUE));
        }
        if (!submitted.contains(INDEXED_COLUMNS_DEFAULT)) {
            // New tables: each file's row count, without a minimum, maximum and null count per column. The files are cut
            // by snapshot (silver's also by release year), which their partition values skip; the columns' statistics
            // cost every write an expression over all columns (docs/benchmarks.md: a re-run of the real snapshot 1 s).
            builder.config(INDEXED_COLUMNS_DEFAULT, "0");
        }
        if (effectiveMaster.startsWith("local") && !submitted.contains("spark.ui.enabled")) {
            builder.config("spark.ui.enabled", "false");
            if (!submitted.contains("spark.sql.ui.explainMode") && !submitted.getBoolean("spark.eventLog.enabled", false)) {
                // Every query's plan is still written out for the UI's listeners; with no UI to show it, the short form.
                builder.config("spark.sql.ui.explainMode", "simple");
            }
        }
        return builder;
    }

    /** Whether Spark's Hive support (spark-hive) is on the classpath, as enableHiveSupport() requires. */
    public static boolean hiveOnClasspath() {
        try {
            Class.forName("org.apache.spark.sql.hive.HiveSessionStateBuilder", false, SparkSessions.class.getClassLoader());
            Class.forName("org.apache.hadoop.hive.conf.HiveConf", false, SparkSessions.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
