package org.modelcensus.read;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.format_string;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.monotonically_increasing_id;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.modelcensus.errors.CensusInputException;
import org.modelcensus.reference.ReferenceData.CatalogueField;

import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;

/**
 * Reads an Epoch AI catalogue CSV by the spec's Input rules: multi-line quoted fields ({@code "} quotes and
 * escapes), byte-order mark, CRLF, header names of every vintage. Splits the records into accepted models and
 * rejected records with a reason; nothing is dropped silently.
 */
public final class CatalogueReader {

    static final String CORRUPT = "_corrupt_record";
    /** Columns a catalogue may have (Epoch's have about 60; the hostile corpus has 5,000). */
    private static final int MAX_COLUMNS = 100_000;
    /** Up to this many names listed more than once are sent to every task; more (a hostile input) go by a shuffle. */
    private static final long BROADCAST_REPEATED_NAMES = 100_000;
    private static final String ISO_DATE = "^\\d{4}-\\d{2}-\\d{2}$";

    private final SparkSession spark;
    private final List<CatalogueField> knownFields;
    private final long broadcastRepeatedNames;

    public CatalogueReader(SparkSession spark, List<CatalogueField> knownFields) {
        this(spark, knownFields, BROADCAST_REPEATED_NAMES);
    }

    /** As the public constructor, with another bound for broadcasting repeated names (tests take both ways). */
    CatalogueReader(SparkSession spark, List<CatalogueField> knownFields, long broadcastRepeatedNames) {
        this.spark = spark;
        this.knownFields = knownFields;
        this.broadcastRepeatedNames = broadcastRepeatedNames;
    }

    /** Finds the input and its format ({@code auto}: inferred from the path), or explains what is wrong with it. */
    public CatalogueInput locate(String path, CatalogueInput.Format format) {
        return CatalogueInput.locate(path, format, spark.sparkContext().hadoopConfiguration());
    }

    /** Reads a CSV catalogue file (the format of every Epoch AI download). */
    public CatalogueRead read(String file) {
        CatalogueInput input = locate(file, CatalogueInput.Format.csv);
        return read(input, fingerprint(input));
    }

    /** The input's SHA-256, in a pass that also checks that a CSV input is UTF-8 text. */
    public InputFingerprint fingerprint(CatalogueInput input) {
        return InputFingerprint.of(input, spark.sparkContext().hadoopConfiguration());
    }

    public CatalogueRead read(CatalogueInput input, InputFingerprint fingerprint) {
        String file = input.path();
        CatalogueHeader header;
        Dataset<Row> records;
        if (input.format() == CatalogueInput.Format.csv) {
            header = CatalogueHeader.resolve(file, readHeader(input), knownFields);
            records = csv(true, input.folder())
                    .schema(recordSchema(header))
                    .option("mode", "PERMISSIVE")
                    .option("columnNameOfCorruptRecord", CORRUPT)
                    .csv(file);
        } else {
            // Columnar catalogues carry the header names as column names; every field is read as text, as from CSV.
            Dataset<Row> table = spark.read().format(input.format().name()).load(file);
            StructField[] stored = table.schema().fields();
            header = CatalogueHeader.resolve(file, List.of(table.columns()), knownFields);
            List<Integer> used = header.columnOfField().values().stream().distinct().sorted().toList();
            if (input.format() == CatalogueInput.Format.parquet) {
                // Parquet is read with the catalogue's fields only, so that no plan of the run holds a relation of every
                // column: Spark 3.5 compares each query with the kept tables in time quadratic in a relation's width
                // (apache/spark#58256), a minute of the run at 5,000 columns. Delta's reader takes no schema.
                table = spark.read().schema(new StructType(used.stream().map(i -> stored[i]).toArray(StructField[]::new))).parquet(file);
            }
            List<Column> columns = new ArrayList<>();
            for (int i : used) {
                columns.add(col("`" + stored[i].name() + "`").cast(DataTypes.StringType).as("c" + i));
            }
            columns.add(lit(null).cast(DataTypes.StringType).as(CORRUPT));
            records = table.select(columns.toArray(Column[]::new));
        }

        // One multi-line CSV file is read by one task, so the id is then the record's position in the file; for
        // a folder of parts or a columnar input it is a unique record id.
        List<Column> fields = new ArrayList<>();
        fields.add(monotonically_increasing_id().plus(1).as("source_record"));
        for (String field : header.fieldNames()) {
            Integer column = header.columnOfField().get(field);
            fields.add(column == null ? lit(null).cast(DataTypes.StringType).as(field) : col("c" + column).as(field));
        }
        fields.add(col(CORRUPT));
        Dataset<Row> raw = records.select(fields.toArray(Column[]::new));
        if (input.format() == CatalogueInput.Format.csv) {
            // The plans from here on start from the parsed fields, not from the file's relation of every column (the
            // quadratic comparison above; CSV needs every column parsed to tell a record with the wrong number of
            // fields). The records keep their lineage: a lost block is parsed again, as before.
            raw = spark.internalCreateDataFrame(raw.queryExecution().toRdd(), raw.schema(), false);
        }

        Column model = trim(col("model"));
        Column dateText = trim(col("publication_date"));
        Column validDate = when(dateText.rlike(ISO_DATE), to_date(dateText, "yyyy-MM-dd"));
        Column reason = when(col(CORRUPT).isNotNull(), lit("malformed CSV record: wrong number of fields"))
                .when(coalesce(model, lit("")).equalTo(""), lit("empty model name"))
                .when(validDate.isNull(), concat(lit("no valid ISO publication date: '"), coalesce(col("publication_date"), lit("")), lit("'")));
        Dataset<Row> checked = raw
                .withColumn("model", model)
                .withColumn("valid_date", validDate)
                .withColumn("reason", reason);
        // A CSV file is parsed once and its records kept for the run; a columnar input is scanned again instead, for
        // the columns each pass needs (at 10^6 models, keeping every field in Spark's columnar cache cost more than
        // the three scans of the Parquet files: docs/benchmarks.md). The record ids are the same on every scan.
        if (input.format() == CatalogueInput.Format.csv) {
            checked = checked.persist(StorageLevel.MEMORY_AND_DISK());
        }

        // Spec: a second row with the same model name is rejected; the first keeps its own verdict. The names listed
        // more than once come from an aggregate of names and record ids (usually none), not a window over the
        // records, which shuffled and sorted every field of every record.
        Column named = col(CORRUPT).isNull().and(coalesce(model, lit("")).notEqual(""));
        Dataset<Row> repeated = checked.where(named)
                .groupBy(col("model").as("repeated_model"))
                .agg(min("source_record").as("first_record"), count(lit(1)).as("copies"))
                .where(col("copies").gt(1))
                .drop("copies")
                .persist(StorageLevel.MEMORY_AND_DISK());
        List<Dataset<Row>> kept = List.of(checked, repeated);
        long repeatedNames;
        try {
            repeatedNames = repeated.count();
        } catch (RuntimeException e) {
            kept.forEach(Dataset::unpersist);
            throw e;
        }
        Dataset<Row> classified = repeatedNames == 0 ? checked : checked
                .join(repeatedNames <= broadcastRepeatedNames ? broadcast(repeated) : repeated,
                        col("model").equalTo(col("repeated_model")), "left")
                .withColumn("reason", when(col("reason").isNull().and(col("source_record").gt(col("first_record"))),
                        format_string("duplicate model name (first seen at record %d)", col("first_record")))
                        .otherwise(col("reason")))
                .drop("repeated_model", "first_record");

        return new CatalogueRead(file, classified, header, fingerprint, kept);
    }

