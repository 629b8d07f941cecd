package org.modelcensus.config;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.modelcensus.CensusTestKit.assertMentions;
import static org.modelcensus.CensusTestKit.lines;
import static org.modelcensus.CensusTestKit.writeFile;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.modelcensus.errors.CensusInputException;

/**
 * The command line and properties file of the census. Every parse names a properties file of its own with
 * --config, so the project's conf/census.properties (picked up from the working directory) plays no part.
 */
class CensusOptionsTest {

    @TempDir
    Path dir;

    /** Parses the arguments with the given properties file (an empty one when null). */
    private CensusConfig parse(String properties, String... args) {
        Path config = writeFile(dir, "census.properties", properties == null ? "" : properties);
        List<String> all = new ArrayList<>(List.of("--config", config.toString()));
        all.addAll(List.of(args));
        return CensusOptions.parse(all.toArray(String[]::new));
    }

    @Test
    void defaultsAreTheReportWindow() {
        CensusConfig config = parse(null, "--input", "catalogue.csv");

        assertAll(
                () -> assertEquals("catalogue.csv", config.input()),
                () -> assertEquals(2020, config.fromYear()),
                () -> assertEquals(2023, config.toYear()),
                () -> assertEquals(2024, config.topYear(), "top-year defaults to --to + 1"),
                () -> assertEquals(4, config.topN()),
                () -> assertEquals(3, config.minOrgModels()),
                () -> assertEquals(CensusConfig.OutputFormat.delta, config.format()),
                () -> assertEquals("KOR", config.focusCountry()),
                () -> assertNull(config.snapshotDate(), "taken from the input file when not given"),
                () -> assertNull(config.exportCsvDir()),
                () -> assertNull(config.sqlDir(), "null = the SQL bundled in the jar"),
                () -> assertNull(config.referenceDir(), "null = the reference data bundled in the jar"),
                () -> assertNull(config.minCompute(), "every model, with a compute figure or not"),
                () -> assertEquals(10, config.minGrowthModels()));
    }

    @Test
    void minComputeIsANumberOfFlopForTheSqlAndTheRunRecord() {
        CensusConfig config = parse(lines("min-compute=1e23", "min-growth-models=5", "snapshot-date=2024-07-16"), "--input", "catalogue.csv");
        CensusConfig every = parse(null, "--input", "catalogue.csv", "--snapshot-date", "2024-07-16");

        assertAll(
                () -> assertEquals(1e23, config.minCompute()),
                () -> assertEquals(1e23, Double.parseDouble(config.sqlParameters().get("min_compute_flop")), "a literal of the same double"),
                () -> assertEquals("1e+23", config.asOptions().get("min-compute"), "as the CSV export writes numbers"),
                () -> assertEquals(5, config.minGrowthModels()),
                () -> assertEquals("5", config.sqlParameters().get("min_growth_models")),
                () -> assertEquals("null", every.sqlParameters().get("min_compute_flop"), "without it, an SQL null"),
                () -> assertNull(every.asOptions().get("min-compute")),
                () -> assertEquals(0.0, parse(null, "--input", "c.csv", "--min-compute", "0").minCompute(), "0: every model with a figure"));
    }

    @Test
    void propertiesFileSetsValuesAndTheCommandLineWins() {
        String properties = lines("input=from-file.csv", "from=2021", "to=2022", "top-n=7", "format=parquet",
                "focus-country=jpn", "snapshot-date=2024-07-16", "export-csv=out");

        CensusConfig config = parse(properties, "--to", "2023", "--top-n", "2");

        assertAll(
                () -> assertEquals("from-file.csv", config.input()),
                () -> assertEquals(2021, config.fromYear()),
                () -> assertEquals(2023, config.toYear(), "command line wins"),
                () -> assertEquals(2024, config.topYear(), "--to + 1 of the winning --to"),
                () -> assertEquals(2, config.topN(), "command line wins"),
                () -> assertEquals(CensusConfig.OutputFormat.parquet, config.format()),
                () -> assertEquals("JPN", config.focusCountry()),
                () -> assertEquals(LocalDate.of(2024, 7, 16), config.snapshotDate()),
                () -> assertEquals("out", config.exportCsvDir()));
    }

    @Test
    void unknownKeyInThePropertiesFileIsRefused() {
        CensusInputException error = assertThrows(CensusInputException.class,
                () -> parse(lines("input=x.csv", "top_n=7"), "--input", "x.csv"));

        assertMentions(error.getMessage(), "'top_n'", "census.properties");
    }

    static Stream<Arguments> badOptions() {
        return Stream.of(
                Arguments.of(List.of("--from", "2024", "--to", "2023"), List.of("Reversed year range", "--from 2024", "--to 2023")),
                Arguments.of(List.of("--format", "orc"), List.of("--format", "'orc'", "delta", "parquet")),
                Arguments.of(List.of("--snapshot-date", "2024-13-01"), List.of("--snapshot-date", "'2024-13-01'", "YYYY-MM-DD")),
                Arguments.of(List.of("--snapshot-date", "2023-02-30"), List.of("--snapshot-date", "'2023-02-30'", "YYYY-MM-DD")),
                Arguments.of(List.of("--focus-country", "KO"), List.of("--focus-country", "'KO'", "alpha-3")),
                Arguments.of(List.of("--focus-country", "KOR1"), List.of("--focus-country", "'KOR1'", "alpha-3")),
                Arguments.of(List.of("--top-n", "0"), List.of("--top-n", "0")),
                Arguments.of(List.of("--min-compute", "lots"), List.of("--min-compute", "'lots'", "1e23")),
                Arguments.of(List.of("--min-compute", "-1e23"), List.of("--min-compute", "'-1e23'", "0 or more")),
                Arguments.of(List.of("--min-growth-models", "1"), List.of("--min-growth-models", "2 or more", "got 1")),
                Arguments.of(List.of("--from", "twenty"), List.of("--from", "'twenty'")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badOptions")
    void badOptionIsRefusedWithAClearMessage(List<String> option, List<String> messageParts) {
        List<String> args = new ArrayList<>(List.of("--input", "catalogue.csv"));
        args.addAll(option);

        CensusInputException error = assertThrows(CensusInputException.class, () -> parse(null, args.toArray(String[]::new)));

        assertMentions(error.getMessage(), messageParts.toArray(String[]::new));
    }

    @Test
    void missingInputIsRefused() {
        CensusInputException error = assertThrows(CensusInputException.class, () -> parse(null, "--from", "2020"));

        assertMentions(error.getMessage(), "--input");
    }
}
