package org.modelcensus.catalog;

import java.util.List;
import java.util.Locale;

import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.expressions.CallMethodViaReflection;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.plans.logical.Command;
import org.apache.spark.sql.catalyst.plans.logical.DescribeColumn;
import org.apache.spark.sql.catalyst.plans.logical.DescribeFunction;
import org.apache.spark.sql.catalyst.plans.logical.DescribeNamespace;
import org.apache.spark.sql.catalyst.plans.logical.DescribeRelation;
import org.apache.spark.sql.catalyst.plans.logical.InsertIntoStatement;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.ScriptTransformation;
import org.apache.spark.sql.catalyst.plans.logical.SetCatalogAndNamespace;
import org.apache.spark.sql.catalyst.plans.logical.ShowColumns;
import org.apache.spark.sql.catalyst.plans.logical.ShowCreateTable;
import org.apache.spark.sql.catalyst.plans.logical.ShowFunctions;
import org.apache.spark.sql.catalyst.plans.logical.ShowNamespaces;
import org.apache.spark.sql.catalyst.plans.logical.ShowPartitions;
import org.apache.spark.sql.catalyst.plans.logical.ShowTableExtended;
import org.apache.spark.sql.catalyst.plans.logical.ShowTableProperties;
import org.apache.spark.sql.catalyst.plans.logical.ShowTables;
import org.apache.spark.sql.catalyst.plans.logical.ShowViews;
import org.apache.spark.sql.delta.commands.DescribeDeltaDetailCommand;
import org.apache.spark.sql.delta.commands.DescribeDeltaHistory;
import org.apache.spark.sql.delta.commands.DescribeDeltaHistoryCommand;
import org.apache.spark.sql.execution.command.DescribeColumnCommand;
import org.apache.spark.sql.execution.command.DescribeDatabaseCommand;
import org.apache.spark.sql.execution.command.DescribeFunctionCommand;
import org.apache.spark.sql.execution.command.DescribeQueryCommand;
import org.apache.spark.sql.execution.command.DescribeTableCommand;
import org.apache.spark.sql.execution.command.ExplainCommand;
import org.apache.spark.sql.execution.command.ResetCommand;
import org.apache.spark.sql.execution.command.SetCatalogCommand;
import org.apache.spark.sql.execution.command.SetCommand;
import org.apache.spark.sql.execution.command.SetNamespaceCommand;
import org.apache.spark.sql.execution.command.ShowCatalogsCommand;
import org.apache.spark.sql.execution.command.ShowColumnsCommand;
import org.apache.spark.sql.execution.command.ShowCreateTableAsSerdeCommand;
import org.apache.spark.sql.execution.command.ShowCreateTableCommand;
import org.apache.spark.sql.execution.command.ShowCurrentNamespaceCommand;
import org.apache.spark.sql.execution.command.ShowFunctionsCommand;
import org.apache.spark.sql.execution.command.ShowPartitionsCommand;
import org.apache.spark.sql.execution.command.ShowTablePropertiesCommand;
import org.apache.spark.sql.execution.command.ShowTablesCommand;
import org.apache.spark.sql.execution.command.ShowViewsCommand;

import scala.Option;
import scala.Tuple2;
import scala.collection.JavaConverters;
import scala.runtime.AbstractFunction1;
import scala.runtime.BoxedUnit;

/**
 * The analyzer check rule of {@link ReadOnlyExtension}: a statement runs only when it reads. Queries (SELECT,
 * WITH, VALUES, TABLE) read; of the commands, only those that show or describe (SHOW, DESCRIBE, EXPLAIN), switch the
 * current database (USE) or set a session option run. Every other command is refused before it executes: DDL
 * (CREATE, DROP, ALTER, COMMENT, MSCK, REFRESH), writes (INSERT, DELETE, UPDATE, MERGE, TRUNCATE, COPY), CACHE,
 * ADD JAR, Delta's VACUUM, OPTIMIZE, RESTORE and CONVERT, and temporary views and functions. Two reads that run code
 * are refused too: SELECT TRANSFORM ... USING 'program' (Hive script transformation) and reflect()/java_method().
 *
 * <p>Spark 3.5 analyzes a statement into a tree whose commands extend {@link Command}; the rule allows the listed
 * command classes and refuses every other {@code Command} (and an unconverted INSERT), so a command that a later
 * Spark or Delta adds is refused until it is listed here. The catalog's own synchronization
 * ({@link CensusCatalog#sync()}) marks its thread with a local property, which SQL cannot set, and passes.
 */
final class ReadOnlyCheck extends AbstractFunction1<LogicalPlan, BoxedUnit> {

