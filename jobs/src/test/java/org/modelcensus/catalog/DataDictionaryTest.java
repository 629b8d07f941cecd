package org.modelcensus.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.modelcensus.SparkTestSupport;

import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;

/**
 * conf/dictionary/columns.csv, where the catalog's column comments come from, says what the README's data dictionary
 * says: the same tables, columns, types and meanings (backticks and links dropped), in the same order.
 */
class DataDictionaryTest {

    private static final Pattern TABLE = Pattern.compile("^#### (\\w+)$");
    /** A column row; one row may name several columns ({@code | `started_at`, `ended_at` | timestamp | ... |}). */
    private static final Pattern COLUMN = Pattern.compile("^\\| (`\\w+`(?:, `\\w+`)*) \\| ([^|]+) \\| (.+) \\|$");
    private static final Pattern NAME = Pattern.compile("`(\\w+)`");
    private static final Pattern CODE = Pattern.compile("`([^`]*)`");

    @Test
    void columnsCsvMatchesTheReadme() throws IOException {
        assertEquals(String.join("\n", readmeColumns()), String.join("\n", csvColumns()));
    }

    private static List<String> readmeColumns() throws IOException {
        List<String> lines = Files.readAllLines(SparkTestSupport.projectDir().resolve("README.md"), StandardCharsets.UTF_8);
        List<String> section = lines.subList(lines.indexOf("## Data dictionary"), lines.indexOf("## Exit codes"));
        List<String> columns = new ArrayList<>();
        String table = null;
        for (String line : section) {
            Matcher heading = TABLE.matcher(line);
            Matcher column = COLUMN.matcher(line);
            if (heading.matches()) {
                table = heading.group(1);
            } else if (line.startsWith("#")) {
                table = null; // a section between tables (the quality checks' list, for example)
            } else if (table != null && column.matches()) {
                Matcher name = NAME.matcher(column.group(1));
                while (name.find()) {
                    columns.add(table + "|" + name.group(1) + "|" + plain(column.group(2)) + "|" + plain(column.group(3)));
                }
            }
        }
        return columns;
    }

    /** Every row but the added snapshot_date ones, which the README states once for all tables. */
    private static List<String> csvColumns() throws IOException {
        CsvParserSettings settings = new CsvParserSettings();
        settings.setHeaderExtractionEnabled(true);
        List<String> columns = new ArrayList<>();
        Path file = SparkTestSupport.projectDir().resolve("conf/dictionary/columns.csv");
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String[] row : new CsvParser(settings).parseAll(in)) {
                if (!row[1].equals("snapshot_date") || !row[3].startsWith("snapshot the row belongs to")) {
                    columns.add(String.join("|", row));
                }
            }
        }
        return columns;
    }

    /** Links as their text, quoted punctuation (`; `) in single quotes, other backticks dropped. */
    private static String plain(String markdown) {
        Matcher code = CODE.matcher(markdown.replaceAll("\\[([^\\]]+)\\]\\([^)]*\\)", "$1"));
        StringBuilder text = new StringBuilder();
        while (code.find()) {
            String quoted = code.group(1);
            code.appendReplacement(text, Matcher.quoteReplacement(quoted.matches("[^\\w]+") ? "'" + quoted + "'" : quoted));
        }
        return code.appendTail(text).toString().strip();
    }
}
