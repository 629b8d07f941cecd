package org.modelcensus.catalog;

import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

import org.apache.spark.sql.catalyst.TableIdentifier;
import org.apache.spark.sql.catalyst.analysis.ResolvedNamespace;
import org.apache.spark.sql.catalyst.analysis.ResolvedNonPersistentFunc;
import org.apache.spark.sql.catalyst.analysis.ResolvedPersistentFunc;
import org.apache.spark.sql.catalyst.analysis.ResolvedTable;
import org.apache.spark.sql.catalyst.catalog.CatalogTable;
import org.apache.spark.sql.catalyst.catalog.HiveTableRelation;
import org.apache.spark.sql.catalyst.expressions.CallMethodViaReflection;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.plans.logical.CTERelationRef;
import org.apache.spark.sql.catalyst.plans.logical.Command;
import org.apache.spark.sql.catalyst.plans.logical.DescribeColumn;
import org.apache.spark.sql.catalyst.plans.logical.DescribeFunction;
import org.apache.spark.sql.catalyst.plans.logical.DescribeNamespace;
import org.apache.spark.sql.catalyst.plans.logical.DescribeRelation;
import org.apache.spark.sql.catalyst.plans.logical.InsertIntoDir;
import org.apache.spark.sql.catalyst.plans.logical.InsertIntoStatement;
import org.apache.spark.sql.catalyst.plans.logical.LocalRelation;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.OneRowRelation;
import org.apache.spark.sql.catalyst.plans.logical.Range;
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
import org.apache.spark.sql.catalyst.plans.logical.View;
import org.apache.spark.sql.delta.catalog.DeltaTableV2;
import org.apache.spark.sql.delta.commands.DescribeDeltaDetailCommand;
import org.apache.spark.sql.delta.commands.DescribeDeltaHistory;
import org.apache.spark.sql.delta.commands.DescribeDeltaHistoryCommand;
import org.apache.spark.sql.delta.commands.ShowDeltaTableColumnsCommand;
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
import org.apache.spark.sql.execution.datasources.HadoopFsRelation;
import org.apache.spark.sql.execution.datasources.LogicalRelation;
import org.apache.spark.sql.execution.datasources.v2.DataSourceV2Relation;

import scala.Option;
import scala.Tuple2;
import scala.collection.JavaConverters;

/**
 * What an analyzed statement may read (see {@link ReadOnlyParser}, which asks before the statement runs): an
 * allow-list, so anything not listed here is refused, including what a later Spark or Delta adds.
 *
 * <ul>
 *   <li>Queries (SELECT, WITH, VALUES, TABLE) whose every leaf is a table of database {@code census}, {@code range()},
 *       literal rows or no row (SELECT 1). Files by path ({@code csv.`/etc/hostname`}, {@code delta.`/x`}), other
 *       databases, temporary views and every other source are refused; so are two reads that run code: SELECT
 *       TRANSFORM ... USING 'program' and reflect()/java_method().</li>
 *   <li>Commands that only show or describe: SHOW and DESCRIBE of database census and its tables (DESCRIBE HISTORY and
 *       DETAIL of census tables, not of paths), SHOW DATABASES, CATALOGS and FUNCTIONS, DESCRIBE FUNCTION, EXPLAIN and
 *       DESCRIBE QUERY of an allowed query, USE census, RESET, and SET that reads or sets a key of
 *       {@link ReadOnlySettings#HARMLESS}.</li>
 * </ul>
 * Every other command is refused by name: DDL, writes, CACHE, ADD JAR, Delta's VACUUM, OPTIMIZE, RESTORE and CONVERT,
 * temporary views and functions.
 */
final class ReadOnlyCheck {

    /** The commands that may run, each still checked for what it names (database census only). */
    private static final List<Class<?>> SHOW_AND_DESCRIBE = List.of(
            // SHOW ... (v2 nodes name a resolved table or namespace as their child; v1 commands hold identifiers)
            ShowTables.class, ShowTablesCommand.class, ShowTableExtended.class, ShowViews.class, ShowViewsCommand.class,
            ShowNamespaces.class, ShowColumns.class, ShowColumnsCommand.class, ShowPartitions.class, ShowPartitionsCommand.class,
            ShowTableProperties.class, ShowTablePropertiesCommand.class, ShowCreateTable.class, ShowCreateTableCommand.class,
            ShowCreateTableAsSerdeCommand.class, ShowFunctions.class, ShowFunctionsCommand.class, ShowCatalogsCommand.class,
            ShowCurrentNamespaceCommand.class, ShowDeltaTableColumnsCommand.class,
            // DESCRIBE ..., EXPLAIN (describes a plan, never runs it)
            DescribeRelation.class, DescribeTableCommand.class, DescribeColumn.class, DescribeColumnCommand.class,
            DescribeNamespace.class, DescribeDatabaseCommand.class, DescribeFunction.class, DescribeFunctionCommand.class,
            DescribeQueryCommand.class, DescribeDeltaDetailCommand.class, DescribeDeltaHistory.class,
            DescribeDeltaHistoryCommand.class, ExplainCommand.class,
            // USE census, SET CATALOG spark_catalog, RESET (back to the server's settings)
            SetCatalogAndNamespace.class, SetNamespaceCommand.class, SetCatalogCommand.class, ResetCommand.class);

