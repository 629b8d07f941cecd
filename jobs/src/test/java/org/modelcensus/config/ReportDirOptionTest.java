package org.modelcensus.config;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.modelcensus.CensusTestKit.assertMentions;
import static org.modelcensus.CensusTestKit.writeFile;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modelcensus.errors.CensusInputException;

/** --report-dir: where the HTML report goes; also the key report-dir of the properties file. */
class ReportDirOptionTest {

    @TempDir
    Path dir;

    private CensusConfig parse(String properties, String... args) {
        List<String> all = new ArrayList<>(List.of("--config", writeFile(dir, "census.properties", properties).toString(),
                "--input", "catalogue.csv"));
        all.addAll(List.of(args));
        return CensusOptions.parse(all.toArray(String[]::new));
    }

    @Test
    void defaultsToReportAndCanBeSetOrTurnedOff() {
        assertAll(
                () -> assertEquals("report", parse("").reportDir()),
                () -> assertEquals("site/census", parse("", "--report-dir", "site/census").reportDir()),
                () -> assertEquals("from-file", parse("report-dir=from-file\n").reportDir()),
                () -> assertEquals("cli", parse("report-dir=from-file\n", "--report-dir", "cli").reportDir(), "command line wins"),
                () -> assertNull(parse("report-dir=\n").reportDir(), "empty: no report"));
    }

    @Test
    void aFileIsRefused() {
        Path file = writeFile(dir, "not-a-folder", "x");
        CensusInputException error = assertThrows(CensusInputException.class, () -> parse("", "--report-dir", file.toString()));
        assertMentions(error.getMessage(), "--report-dir", "is a file");
    }
}
