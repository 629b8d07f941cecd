package org.modelcensus.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.modelcensus.ChildJvm;
import org.modelcensus.Fixtures;

/**
 * One census run on a Spark cluster of separate JVMs on this machine: the census runs as a child JVM with master
 * {@code local-cluster[2,1,1024]}, whose master and two workers live in that JVM and start one executor JVM each
 * (org.apache.spark.executor.CoarseGrainedExecutorBackend), as a standalone cluster does. The workers start the
 * executors from a Spark home of the test classpath's jars (no Spark installation); the executors load the census
 * classes from target/classes. Every port is bound to 127.0.0.1. Output and warehouse: {@code target/cluster-test/<name>}.
 */
final class LocalClusterRun implements AutoCloseable {

    static final String MASTER = "local-cluster[2,1,1024]";
    static final String EXECUTOR_MAIN_CLASS = "org.apache.spark.executor.CoarseGrainedExecutorBackend";

    private final Path dir;
    private final ChildJvm census;

    private LocalClusterRun(Path dir, ChildJvm census) {
        this.dir = dir;
        this.census = census;
    }

    /** Starts the census on the catalogue, writing to {@code target/cluster-test/<name>/{warehouse,export,report}}. */
    static LocalClusterRun start(String name, Path catalogue) throws IOException {
        Path project = Fixtures.PROJECT;
        Path base = project.resolve("target/cluster-test");
        Path dir = base.resolve(name);
        deleteRecursively(dir);
        // The executors' scratch files (Spark's folders, lz4's native library) in the test's folder, as ChildJvm does for the
        // driver: the executor this test kills with SIGKILL cannot remove them, and in /tmp they would pile up run after run.
        Path executorScratch = Files.createDirectories(dir.resolve("executor-tmp"));
        Path sparkHome = sparkHome(base.resolve("spark-home"), testClasspath());
        ChildJvm census = ChildJvm.start(dir.resolve("census.log"), List.of(
                        "-Xmx1536m",
                        // The executors load the census classes from target/classes (the driver has them on its classpath).
                        "-Dspark.executor.extraClassPath=" + project.resolve("target/classes"),
                        "-Dspark.executor.extraJavaOptions=@" + project.resolve("conf/jvm-short-job.options")
                                + " -Djava.io.tmpdir=" + executorScratch,
                        "-Dspark.driver.host=127.0.0.1",
                        "-Dspark.driver.bindAddress=127.0.0.1"),
                Map.of("SPARK_HOME", sparkHome.toString(),
                        // Spark's launcher, which the workers use, needs it outside a distribution
                        "SPARK_SCALA_VERSION", "2.12",
                        // the cluster's master, workers, executors and web UIs bind to loopback
                        "SPARK_LOCAL_IP", "127.0.0.1"),
                "census",
                "--master", MASTER,
                "--input", catalogue.toString(),
                "--warehouse", dir.resolve("warehouse").toString(),
                "--export-csv", dir.resolve("export").toString(),
                "--report-dir", dir.resolve("report").toString());
        return new LocalClusterRun(dir, census);
    }

    Path warehouseDir() {
        return dir.resolve("warehouse");
    }

    Path reportDir() {
        return dir.resolve("report");
    }

    Path exportDir() {
        return dir.resolve("export");
    }

    String log() {
        return census.log();
    }

    void awaitLog(String text, Duration timeout) {
        census.awaitLog(text, timeout);
    }

    /** The executor JVMs of this run: descendants of the census JVM (its workers start them). */
    List<ProcessHandle> executors() {
        return census.process().descendants()
                .filter(p -> p.info().commandLine().map(c -> c.contains(EXECUTOR_MAIN_CLASS)).orElse(false))
                .toList();
    }

    /** The census's exit code. */
    int awaitExit(Duration timeout) {
        return census.awaitExit(timeout);
    }

    /** Stops whatever of the run is still running (after a failed assertion). */
    @Override
    public void close() {
        census.process().descendants().forEach(ProcessHandle::destroyForcibly);
        census.process().destroyForcibly();
    }

    /** The test JVM's classpath (Surefire passes it in surefire.test.class.path when java.class.path is its booter jar). */
    private static List<String> testClasspath() {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return Arrays.stream(classpath.split(java.io.File.pathSeparator)).filter(entry -> !entry.isBlank()).toList();
    }

    /**
     * A Spark home whose jars/ links every jar of the classpath: Spark's workers start executors with
     * SPARK_HOME/jars on their classpath. jars/ is rebuilt each time (the classpath may have changed); work/ keeps the
     * executors' logs ({@code work/<app>/<executor>/stderr}).
     */
    private static Path sparkHome(Path home, List<String> classpath) throws IOException {
        deleteRecursively(home.resolve("jars"));
        Path jars = Files.createDirectories(home.resolve("jars"));
        for (String entry : classpath) {
            Path jar = Path.of(entry);
            Path link = jars.resolve(jar.getFileName());
            if (entry.endsWith(".jar") && Files.isRegularFile(jar) && !Files.exists(link)) {
                Files.createSymbolicLink(link, jar.toAbsolutePath());
            }
        }
        return home;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
