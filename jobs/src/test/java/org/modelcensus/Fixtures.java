package org.modelcensus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/** Where the tests' data lives, all inside the checkout: the bundled Epoch AI files, the expected tables, test catalogues. */
public final class Fixtures {

    /** The project folder (tests run from it; Surefire also passes it). */
    public static final Path PROJECT = Path.of(System.getProperty("census.project.dir", ".")).toAbsolutePath().normalize();
    /** Epoch AI's large-scale models, snapshot of 2024-07-16 (CC BY 4.0): the census's default input. */
    public static final Path SNAPSHOT = PROJECT.resolve("conf/epoch/large_scale_ai_models_2024-07-16.csv");
    /** Epoch AI's ML hardware data set of 2025-07 (CC BY 4.0). */
    public static final Path HARDWARE = PROJECT.resolve("conf/epoch/ml_hardware_2025-07.csv");
    /** Every gold table of the real snapshot with the default options, as the specification gives it. */
    public static final Path EXPECTED = PROJECT.resolve("jobs/src/test/resources/expected/2024-07-16");
    /** The tables beyond the report of the real snapshot with the default options, computed by hand (see its README.md). */
    public static final Path EXPECTED_BEYOND = PROJECT.resolve("jobs/src/test/resources/expected/beyond-the-report/2024-07-16");
    /** A made-up catalogue in the layout of Epoch AI's notable models of 2025 (see catalogues/README.md). */
    public static final Path NOTABLE = PROJECT.resolve("jobs/src/test/resources/catalogues/notable_ai_models_madeup_2025-06-01.csv");
    /** A made-up 50-record catalogue of 2024-07-16 with two records to reject (a repeated name, 2023-02-30). */
    public static final Path SAMPLE = PROJECT.resolve("jobs/src/test/resources/catalogues/large_scale_ai_models_sample_2024-07-16.csv");
    /** Malformed catalogues (see its README.md). */
    public static final Path HOSTILE = PROJECT.resolve("jobs/src/test/resources/hostile");

    /**
     * A set-up the suite's test JVMs share (Surefire runs two), in {@code target/<name>}: built by the JVM that asks
     * first while it holds {@code target/<name>.lock}, which the other waits on, then reused by both until the next
     * {@code mvn test} (census.suite is that build's start time; outside Maven each JVM builds its own once). The folder
     * is only read after it is built: a test that writes copies it.
     *
     * @param build fills the (empty) folder it is given
     */
    public static Path sharedSetUp(String name, Consumer<Path> build) {
        Path target = PROJECT.resolve("target");
        Path folder = sharedFolder(name);
        Path builtFor = folder.resolve(".built-for-suite");
        String suite = System.getProperty("census.suite", "jvm " + ProcessHandle.current().pid() + " " + ProcessHandle.current().info().startInstant());
        try {
            Files.createDirectories(target);
            try (FileChannel lock = FileChannel.open(target.resolve(name + ".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock held = lock.lock()) {
                if (!Files.exists(builtFor) || !Files.readString(builtFor, StandardCharsets.UTF_8).equals(suite)) {
                    CensusTestKit.deleteTree(folder);
                    Files.createDirectories(folder);
                    build.accept(folder);
                    Files.writeString(builtFor, suite, StandardCharsets.UTF_8);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot share the set-up " + folder + ": " + e.getMessage(), e);
        }
        return folder;
    }

    /** The folder of the shared set-up {@code name} ({@link #sharedSetUp}). */
    public static Path sharedFolder(String name) {
        return PROJECT.resolve("target").resolve(name);
    }

    private Fixtures() {
    }

    /** The names of the expected gold tables, sorted. */
    public static List<String> expectedTables() {
        try (Stream<Path> files = Files.list(EXPECTED)) {
            return files.map(p -> p.getFileName().toString().replace(".csv", "")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