    private static final String SESSION_CATALOG = "spark_catalog";

    private ReadOnlyCheck() {
    }

    /**
     * Why the analyzed plan is refused (one line that names what it reads or runs), or null when it only reads the
     * census.
     *
     * @param currentDatabase the session's current database, for identifiers without one
     * @param analyze analyzes an inner plan (of EXPLAIN and DESCRIBE QUERY) as the session would
     */
    static String refusal(LogicalPlan plan, String currentDatabase, UnaryOperator<LogicalPlan> analyze) {
        if (plan instanceof SetCommand set) {
            return refusalOfSet(set);
        }
        if (plan instanceof InsertIntoStatement || plan instanceof InsertIntoDir) {
            return statementName(plan.nodeName());
        }
        if (plan instanceof ScriptTransformation) {
            return "SELECT TRANSFORM ... USING (runs a program)";
        }
        boolean command = plan instanceof Command || plan instanceof DescribeDeltaHistory;
        if (command) {
            if (SHOW_AND_DESCRIBE.stream().noneMatch(c -> c.isInstance(plan))) {
                return statementName(plan.nodeName());
            }
            String named = refusalOfNamed(plan, currentDatabase);
            if (named != null) {
                return named;
            }
            if (plan instanceof ExplainCommand explain) {
                return refusal(analyze.apply(explain.logicalPlan()), currentDatabase, analyze);
            }
            if (plan instanceof DescribeQueryCommand describe) {
                return refusal(analyze.apply(describe.plan()), currentDatabase, analyze);
            }
        }
        for (Expression expression : JavaConverters.seqAsJavaList(plan.expressions())) {
            if (expression.find(e -> e instanceof CallMethodViaReflection).isDefined()) {
                return "reflect/java_method (calls Java code)";
            }
        }
        if (plan instanceof View view) {
            if (view.isTempView() || !inCensus(view.desc())) {
                return "view " + view.desc().identifier().unquotedString() + " (not a view of database " + CensusCatalog.DATABASE + ")";
            }
        } else if (plan.children().isEmpty() && !command) {
            String leaf = refusalOfLeaf(plan);
            if (leaf != null) {
                return leaf;
            }
        }
        List<LogicalPlan> inner = new java.util.ArrayList<>(JavaConverters.seqAsJavaList(plan.children()));
        inner.addAll(JavaConverters.seqAsJavaList(plan.subqueries()));
        for (LogicalPlan child : inner) {
            String refused = refusal(child, currentDatabase, analyze);
            if (refused != null) {
                return refused;
            }
        }
        return null;
    }

    /** What a plan may read: tables of database census, range(), literal rows, no row; for commands, census itself. */
    private static String refusalOfLeaf(LogicalPlan leaf) {
        // a CTE's references: its definition is a child of the WITH and checked as such
        if (leaf instanceof Range || leaf instanceof LocalRelation || leaf instanceof OneRowRelation || leaf instanceof CTERelationRef
                || leaf instanceof ResolvedNonPersistentFunc || leaf instanceof ResolvedPersistentFunc) {
            return null;
        }
        if (leaf instanceof LogicalRelation relation) {
            if (relation.catalogTable().isDefined()) {
                CatalogTable table = relation.catalogTable().get();
                return inCensus(table) ? null : notCensus("table " + table.identifier().unquotedString());
            }
            return relation.relation() instanceof HadoopFsRelation files
                    ? notCensus("files at " + JavaConverters.seqAsJavaList(files.location().rootPaths()))
                    : notCensus(relation.relation().toString());
        }
        if (leaf instanceof HiveTableRelation relation) {
            return inCensus(relation.tableMeta()) ? null : notCensus("table " + relation.tableMeta().identifier().unquotedString());
        }
        if (leaf instanceof DataSourceV2Relation relation) {
            boolean census = relation.identifier().isDefined() && relation.catalog().isDefined()
                    && SESSION_CATALOG.equals(relation.catalog().get().name())
                    && List.of(CensusCatalog.DATABASE).equals(List.of(relation.identifier().get().namespace()));
            return census ? null : notCensus("table " + relation.name());
        }
        if (leaf instanceof ResolvedTable table) {
            boolean census = SESSION_CATALOG.equals(table.catalog().name())
                    && List.of(CensusCatalog.DATABASE).equals(List.of(table.identifier().namespace()))
                    && (!(table.table() instanceof DeltaTableV2 delta) || delta.catalogTable().isDefined());
            return census ? null : notCensus("table " + table.name());
        }
        if (leaf instanceof ResolvedNamespace namespace) {
            List<String> names = JavaConverters.seqAsJavaList(namespace.namespace());
            // [] is the catalog itself: SHOW DATABASES lists the databases' names
            return names.isEmpty() || names.equals(List.of(CensusCatalog.DATABASE)) ? null
                    : "database " + String.join(".", names) + " (only database " + CensusCatalog.DATABASE + " is served)";
        }
        return "reading " + leaf.nodeName() + " (only tables of database " + CensusCatalog.DATABASE + ", range() and literal rows)";
    }

