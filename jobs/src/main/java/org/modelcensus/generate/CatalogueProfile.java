package org.modelcensus.generate;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.modelcensus.errors.CensusInputException;
import org.modelcensus.reference.ReferenceData.CatalogueField;

/**
 * What a synthetic catalogue imitates: the header of a real ("like") catalogue and its rows, the donors whose
 * cells the generated rows are drawn from. Small (the real snapshot has a few hundred rows; at most
 * {@link #MAX_DONORS} are kept), so it is the one thing the generator holds on the driver.
 *
 * @param source       the like-catalogue it was read from
 * @param header       column names as in the like-catalogue (byte-order mark removed)
 * @param fieldOfColumn census field of each column (catalogue_fields.csv), null for a column the census does not read
 * @param donors       the like-catalogue's rows, every cell as text, empty cells null
 */
public record CatalogueProfile(String source, List<String> header, List<String> fieldOfColumn, List<String[]> donors)
        implements Serializable {

    /** Donor rows kept at most: enough for any real catalogue, small enough to broadcast. */
    public static final int MAX_DONORS = 100_000;

    /** The bundled real snapshot (Epoch AI, CC BY 4.0), relative to the checkout; also inside the application jar. */
    public static final String DEFAULT_LIKE = "conf/epoch/large_scale_ai_models_2024-07-16.csv";

    /** The default like-catalogue: the checkout's copy of the real snapshot, else the one bundled in the jar. */
    public static String defaultLike() {
        if (Files.isRegularFile(Path.of(DEFAULT_LIKE))) {
            return DEFAULT_LIKE;
        }
        try (InputStream in = CatalogueProfile.class.getClassLoader().getResourceAsStream(DEFAULT_LIKE)) {
            if (in == null) {
                throw new CensusInputException("No like-catalogue: " + DEFAULT_LIKE + " is neither here nor in the jar; give --like PATH.");
            }
            Path copy = Files.createTempFile("census-like-", ".csv");
            copy.toFile().deleteOnExit();
            Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
            return copy.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads a like-catalogue: a catalogue CSV (or a folder of CSV parts with a header each), or Parquet when the
     * path ends with {@code .parquet} or is a folder of Parquet parts.
     */
    public static CatalogueProfile read(SparkSession spark, String like, List<CatalogueField> knownFields) {
        if (!Files.exists(Path.of(like))) {
            throw new CensusInputException("Like-catalogue not found: " + like + ".");
        }
        Dataset<Row> rows = isParquet(like)
                ? spark.read().parquet(like)
                : spark.read()
                        .option("header", "true")
                        .option("multiLine", "true")
                        .option("quote", "\"")
                        .option("escape", "\"")
                        .option("encoding", "UTF-8")
                        .option("inferSchema", "false")
                        .csv(like);
        List<String> header = Arrays.stream(rows.columns()).map(n -> n.replace("\uFEFF", "")).toList();
        Dataset<Row> text = rows.selectExpr(Arrays.stream(rows.columns()).map(n -> "cast(`" + n + "` as string)").toArray(String[]::new));
        // the profile: at most MAX_DONORS rows of a catalogue that is itself small
        List<String[]> donors = new ArrayList<>();
        for (Row row : text.limit(MAX_DONORS).collectAsList()) {
            String[] cells = new String[header.size()];
            for (int i = 0; i < cells.length; i++) {
                String cell = row.isNullAt(i) ? null : row.getString(i);
                cells[i] = cell == null || cell.isEmpty() ? null : cell;
            }
            donors.add(cells);
        }
        if (donors.isEmpty()) {
            throw new CensusInputException("Like-catalogue " + like + " has no rows to imitate.");
        }
        return new CatalogueProfile(like, header, fieldsOf(header, knownFields), donors);
    }

    /** The census field of each column, by the header names of catalogue_fields.csv (first known name wins). */
    static List<String> fieldsOf(List<String> header, List<CatalogueField> knownFields) {
        Map<String, String> fieldOfName = new LinkedHashMap<>();
        for (CatalogueField known : knownFields) {
            fieldOfName.putIfAbsent(normalize(known.headerName()), known.field());
        }
        List<String> fields = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (String name : header) {
            String field = fieldOfName.get(normalize(name));
            fields.add(field == null || seen.contains(field) ? null : field);
            if (field != null) {
                seen.add(field);
            }
        }
        return fields;
    }

    public int columnOf(String field) {
        return fieldOfColumn.indexOf(field);
    }

    private static boolean isParquet(String like) {
        Path path = Path.of(like);
        if (like.toLowerCase(Locale.ROOT).endsWith(".parquet")) {
            return true;
        }
        if (!Files.isDirectory(path)) {
            return false;
        }
        try (var files = Files.list(path)) {
            return files.anyMatch(f -> f.getFileName().toString().endsWith(".parquet"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String normalize(String name) {
        return name == null ? "" : name.replace("\uFEFF", "").strip().toLowerCase(Locale.ROOT);
    }
}
