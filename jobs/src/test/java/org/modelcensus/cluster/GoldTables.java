package org.modelcensus.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.modelcensus.Fixtures;
import org.modelcensus.SparkTestSupport;

/**
 * The 13 expected tables of the 2024-07-16 snapshot, compared with a run's CSV export without Spark: cell for cell
 * and row for row, in the expected files' columns (the export may add columns after them; GoldenCensusTest compares
 * the same way). The expected files end lines with CRLF, the export with LF: lines are compared, not bytes.
 */
final class GoldTables {


    private GoldTables() {
    }

    static void assertExportMatchesExpected(Path exportDir) throws IOException {
        List<Path> expectedFiles;
        try (Stream<Path> files = Files.list(Fixtures.EXPECTED)) {
            expectedFiles = files.filter(f -> f.toString().endsWith(".csv")).sorted().toList();
        }
        assertEquals(13, expectedFiles.size(), "expected tables in " + Fixtures.EXPECTED);
        for (Path expectedFile : expectedFiles) {
            String table = expectedFile.getFileName().toString();
            Path exported = exportDir.resolve(table);
            assertTrue(Files.isRegularFile(exported), "exported " + exported);
            List<List<String>> expected = parse(Files.readString(expectedFile, StandardCharsets.UTF_8));
            List<List<String>> actual = parse(Files.readString(exported, StandardCharsets.UTF_8));
            assertEquals(expected, project(actual, expected.get(0), table), table);
        }
    }

    /** The rows of the table in the given columns (the header first). */
    private static List<List<String>> project(List<List<String>> rows, List<String> columns, String table) {
        List<String> header = rows.get(0);
        List<Integer> indexes = new ArrayList<>();
        for (String column : columns) {
            assertTrue(header.contains(column), table + ": column " + column + " in " + header);
            indexes.add(header.indexOf(column));
        }
        return rows.stream().map(row -> indexes.stream().map(row::get).toList()).toList();
    }

    /** RFC 4180: records end with CRLF or LF; a quoted field may hold commas, line breaks and "" for a quote. */
    static List<List<String>> parse(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                record.add(field.toString());
                field.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                record.add(field.toString());
                field.setLength(0);
                records.add(record);
                record = new ArrayList<>();
            } else {
                field.append(c);
            }
        }
        if (field.length() > 0 || !record.isEmpty()) {
            record.add(field.toString());
            records.add(record);
        }
        return records;
    }
}