    /** The databases and tables that v1 commands hold as identifiers (v2 commands name them as children). */
    private static String refusalOfNamed(LogicalPlan command, String currentDatabase) {
        Option<String> database = Option.empty();
        TableIdentifier table = null;
        if (command instanceof SetNamespaceCommand use) {
            List<String> names = JavaConverters.seqAsJavaList(use.namespace());
            return names.equals(List.of(CensusCatalog.DATABASE)) ? null
                    : "USE " + String.join(".", names) + " (only database " + CensusCatalog.DATABASE + " is served)";
        } else if (command instanceof SetCatalogCommand catalog) {
            return SESSION_CATALOG.equals(catalog.catalogName()) ? null : "SET CATALOG " + catalog.catalogName();
        } else if (command instanceof ShowTablesCommand show) {
            database = show.databaseName();
        } else if (command instanceof ShowViewsCommand show) {
            database = Option.apply(show.databaseName());
        } else if (command instanceof DescribeDatabaseCommand describe) {
            database = Option.apply(describe.databaseName());
        } else if (command instanceof ShowColumnsCommand show) {
            database = show.databaseName();
            table = show.tableName();
        } else if (command instanceof ShowPartitionsCommand show) {
            table = show.tableName();
        } else if (command instanceof DescribeTableCommand describe) {
            table = describe.table();
        } else if (command instanceof DescribeColumnCommand describe) {
            table = describe.table();
        } else if (command instanceof ShowTablePropertiesCommand show) {
            table = show.table();
        } else if (command instanceof ShowCreateTableCommand show) {
            table = show.table();
        } else if (command instanceof ShowCreateTableAsSerdeCommand show) {
            table = show.table();
        } else if (command instanceof DescribeDeltaHistoryCommand history) {
            return inCensus(history.table()) ? null : notCensus("the Delta table at " + history.table().path());
        } else {
            return null; // names nothing itself: its children (resolved tables, namespaces) are checked as leaves
        }
        if (table != null && table.database().isDefined()) {
            database = table.database();
        }
        String effective = database.isDefined() ? database.get() : currentDatabase;
        if (!CensusCatalog.DATABASE.equalsIgnoreCase(effective)) {
            return table != null ? notCensus("table " + effective + "." + table.table())
                    : "database " + effective + " (only database " + CensusCatalog.DATABASE + " is served)";
        }
        return null;
    }

    private static boolean inCensus(DeltaTableV2 table) {
        return table.catalogTable().isDefined() && inCensus(table.catalogTable().get());
    }

    private static boolean inCensus(CatalogTable table) {
        Option<String> database = table.identifier().database();
        return database.isDefined() && CensusCatalog.DATABASE.equalsIgnoreCase(database.get());
    }

    private static String notCensus(String what) {
        return "reading " + describe(what) + " (not a table of database " + CensusCatalog.DATABASE + ")";
    }

    /** A name or path as one short line (a path may be long or hold line breaks). */
    private static String describe(String text) {
        String line = text.replaceAll("\\s+", " ");
        return line.length() > 120 ? line.substring(0, 117) + "..." : line;
    }

    /** DropTable → DROP TABLE, CreateViewCommand → CREATE VIEW: the plan node's name as words of a statement. */
    static String statementName(String nodeName) {
        if (List.of("AppendData", "OverwriteByExpression", "OverwritePartitionsDynamic").contains(nodeName)) {
            return "INSERT"; // how Spark 3.5 analyzes an INSERT into a Delta table
        }
        String words = nodeName.replaceAll("(Command|Statement|Exec)$", "").replaceAll("([a-z0-9])([A-Z])", "$1 $2");
        return words.toUpperCase(Locale.ROOT);
    }

    /** SET (list) and SET key (show) run; SET key=value only for the harmless keys. */
    private static String refusalOfSet(SetCommand set) {
        Option<Tuple2<String, Option<String>>> keyValue = set.kv();
        if (keyValue.isEmpty() || keyValue.get()._2().isEmpty()) {
            return null;
        }
        String key = keyValue.get()._1().strip();
        String refused = ReadOnlySettings.refusalOf(key, keyValue.get()._2().get());
        return refused == null ? null : "SET " + key + " (" + refused + ")";
    }
}
