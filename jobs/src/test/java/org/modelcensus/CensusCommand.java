package org.modelcensus;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.modelcensus.CensusTestKit.assertMentions;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the command-line jobs the way users do: in this JVM on the suite's SparkSession (fast), or as a child JVM
 * of its own (for the crash and concurrency tests, which need a process to kill or two to race).
 */
public final class CensusCommand {

    private CensusCommand() {
    }

    /** What one run returned and printed. */
    public record Outcome(int exitCode, String out, String err) {
        public List<String> errLines() {
            return err.lines().toList();
        }
    }

    /**
     * scripts/run.sh in this JVM: the census on the suite's SparkSession, which it must leave running. No report is
     * rendered unless --report-dir is given (the default folder is in the checkout; the report has tests of its own).
     */
    public static Outcome census(String... options) {
        SparkTestSupport.spark();
        String[] args = withoutReport(options);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = CensusJob.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), false);
        return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** scripts/export.sh in this JVM. */
    public static Outcome export(String... args) {
        SparkTestSupport.spark();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = CensusExport.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), false);
        return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** scripts/enrich.sh in this JVM. */
    public static Outcome enrich(String... args) {
        SparkTestSupport.spark();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = EnrichJob.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), false);
        return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** The census as a child JVM (as scripts/run.sh starts it), output to the log file; the caller waits or kills. */
    public static Process child(Path log, String... args) {
        Path project = SparkTestSupport.projectDir();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        try {
            for (String line : Files.readAllLines(project.resolve("conf/jvm.options"))) {
                if (!line.isBlank() && !line.strip().startsWith("#")) {
                    command.add(line.strip());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // As scripts/env.sh: C1 only, with room for Spark's generated code.
        command.addAll(List.of("-Xmx1g", "-XX:TieredStopAtLevel=1", "-XX:ReservedCodeCacheSize=240m", "-cp",
                System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                CensusJob.class.getName()));
        command.addAll(List.of(withoutReport(args)));
        try {
            return new ProcessBuilder(command).directory(project.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String[] withoutReport(String[] options) {
        List<String> args = new ArrayList<>(List.of(options));
        if (!args.contains("--report-dir")) {
            args.addAll(List.of("--report-dir", ""));
        }
        return args.toArray(String[]::new);
    }

    /** Exit code 2 with one line naming the problem, no stack trace, and the shared session still running. */
    public static void assertRefused(Outcome outcome, String... messageParts) {
        assertAll(
                () -> assertEquals(CensusJob.BAD_INPUT, outcome.exitCode(), outcome.err()),
                () -> assertEquals(1, outcome.errLines().size(), "one line: " + outcome.err()),
                () -> assertTrue(outcome.err().startsWith("model-census: "), outcome.err()),
                () -> assertFalse(outcome.err().contains("\tat ") || outcome.err().contains("Exception"), "no stack trace: " + outcome.err()),
                () -> assertMentions(outcome.err(), messageParts),
                () -> assertFalse(SparkTestSupport.spark().sparkContext().isStopped(), "the shared session must keep running"));
    }
}
