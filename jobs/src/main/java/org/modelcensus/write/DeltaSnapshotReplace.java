package org.modelcensus.write;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.delta.DeltaLog;
import org.apache.spark.sql.delta.DeltaOperations;
import org.apache.spark.sql.delta.OptimisticTransaction;
import org.apache.spark.sql.delta.actions.Action;
import org.apache.spark.sql.delta.actions.Action$;
import org.apache.spark.sql.delta.actions.AddFile;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import scala.Option;
import scala.collection.JavaConverters;
import scala.collection.Seq;

/**
 * Replaces one snapshot of an existing Delta table in one commit, as {@code replaceWhere "snapshot_date = D"} does,
 * without rebuilding the table's state with a Spark job first: the snapshot's files come from the log through
 * {@link DeltaLogFiles}, at the version the transaction read. The transaction records the files and the predicate it
 * read, so Delta's conflict check is the one replaceWhere gets: a concurrent commit to the same snapshot conflicts
 * (and is retried by the caller), one to another snapshot does not.
 */
final class DeltaSnapshotReplace {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final OptimisticTransaction transaction;
    private final List<AddFile> replaced;
    private final List<String> partitions;
    private final LocalDate snapshotDate;

    private DeltaSnapshotReplace(OptimisticTransaction transaction, List<AddFile> replaced, List<String> partitions, LocalDate snapshotDate) {
        this.transaction = transaction;
        this.replaced = replaced;
        this.partitions = partitions;
        this.snapshotDate = snapshotDate;
    }

    /**
     * Starts the replacement of a snapshot; empty when the table is new, its partitioning or columns differ from the
     * rows' (replaceWhere with mergeSchema handles those), or Kernel cannot list its files.
     */
    static Optional<DeltaSnapshotReplace> start(SparkSession spark, Path table, LocalDate snapshotDate, List<String> partitions,
            StructType rows) {
        OptimisticTransaction transaction = DeltaLog.forTable(spark, table).startTransaction(Option.empty(), Option.empty());
        if (transaction.readVersion() < 0
                || !JavaConverters.seqAsJavaList(transaction.metadata().partitionColumns()).equals(partitions)
                || !columns(transaction.metadata().schema()).equals(columns(rows))) {
            return Optional.empty();
        }
        Optional<List<DeltaLogFiles.LiveFile>> live = DeltaLogFiles.snapshot(spark.sparkContext().hadoopConfiguration(), table,
                transaction.readVersion(), snapshotDate);
        if (live.isEmpty()) {
            return Optional.empty();
        }
        List<AddFile> replaced = live.get().stream().map(DeltaSnapshotReplace::addFile).toList();
        Expression snapshot = col("snapshot_date").equalTo(lit(java.sql.Date.valueOf(snapshotDate))).expr();
        transaction.trackReadPredicates(seq(List.of(snapshot)), true, true);
        transaction.trackFilesRead(seq(replaced));
        return Optional.of(new DeltaSnapshotReplace(transaction, replaced, partitions, snapshotDate));
    }

    /** Writes the rows' files and commits them with the removal of the snapshot's files, marked with {@code userMetadata}. */
    void commit(Dataset<Row> rows, String userMetadata) {
        List<Action> actions = new ArrayList<>(JavaConverters.seqAsJavaList(transaction.writeFiles(rows)));
        long now = System.currentTimeMillis();
        for (AddFile file : replaced) {
            actions.add(file.removeWithTimestamp(now, true));
        }
        transaction.commit(seq(actions), new DeltaOperations.Write(SaveMode.Overwrite, Option.apply(seq(partitions)),
                Option.apply("snapshot_date = '" + snapshotDate + "'"), Option.apply(userMetadata)));
    }

    /** The live file as the AddFile action the log holds, parsed by Delta itself: its constructor has a dozen Scala defaults. */
    private static AddFile addFile(DeltaLogFiles.LiveFile file) {
        ObjectNode add = JSON.createObjectNode();
        ObjectNode fields = add.putObject("add");
        fields.put("path", file.path());
        ObjectNode values = fields.putObject("partitionValues");
        file.partitionValues().forEach(values::put);
        fields.put("size", file.size());
        fields.put("modificationTime", file.modificationTime());
        fields.put("dataChange", true);
        return (AddFile) Action$.MODULE$.fromJson(add.toString());
    }

    private static List<String> columns(StructType schema) {
        List<String> columns = new ArrayList<>();
        for (StructField field : schema.fields()) {
            columns.add(field.name() + ":" + field.dataType().catalogString());
        }
        return columns;
    }

    private static <T> Seq<T> seq(List<T> items) {
        return JavaConverters.asScalaBuffer(items).toSeq();
    }
}
