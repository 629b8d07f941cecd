package org.modelcensus.read;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

import java.util.List;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * One read of a catalogue file.
 *
 * @param records  every record with its rejection reason (null: accepted)
 * @param accepted one row per accepted model: source_record, model, publication_date and each catalogue field as text
 * @param rejected one row per rejected record with its reason (the rejected_rows table)
 * @param header   where each field was found
 * @param fingerprint the input's SHA-256 and size
 * @param kept     what the read keeps (persisted) for the run, until {@link #release()}
 */
public record CatalogueRead(String file, Dataset<Row> records, Dataset<Row> accepted, Dataset<Row> rejected, CatalogueHeader header,
                            InputFingerprint fingerprint, List<Dataset<Row>> kept) {

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
