package org.modelcensus.catalog;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.expressions.Alias;
import org.apache.spark.sql.catalyst.expressions.Attribute;
import org.apache.spark.sql.catalyst.expressions.NamedExpression;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.Project;
import org.apache.spark.sql.catalyst.rules.Rule;
import org.apache.spark.sql.delta.files.TahoeLogFileIndex;
import org.apache.spark.sql.execution.datasources.HadoopFsRelation;
import org.apache.spark.sql.execution.datasources.LogicalRelation;
import org.modelcensus.write.Warehouse;

import scala.Option;
import scala.PartialFunction$;
import scala.collection.JavaConverters;
import scala.collection.immutable.Seq;
import scala.runtime.AbstractFunction1;

/**
 * In the read-only sessions (scripts/sql.sh, the SQL endpoint), a small Delta table is read as the Parquet files its log
 * lists at the version the statement was analysed with (Delta Kernel, on the driver), not through Delta's scan planning:
 * that rebuilds the table's state with Spark jobs first, which took 4.9 of sql.sh's 8.7 s for one query, and two thirds
 * of the endpoint's CPU per statement (docs/benchmarks.md). "Small" is what Spark lists on the driver: no more files than
 * spark.sql.sources.parallelPartitionDiscovery.threshold. Runs after the read-only check, in the optimizer, before Delta's
 * own scan planning, subqueries included; the relation keeps its output (the same attribute ids), so the rest of the
 * plan is unchanged. Left to Delta: bigger tables, reader features beyond version 1, a scan Delta has already narrowed,
 * metadata columns (_metadata), and what Kernel cannot list.
 */
final class LoggedFilesRead extends Rule<LogicalPlan> {

    private final SparkSession spark;

    LoggedFilesRead(SparkSession spark) {
        this.spark = spark;
    }

    @Override
    public LogicalPlan apply(LogicalPlan plan) {
        return plan.transformUpWithSubqueries(PartialFunction$.MODULE$.apply(new AbstractFunction1<LogicalPlan, LogicalPlan>() {
            @Override
            public LogicalPlan apply(LogicalPlan node) {
                return node instanceof LogicalRelation relation ? filesRead(relation).orElse(node) : node;
            }
        }));
    }

    private Optional<LogicalPlan> filesRead(LogicalRelation relation) {
        if (!(relation.relation() instanceof HadoopFsRelation files) || files.location().getClass() != TahoeLogFileIndex.class) {
            return Optional.empty();
        }
        TahoeLogFileIndex index = (TahoeLogFileIndex) files.location();
        if (!index.partitionFilters().isEmpty()) {
            return Optional.empty();
        }
        int maxFiles = spark.sessionState().conf().parallelPartitionDiscoveryThreshold();
        Optional<Dataset<Row>> read = Warehouse.readVersionFiles(spark, index.path(), index.version(), index.protocol(), index.metadata(), maxFiles);
        if (read.isEmpty()) {
            return Optional.empty();
        }
        LogicalPlan filesPlan = read.get().queryExecution().analyzed();
        Map<String, Attribute> byName = new HashMap<>();
        JavaConverters.seqAsJavaList(filesPlan.output()).forEach(attribute -> byName.put(attribute.name(), attribute));
        List<NamedExpression> output = new ArrayList<>();
        for (Attribute attribute : JavaConverters.seqAsJavaList(relation.output())) {
            Attribute column = byName.get(attribute.name());
            if (column == null) {
                return Optional.empty(); // a metadata column (_metadata) the files' read does not have
            }
            // the relation's own attribute ids: the plan above refers to them
            output.add(new Alias(column, attribute.name(), attribute.exprId(), attribute.qualifier(), Option.apply(attribute.metadata()),
                    emptySeq()));
        }
        return Optional.of(new Project(JavaConverters.asScalaBuffer(output).toList(), filesPlan));
    }

    private static Seq<String> emptySeq() {
        return JavaConverters.asScalaBuffer(new ArrayList<String>()).toList();
    }
}
