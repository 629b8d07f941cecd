package org.modelcensus.generate;

import java.io.Serializable;
import java.util.Iterator;

import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/** Something that builds row {@code id} of a synthetic data set from the id alone, on the executors. */
public interface RowSource extends Serializable {

    /** The cells of row {@code id}, in the order of the data set's schema. */
    Object[] cells(long id);

    /** Builds a partition's rows from its row ids (spark.range), with the broadcast source. */
    static MapPartitionsFunction<Long, Row> rowsOf(Broadcast<? extends RowSource> source) {
        return ids -> {
            RowSource rows = source.value();
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return ids.hasNext();
                }

                @Override
                public Row next() {
                    return RowFactory.create(rows.cells(ids.next()));
                }
            };
        };
    }
}
