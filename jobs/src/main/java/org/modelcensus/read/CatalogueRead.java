package org.modelcensus.read;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;

import java.util.ArrayList;
import java.util.List;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * One read of a catalogue file.
 *
 * @param records  every record: source_record, each catalogue field as text (model trimmed), the raw record when it is
 *                 malformed, valid_date and its rejection reason (null: accepted)
 * @param header   where each field was found
 * @param fingerprint the input's SHA-256 and size
 * @param kept     what the read keeps (persisted) for the run, until {@link #release()}
 */
public record CatalogueRead(String file, Dataset<Row> records, CatalogueHeader header, InputFingerprint fingerprint,
                            List<Dataset<Row>> kept) {

    /**
     * The same read with its records replaced by a kept copy of them (the census keeps them once): the counts, the
     * accepted and the rejected records then read the copy, not the input again.
     */
    public CatalogueRead withRecords(Dataset<Row> keptRecords) {
        return new CatalogueRead(file, keptRecords, header, fingerprint, kept);
    }

    /** One row per accepted model: source_record, model, publication_date (a date) and each catalogue field as text. */
    public Dataset<Row> accepted() {
        List<Column> columns = new ArrayList<>();
        columns.add(col("source_record"));
        for (String field : header.fieldNames()) {
            columns.add(field.equals("publication_date") ? col("valid_date").as("publication_date") : col(field));
        }
        return records.where(col("reason").isNull()).select(columns.toArray(Column[]::new));
    }

    /** One row per rejected record with its reason, its fields as JSON and the raw record (the rejected_rows table). */
    public Dataset<Row> rejected() {
        return records.where(col("reason").isNotNull()).select(
                col("source_record"),
                col("model"),
                col("publication_date"),
                col("reason"),
                to_json(struct(header.fieldNames().stream().map(f -> col(f)).toArray(Column[]::new))).as("record_json"),
                col(CatalogueReader.CORRUPT).as("raw_record"));
    }

    /** Records read and rejected, counted in one pass. */
    public record Counts(long read, long rejected) {
        public long accepted() {
            return read - rejected;
        }
    }

    public Counts counts() {
        Row counts = records.agg(count(lit(1)), count(col("reason"))).first();
        return new Counts(counts.getLong(0), counts.getLong(1));
    }

    /**
     * Lets go of what the read kept. A census releases it when it ends: a later read of the same path in this session
     * (a rewritten file, another run in the same JVM) has the same plan and would otherwise be given these rows.
     */
    public void release() {
        kept.forEach(Dataset::unpersist);
    }
}
