package org.modelcensus.config;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.modelcensus.errors.CensusInputException;

/**
 * A folder of text files (SQL or reference CSV): a folder given by the user, or the copy bundled in the jar
 * (the build copies sql/ and conf/ there), so that spark-submit needs nothing but the jar.
 */
public final class TextSource {

    private final String userDir;
    private final String bundledDir;

    private TextSource(String userDir, String bundledDir) {
        this.userDir = userDir;
        this.bundledDir = bundledDir;
    }

    /** @param userDir a local folder, or null to use {@code bundledDir} on the classpath */
    public static TextSource of(String userDir, String bundledDir) {
        return new TextSource(userDir, bundledDir);
    }

    public String describe(String name) {
        return userDir != null ? Path.of(userDir, name).toString() : "bundled " + bundledDir + "/" + name;
    }

    /** The file names in a sub-folder ending with {@code suffix}, sorted; none when the sub-folder does not exist. */
    public List<String> list(String subDir, String suffix) {
        try {
            if (userDir != null) {
                if (!Files.isDirectory(Path.of(userDir))) {
                    throw new CensusInputException("Folder not found: " + userDir + ".");
                }
                Path dir = Path.of(userDir, subDir);
                return Files.isDirectory(dir) ? names(dir, suffix) : List.of();
            }
            if (getClass().getClassLoader().getResource(bundledDir) == null) {
                throw new CensusInputException("The application jar has no " + bundledDir + "/: rebuild it with mvn package.");
            }
            URL url = getClass().getClassLoader().getResource(bundledDir + "/" + subDir);
            if (url == null) {
                return List.of();
            }
            URI uri = url.toURI();
            if ("jar".equals(uri.getScheme())) {
                FileSystem jar;
                try {
                    jar = FileSystems.getFileSystem(uri);
                } catch (FileSystemNotFoundException e) {
                    jar = FileSystems.newFileSystem(uri, Map.of());
                }
                return names(jar.getPath(bundledDir, subDir), suffix);
            }
            return names(Path.of(uri), suffix);
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException("Cannot list " + describe(subDir), e);
        }
    }

    /** The lines of one file, UTF-8, without a byte-order mark. */
    public String read(String name) {
        try {
            if (userDir != null) {
                Path file = Path.of(userDir, name);
                if (!Files.isRegularFile(file)) {
                    throw new CensusInputException("File not found: " + file + ".");
                }
                return stripBom(Files.readString(file, StandardCharsets.UTF_8));
            }
            try (InputStream in = getClass().getClassLoader().getResourceAsStream(bundledDir + "/" + name)) {
                if (in == null) {
                    throw new CensusInputException("The application jar has no " + bundledDir + "/" + name + ": rebuild it with mvn package.");
                }
                return stripBom(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new CensusInputException("Cannot read " + describe(name) + ": " + e.getMessage(), e);
        }
    }

    /** A CSV file of the folder (header row, {@code "} quotes), every cell trimmed, an empty cell "". */
    public record CsvTable(List<String> header, List<String[]> rows) {
    }

    /**
     * Reads a small CSV file (reference data, the dictionary) on the driver, without a Spark job.
     *
     * @param columns the columns its readers rely on: a file without one of them is refused, naming the file
     */
    public CsvTable csv(String name, List<String> columns) {
        com.univocity.parsers.csv.CsvParserSettings settings = new com.univocity.parsers.csv.CsvParserSettings();
        settings.setLineSeparatorDetectionEnabled(true);
        settings.setNullValue("");
        settings.setEmptyValue("");
        settings.setSkipEmptyLines(true);
        List<String[]> records = new com.univocity.parsers.csv.CsvParser(settings).parseAll(new java.io.StringReader(read(name)));
        if (records.isEmpty()) {
            throw new CensusInputException(describe(name) + " is empty: it needs the header " + String.join(",", columns) + ".");
        }
        List<String> header = java.util.Arrays.stream(records.get(0)).map(c -> c == null ? "" : c.strip()).toList();
        for (String column : columns) {
            if (!header.contains(column)) {
                throw new CensusInputException(describe(name) + " has no column '" + column + "'; its header is " + header
                        + ", expected " + columns + ".");
            }
        }
        List<String[]> rows = new java.util.ArrayList<>();
        for (int r = 1; r < records.size(); r++) {
            String[] record = records.get(r);
            if (record.length > header.size()) {
                throw new CensusInputException(describe(name) + ": row " + (r + 1) + " has " + record.length + " cells, the header "
                        + header.size() + ". Quote a cell that holds a comma.");
            }
            String[] cells = new String[header.size()];
            for (int c = 0; c < cells.length; c++) {
                cells[c] = c < record.length && record[c] != null ? record[c].strip() : "";
            }
            rows.add(cells);
        }
        return new CsvTable(header, rows);
    }

    private static List<String> names(Path dir, String suffix) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(suffix)).sorted().toList();
        }
    }

    private static String stripBom(String text) {
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }
}
