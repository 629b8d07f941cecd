package org.modelcensus.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Headless Chromium (Debian package {@code chromium}) driven from its command line: a screenshot of a page and
 * the page's DOM after its scripts ran. Offline: host names resolve to nothing, so a page that needed the
 * network would show it.
 */
final class HeadlessChromium {

    private static final List<String> NAMES = List.of("chromium", "chromium-browser", "google-chrome", "google-chrome-stable");

    private final String executable;
    private final Path profile;

    private HeadlessChromium(String executable, Path profile) {
        this.executable = executable;
        this.profile = profile;
    }

    /** Chromium from $CHROMIUM or the PATH; fails the test (never skips it) when there is none. */
    static HeadlessChromium find(Path workDir) {
        String fromEnvironment = System.getenv("CHROMIUM");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            if (!Files.isExecutable(Path.of(fromEnvironment))) {
                fail("CHROMIUM=" + fromEnvironment + " is not an executable file: point it at headless Chromium, or unset it "
                        + "to use chromium from the PATH (apt-get install -y chromium).");
            }
            return new HeadlessChromium(fromEnvironment, workDir.resolve("chromium-profile"));
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            for (String name : NAMES) {
                Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
                if (Files.isExecutable(candidate)) {
                    return new HeadlessChromium(candidate.toString(), workDir.resolve("chromium-profile"));
                }
            }
        }
        return fail("Headless Chromium is needed by the report's browser test and was not found on the PATH (looked for "
                + NAMES + ", or set CHROMIUM=/path/to/chromium). Install it: apt-get install -y chromium (.ci/run does).");
    }

    /** Saves a screenshot of the page at the window size. */
    void screenshot(String url, Path png, int width, int height) {
        run(List.of("--screenshot=" + png.toAbsolutePath(), "--window-size=" + width + "," + height, url));
        assertTrue(Files.isRegularFile(png), "Chromium wrote no screenshot " + png);
    }

    /** The page's DOM, serialized after its scripts ran. */
    String dumpDom(String url) {
        return run(List.of("--dump-dom", "--window-size=1280,4800", url));
    }

    private String run(List<String> arguments) {
        List<String> command = new ArrayList<>(List.of(executable, "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--hide-scrollbars", "--force-device-scale-factor=1", "--no-first-run",
                "--no-default-browser-check", "--disable-extensions", "--disable-background-networking",
                "--disable-component-update", "--host-resolver-rules=MAP * ~NOTFOUND", "--user-data-dir=" + profile));
        command.addAll(arguments);
        try {
            Path out = Files.createTempFile("chromium", ".out");
            Path err = Files.createTempFile("chromium", ".err");
            try {
                Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
                if (!process.waitFor(120, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    fail("Chromium did not finish within 120 s: " + command);
                }
                assertEquals(0, process.exitValue(), "Chromium failed: " + command + "\n" + Files.readString(err));
                return Files.readString(out, StandardCharsets.UTF_8);
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            return fail("Cannot run Chromium " + command + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("Interrupted while running Chromium", e);
        }
    }
}
