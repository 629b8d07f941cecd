package org.modelcensus.read;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * One read of a catalogue file.
 *
 * @param accepted one row per accepted model: source_record, model, publication_date and each catalogue field as text
 * @param rejected one row per rejected record with its reason (the rejected_rows table)
 * @param header   where each field was found
 * @param fingerprint the input's SHA-256 and size
 */
public record CatalogueRead(String file, Dataset<Row> accepted, Dataset<Row> rejected, CatalogueHeader header,
                            InputFingerprint fingerprint) {
}