    /**
     * The header row: the first record of the first data file, parsed on the driver with the reader's CSV rules
     * ({@code "} quotes and escapes, a byte-order mark dropped). A few bytes, so no Spark job. In a folder of parts
     * every part's header is read too: Spark reads the fields by position, so a part with its columns in another order
     * would put its values under the wrong names.
     */
    private List<String> readHeader(CatalogueInput input) {
        Path path = new Path(input.path());
        try {
            FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
            List<Path> parts = InputFingerprint.dataFiles(fs, path, CatalogueInput.Format.csv);
            List<String> header = headerOf(fs, parts.get(0));
            if (header == null) {
                throw new CensusInputException("Input file " + input.path() + " is empty: it has no header and no models.");
            }
            for (Path part : parts.subList(1, parts.size())) {
                List<String> other = headerOf(fs, part);
                if (other != null && !other.equals(header)) {
                    int column = 0;
                    while (column < Math.min(header.size(), other.size()) && header.get(column).equals(other.get(column))) {
                        column++;
                    }
                    throw new CensusInputException("CSV part " + part + " has another header than " + parts.get(0) + ": column "
                            + (column + 1) + " is " + nameAt(other, column) + " there and " + nameAt(header, column) + " in the first. "
                            + "Every part of a catalogue needs the same columns in the same order: write the parts again with one "
                            + "header, or give --input one part.");
                }
            }
            return header;
        } catch (IOException e) {
            throw new CensusInputException("Cannot read the header of " + input.path() + ": " + e.getMessage(), e);
        }
    }

    private static String nameAt(List<String> header, int column) {
        return column < header.size() ? "'" + header.get(column) + "'" : "missing";
    }

    /** The first record of a CSV file, a byte-order mark dropped; null for an empty file. */
    private static List<String> headerOf(FileSystem fs, Path file) throws IOException {
        CsvParserSettings settings = new CsvParserSettings();
        settings.getFormat().setQuote('"');
        settings.getFormat().setQuoteEscape('"');
        settings.setLineSeparatorDetectionEnabled(true);
        settings.setMaxColumns(MAX_COLUMNS);
        settings.setMaxCharsPerColumn(-1);
        settings.setIgnoreLeadingWhitespaces(false);
        settings.setIgnoreTrailingWhitespaces(false);
        settings.setNullValue("");
        settings.setEmptyValue("");
        try (Reader reader = new InputStreamReader(fs.open(file), StandardCharsets.UTF_8)) {
            CsvParser parser = new CsvParser(settings);
            parser.beginParsing(reader);
            String[] record = parser.parseNext();
            parser.stopParsing();
            if (record == null) {
                return null;
            }
            List<String> names = new ArrayList<>();
            for (String name : record) {
                names.add(name == null ? "" : name.replace("\uFEFF", ""));
            }
            return names;
        }
    }

    private static StructType recordSchema(CatalogueHeader header) {
        List<StructField> fields = new ArrayList<>();
        for (int i = 0; i < header.columnCount(); i++) {
            fields.add(DataTypes.createStructField("c" + i, DataTypes.StringType, true));
        }
        fields.add(DataTypes.createStructField(CORRUPT, DataTypes.StringType, true));
        return DataTypes.createStructType(fields);
    }

    /** The CSV options of the spec; in a folder of parts only *.csv files are read (as they are fingerprinted). */
    private DataFrameReader csv(boolean header, boolean folder) {
        DataFrameReader reader = spark.read()
                .option("header", Boolean.toString(header))
                .option("multiLine", "true")
                .option("quote", "\"")
                .option("escape", "\"")
                .option("encoding", "UTF-8")
                .option("enforceSchema", "true")
                .option("maxColumns", Integer.toString(MAX_COLUMNS))
                .option("inferSchema", "false");
        return folder ? reader.option("pathGlobFilter", "*.csv") : reader;
    }
}
