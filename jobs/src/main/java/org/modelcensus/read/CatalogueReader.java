package org.modelcensus.read;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.format_string;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.monotonically_increasing_id;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.modelcensus.CensusInputException;
import org.modelcensus.reference.ReferenceData.CatalogueField;

/**
 * Reads an Epoch AI catalogue CSV by the spec's Input rules: multi-line quoted fields ({@code "} quotes and
 * escapes), byte-order mark, CRLF, header names of every vintage. Splits the records into accepted models and
 * rejected records with a reason; nothing is dropped silently.
 */
public final class CatalogueReader {

    static final String CORRUPT = "_corrupt_record";
    private static final String ISO_DATE = "^\\d{4}-\\d{2}-\\d{2}$";

    private final SparkSession spark;
    private final List<CatalogueField> knownFields;

    public CatalogueReader(SparkSession spark, List<CatalogueField> knownFields) {
        this.spark = spark;
        this.knownFields = knownFields;
    }

    /** The input file's status, or a clear error when there is none to read. */
    public FileStatus inputStatus(String file) {
        try {
            Path path = new Path(file);
            FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (!fs.exists(path)) {
                throw new CensusInputException("Input file not found: " + file + ". Give --input the path of an Epoch AI catalogue CSV.");
            }
            FileStatus status = fs.getFileStatus(path);
            if (status.isDirectory()) {
                throw new CensusInputException("Input " + file + " is a folder: give --input the catalogue CSV file itself.");
            }
            if (status.getLen() == 0) {
                throw new CensusInputException("Input file " + file + " is empty: it has no header and no models.");
            }
            return status;
        } catch (IOException e) {
            throw new CensusInputException("Cannot open input " + file + ": " + e.getMessage(), e);
        }
    }

    public CatalogueRead read(String file) {
        inputStatus(file);
        InputFingerprint fingerprint = InputFingerprint.of(new Path(file), spark.sparkContext().hadoopConfiguration(), true);
        CatalogueHeader header = CatalogueHeader.resolve(file, readHeader(file), knownFields);

        Dataset<Row> records = csv(true)
                .schema(recordSchema(header))
                .option("mode", "PERMISSIVE")
                .option("columnNameOfCorruptRecord", CORRUPT)
                .csv(file);

        // A multi-line CSV file is read by one task, so the id is the record's 0-based position in the file.
        List<Column> fields = new ArrayList<>();
        fields.add(monotonically_increasing_id().plus(1).as("source_record"));
        for (String field : header.fieldNames()) {
            Integer column = header.columnOfField().get(field);
            fields.add(column == null ? lit(null).cast(DataTypes.StringType).as(field) : col("c" + column).as(field));
        }
        fields.add(col(CORRUPT));
        Dataset<Row> raw = records.select(fields.toArray(Column[]::new));

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

        // Spec: a second row with the same model name is rejected; the first keeps its own verdict.
        Column named = col(CORRUPT).isNull().and(coalesce(model, lit("")).notEqual(""));
        Column firstRecord = min(when(named, col("source_record"))).over(Window.partitionBy("model"));
        Dataset<Row> classified = checked
                .withColumn("first_record", firstRecord)
                .withColumn("reason", when(col("reason").isNull().and(col("source_record").gt(col("first_record"))),
                        format_string("duplicate model name (first seen at record %d)", col("first_record")))
                        .otherwise(col("reason")))
                .persist(StorageLevel.MEMORY_AND_DISK());

        List<Column> acceptedColumns = new ArrayList<>();
        acceptedColumns.add(col("source_record"));
        for (String field : header.fieldNames()) {
            acceptedColumns.add(field.equals("publication_date") ? col("valid_date").as("publication_date") : col(field));
        }
        Dataset<Row> accepted = classified.where(col("reason").isNull()).select(acceptedColumns.toArray(Column[]::new));

        Dataset<Row> rejected = classified.where(col("reason").isNotNull()).select(
                col("source_record"),
                col("model"),
                col("publication_date"),
                col("reason"),
                org.apache.spark.sql.functions.to_json(org.apache.spark.sql.functions.struct(
                        header.fieldNames().stream().map(f -> col(f)).toArray(Column[]::new))).as("record_json"),
                col(CORRUPT).as("raw_record"));
        return new CatalogueRead(file, accepted, rejected, header, fingerprint);
    }

    private List<String> readHeader(String file) {
        List<Row> first = csv(false).csv(file).limit(1).collectAsList();
        if (first.isEmpty()) {
            throw new CensusInputException("Input file " + file + " is empty: it has no header and no models.");
        }
        Row row = first.get(0);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < row.length(); i++) {
            names.add(row.isNullAt(i) ? "" : row.getString(i));
        }
        return names;
    }

    private static StructType recordSchema(CatalogueHeader header) {
        List<StructField> fields = new ArrayList<>();
        for (int i = 0; i < header.columnCount(); i++) {
            fields.add(DataTypes.createStructField("c" + i, DataTypes.StringType, true));
        }
        fields.add(DataTypes.createStructField(CORRUPT, DataTypes.StringType, true));
        return DataTypes.createStructType(fields);
    }

    private DataFrameReader csv(boolean header) {
        return spark.read()
                .option("header", Boolean.toString(header))
                .option("multiLine", "true")
                .option("quote", "\"")
                .option("escape", "\"")
                .option("encoding", "UTF-8")
                .option("enforceSchema", "true")
                .option("maxColumns", "100000")
                .option("inferSchema", "false");
    }
}