    private static final List<Class<?>> READS = List.of(
            // SHOW ...
            ShowTables.class, ShowTablesCommand.class, ShowTableExtended.class, ShowViews.class, ShowViewsCommand.class,
            ShowNamespaces.class, ShowColumns.class, ShowColumnsCommand.class, ShowPartitions.class, ShowPartitionsCommand.class,
            ShowTableProperties.class, ShowTablePropertiesCommand.class, ShowCreateTable.class, ShowCreateTableCommand.class,
            ShowCreateTableAsSerdeCommand.class, ShowFunctions.class, ShowFunctionsCommand.class, ShowCatalogsCommand.class,
            ShowCurrentNamespaceCommand.class,
            // DESCRIBE ..., EXPLAIN (describes a plan, never runs it)
            DescribeRelation.class, DescribeTableCommand.class, DescribeColumn.class, DescribeColumnCommand.class,
            DescribeNamespace.class, DescribeDatabaseCommand.class, DescribeFunction.class, DescribeFunctionCommand.class,
            DescribeQueryCommand.class, DescribeDeltaDetailCommand.class, DescribeDeltaHistory.class,
            DescribeDeltaHistoryCommand.class, ExplainCommand.class,
            // USE db, SET CATALOG, RESET
            SetCatalogAndNamespace.class, SetNamespaceCommand.class, SetCatalogCommand.class, ResetCommand.class);

    /** Options that choose catalogs, code or storage: static in Spark, or a way around this check. */
    private static final List<String> PROTECTED_OPTIONS = List.of(
            "spark.sql.catalog", "spark.sql.defaultcatalog", "spark.sql.extensions", "spark.sql.warehouse.dir",
            "spark.sql.hive.", "spark.sql.sources.", "spark.sql.legacy.", "spark.sql.runsqlonfiles");

    private final SparkSession session;

    ReadOnlyCheck(SparkSession session) {
        this.session = session;
    }

    @Override
    public BoxedUnit apply(LogicalPlan plan) {
        if ("true".equals(session.sparkContext().getLocalProperty(CensusCatalog.WRITER_PROPERTY))) {
            return BoxedUnit.UNIT;
        }
        String refused = refusal(plan);
        if (refused != null) {
            throw new ReadOnlyException("model-census: the census catalog is read-only here: " + refused + " is refused. "
                    + "Only queries (SELECT), SHOW, DESCRIBE, EXPLAIN, USE and SET of session options (spark.sql.*) run.");
        }
        return BoxedUnit.UNIT;
    }

    /** Why the plan is refused (the refused command's name), or null when it only reads. */
    static String refusal(LogicalPlan plan) {
        if (plan instanceof SetCommand set) {
            return refusalOfSet(set);
        }
        if (plan instanceof InsertIntoStatement) {
            return "INSERT";
        }
        if (plan instanceof Command && READS.stream().noneMatch(c -> c.isInstance(plan))) {
            return statementName(plan.nodeName());
        }
        if (plan instanceof ScriptTransformation) {
            return "SELECT TRANSFORM ... USING (runs a program)";
        }
        for (Expression expression : JavaConverters.seqAsJavaList(plan.expressions())) {
            if (expression.find(e -> e instanceof CallMethodViaReflection).isDefined()) {
                return "reflect/java_method (calls Java code)";
            }
        }
        for (LogicalPlan child : JavaConverters.seqAsJavaList(plan.children())) {
            String refused = refusal(child);
            if (refused != null) {
                return refused;
            }
        }
        return null;
    }

    /** DropTable → DROP TABLE, CreateViewCommand → CREATE VIEW: the plan node's name as words of a statement. */
    static String statementName(String nodeName) {
        String words = nodeName.replaceAll("(Command|Statement|Exec)$", "").replaceAll("([a-z0-9])([A-Z])", "$1 $2");
        return words.toUpperCase(Locale.ROOT);
    }

    /** SET (list), SET key (show) and SET key=value of a session option run; options that change catalogs do not. */
    private static String refusalOfSet(SetCommand set) {
        Option<Tuple2<String, Option<String>>> keyValue = set.kv();
        if (keyValue.isEmpty() || keyValue.get()._2().isEmpty()) {
            return null;
        }
        String key = keyValue.get()._1().strip().toLowerCase(Locale.ROOT);
        boolean sessionOption = key.startsWith("spark.sql.") && PROTECTED_OPTIONS.stream().noneMatch(key::startsWith);
        return sessionOption ? null : "SET " + keyValue.get()._1().strip();
    }

    /** A statement refused by the read-only check. */
    static final class ReadOnlyException extends RuntimeException {
        ReadOnlyException(String message) {
            super(message);
        }
    }
}
