package org.modelcensus.catalog;

import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.monotonically_increasing_id;
import static org.apache.spark.sql.functions.raise_error;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.FunctionIdentifier;
import org.apache.spark.sql.catalyst.TableIdentifier;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.parser.ParseException;
import org.apache.spark.sql.catalyst.parser.ParserInterface;
import org.apache.spark.sql.catalyst.plans.logical.Command;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.execution.CommandExecutionMode;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructType;

import scala.Option;
import scala.collection.Seq;

/**
 * The read-only session's SQL parser (installed by {@link ReadOnlyExtension}): every statement a client sends comes
 * through {@link #parsePlan}, and is decided there before it runs, in this order:
 * <ol>
 *   <li>the session's settings ({@link ReadOnlySettings}): a session whose settings differ from the server's in a
 *       key that is not harmless runs nothing, and variable substitution must be off, because the parser below
 *       substitutes {@code ${...}} before anything else sees the text;</li>
 *   <li>the statement is parsed and analyzed as Spark would, and the analyzed plan must pass {@link ReadOnlyCheck}:
 *       census tables, range() and literals, SHOW, DESCRIBE and EXPLAIN of them;</li>
 *   <li>when the server caps results ({@link ReadOnlyExtension#MAX_RESULT_ROWS}), a query gets a limit of the cap plus one row and
 *       fails, instead of returning a cut result, when it has more rows than the cap.</li>
 * </ol>
 * The analyzed plan is returned, so Spark runs exactly what was checked. Spark's and Delta's own queries (reading a
 * table's log, for example) never come through the parser, and neither does the catalog's synchronization, whose
 * thread is marked with {@link CensusCatalog#WRITER_PROPERTY}, a local property SQL cannot set.
 */
final class ReadOnlyParser implements ParserInterface {

    private final SparkSession session;
    private final ParserInterface delegate;

    ReadOnlyParser(SparkSession session, ParserInterface delegate) {
        this.session = session;
        this.delegate = delegate;
    }

    @Override
    public LogicalPlan parsePlan(String sqlText) throws ParseException {
        if ("true".equals(session.sparkContext().getLocalProperty(CensusCatalog.WRITER_PROPERTY))) {
            return delegate.parsePlan(sqlText);
        }
        String refused = ReadOnlySettings.refusal(session.sessionState().conf(), ReadOnlySettings.serverSettings(session));
        if (refused != null) {
            throw new ReadOnlyException("model-census: this session runs nothing: " + refused + ".");
        }
        LogicalPlan parsed = delegate.parsePlan(sqlText);
        String currentDatabase = session.catalog().currentDatabase();
        LogicalPlan analyzed;
        try {
            analyzed = analyze(parsed);
        } catch (Exception e) { // AnalysisException, which Scala does not declare
            // With the catalog in memory Spark cannot analyze Hive-only statements (CREATE TABLE ... AS SELECT without
            // USING): they write, and are refused with this endpoint's reason rather than Spark's.
            if (e instanceof AnalysisException analysis && "NOT_SUPPORTED_COMMAND_WITHOUT_HIVE_SUPPORT".equals(analysis.getErrorClass())) {
                throw refusedStatement(ReadOnlyCheck.statementName(parsed.nodeName()));
            }
            throw e;
        }
        refused = ReadOnlyCheck.refusal(analyzed, currentDatabase, this::analyze);
        if (refused != null) {
            throw refusedStatement(refused);
        }
        return capped(analyzed);
    }

    private static ReadOnlyException refusedStatement(String refused) {
        return new ReadOnlyException("model-census: read-only census endpoint: " + refused + " is refused. Only queries of "
                + "the tables of database " + CensusCatalog.DATABASE + ", SHOW, DESCRIBE, EXPLAIN, USE census and SET of "
                + "a few session options run.");
    }

    private LogicalPlan analyze(LogicalPlan plan) {
        return session.sessionState().executePlan(plan, CommandExecutionMode.SKIP()).analyzed();
    }

    /** The query with a limit of the cap plus one row that fails on that row; commands and small queries as they are. */
    private LogicalPlan capped(LogicalPlan analyzed) {
        Option<String> setting = session.sparkContext().conf().getOption(ReadOnlyExtension.MAX_RESULT_ROWS);
        if (setting.isEmpty() || analyzed instanceof Command) {
            return analyzed;
        }
        int cap = Integer.parseInt(setting.get());
        Option<Object> maxRows = analyzed.maxRows();
        if (maxRows.isDefined() && (Long) maxRows.get() <= cap) {
            return analyzed;
        }
        // After the limit the rows are in one partition, so the row ids count 0, 1, 2, ... and the row past the cap fails.
        Dataset<Row> rows = Dataset.ofRows(session, analyzed).limit(cap + 1);
        Dataset<Row> checked = rows.where(when(monotonically_increasing_id().geq(cap), raise_error(lit(
                "model-census: the result has more than " + cap + " rows, the endpoint's cap (--max-result-rows): "
                        + "aggregate, filter or add a LIMIT"))).otherwise(lit(true)));
        return checked.queryExecution().analyzed();
    }

    @Override
    public LogicalPlan parseQuery(String sqlText) throws ParseException {
        return delegate.parseQuery(sqlText);
    }

    @Override
    public Expression parseExpression(String sqlText) throws ParseException {
        return delegate.parseExpression(sqlText);
    }

    @Override
    public TableIdentifier parseTableIdentifier(String sqlText) throws ParseException {
        return delegate.parseTableIdentifier(sqlText);
    }

    @Override
    public FunctionIdentifier parseFunctionIdentifier(String sqlText) throws ParseException {
        return delegate.parseFunctionIdentifier(sqlText);
    }

    @Override
    public Seq<String> parseMultipartIdentifier(String sqlText) throws ParseException {
        return delegate.parseMultipartIdentifier(sqlText);
    }

    @Override
    public StructType parseTableSchema(String sqlText) throws ParseException {
        return delegate.parseTableSchema(sqlText);
    }

    @Override
    public DataType parseDataType(String sqlText) throws ParseException {
        return delegate.parseDataType(sqlText);
    }

    /** A statement or session refused by the read-only rules; the message is one line that says why. */
    static final class ReadOnlyException extends RuntimeException {
        ReadOnlyException(String message) {
            super(message);
        }
    }
}
