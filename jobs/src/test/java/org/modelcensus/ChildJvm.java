package org.modelcensus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * model-census in a JVM of its own, as the scripts start it ({@code java @conf/jvm.options ... ModelCensus <command>}),
 * on the test classpath, from the project folder, its output in a log file: for the tests that kill a run, race two,
 * serve over JDBC or run a cluster. The one launcher of the suite.
 */
public final class ChildJvm implements AutoCloseable {

    private final Process process;
    private final Path log;

    private ChildJvm(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * Starts {@code model-census <args>}.
     *
     * @param jvmOptions options after conf/jvm.options and the heap (system properties, for example)
     * @param environment variables set in the child (a null value removes the variable)
     */
    public static ChildJvm start(Path log, List<String> jvmOptions, Map<String, String> environment, String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "@" + Fixtures.PROJECT.resolve("conf/jvm.options"),
                // As scripts/lib.sh starts a census of a small input: the throughput collector and the short job's JIT,
                // for the servers too (serve.sh compiles for a long life; a test's server lives a minute or two).
                "@" + Fixtures.PROJECT.resolve("conf/jvm-short-job.options"), "@" + Fixtures.PROJECT.resolve("conf/jvm-small-input.options"),
                "-Xmx1g", "-XX:+UseParallelGC",
                // Spark's scratch folders (spark-*, blockmgr-*) and Hive's session folders beside the log, in the test's
                // folder: a child killed with SIGKILL cannot remove them, and in /tmp they would pile up run after run.
                "-Djava.io.tmpdir=" + scratchFolder(log)));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                ModelCensus.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(Fixtures.PROJECT.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        environment.forEach((name, value) -> {
            if (value == null) {
                builder.environment().remove(name);
            } else {
                builder.environment().put(name, value);
            }
        });
        try {
            return new ChildJvm(builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path scratchFolder(Path log) {
        try {
            return Files.createDirectories(log.resolveSibling(log.getFileName() + ".tmp"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code model-census census <args>}, rendering no report unless --report-dir is given. */
    public static ChildJvm census(Path log, String... args) {
        return start(log, List.of(), Map.of(), CensusTestKit.censusArgs(args));
    }

    public Process process() {
        return process;
    }

    /** The log so far. */
    public String log() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until the log has the text; fails, with the end of the log, when the process ends first or time is up. */
    public void awaitLog(String text, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!log().contains(text)) {
            if (!process.isAlive()) {
                throw new AssertionError("the process ended (exit code " + process.exitValue() + ") before logging '" + text + "':\n" + tail());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no '" + text + "' in the log within " + timeout + ":\n" + tail());
            }
            sleep(50);
        }
    }

    /** Waits for the process to end; fails, with the end of the log, when time is up. */
    public int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("still running after " + timeout + ":\n" + tail());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        return process.exitValue();
    }

    /** SIGKILL: no shutdown hook, no finally block runs. */
    public void kill() {
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(60));
    }

    /** The last 40 lines of the log. */
    public String tail() {
        List<String> lines = log().lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    /** SIGTERM (shutdown hooks run), then SIGKILL after a minute. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
