package org.modelcensus.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.modelcensus.SparkTestSupport;

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
    private final Process process;

    private LocalClusterRun(Path dir, Process process) {
        this.dir = dir;
        this.process = process;
    }

    /** Starts the census on the catalogue, writing to {@code target/cluster-test/<name>/{warehouse,export,report}}. */
    static LocalClusterRun start(String name, Path catalogue) throws IOException {
        Path project = SparkTestSupport.projectDir();
        Path base = project.resolve("target/cluster-test");
        Path dir = base.resolve(name);
        deleteRecursively(dir);
        Files.createDirectories(dir);
        List<String> classpath = testClasspath();
        Path sparkHome = sparkHome(base.resolve("spark-home"), classpath);

        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "@" + project.resolve("conf/jvm.options"),
                "-Xmx1536m",
                // As scripts/env.sh: C1 only (C2 compiling costs more than it saves in a short run), with room for
                // Spark's generated code; the executors too.
                "-XX:TieredStopAtLevel=1",
                "-XX:ReservedCodeCacheSize=240m",
                "-cp", String.join(java.io.File.pathSeparator, classpath),
                // The executors load the census classes from target/classes (the driver has them on its classpath).
                "-Dspark.executor.extraClassPath=" + project.resolve("target/classes"),
                "-Dspark.executor.extraJavaOptions=-XX:TieredStopAtLevel=1 -XX:ReservedCodeCacheSize=240m",
                "-Dspark.driver.host=127.0.0.1",
                "-Dspark.driver.bindAddress=127.0.0.1",
                "org.modelcensus.CensusJob",
                "--master", MASTER,
                "--input", catalogue.toString(),
                "--warehouse", dir.resolve("warehouse").toString(),
                "--export-csv", dir.resolve("export").toString(),
                "--report-dir", dir.resolve("report").toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(project.toFile())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("census.log").toFile());
        Map<String, String> env = builder.environment();
        env.put("SPARK_HOME", sparkHome.toString());
        env.put("SPARK_SCALA_VERSION", "2.12"); // Spark's launcher, which the workers use, needs it outside a distribution
        env.put("SPARK_LOCAL_IP", "127.0.0.1"); // the cluster's master, workers, executors and web UIs bind to loopback
        env.remove("SPARK_CONF_DIR");
        return new LocalClusterRun(dir, builder.start());
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
        try {
            return Files.readString(dir.resolve("census.log"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until the census log has the text; fails when the run ends first or the time is up. */
    void awaitLog(String text, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (!log().contains(text)) {
            if (!process.isAlive()) {
                throw new AssertionError("the census ended (exit code " + process.exitValue() + ") before logging '" + text
                        + "'; log:\n" + log());
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("no '" + text + "' in the census log after " + timeout + "; log:\n" + log());
            }
            Thread.sleep(200);
        }
    }

    /** The executor JVMs of this run: descendants of the census JVM (its workers start them). */
    List<ProcessHandle> executors() {
        return process.descendants()
                .filter(p -> p.info().commandLine().map(c -> c.contains(EXECUTOR_MAIN_CLASS)).orElse(false))
                .toList();
    }

    /** The census's exit code. */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the census did not end within " + timeout + "; log:\n" + log());
        }
        return process.exitValue();
    }

    /** Stops whatever of the run is still running (after a failed assertion). */
    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
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
