package org.modelcensus.catalog;

import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.SparkSessionExtensions;
import org.apache.spark.sql.catalyst.parser.ParserInterface;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.rules.Rule;

import scala.runtime.AbstractFunction1;
import scala.runtime.AbstractFunction2;
import scala.runtime.BoxedUnit;

/**
 * Makes a session read-only: {@code spark.sql.extensions=...,org.modelcensus.catalog.ReadOnlyExtension} (after Delta's,
 * so that this parser wraps Delta's) puts {@link ReadOnlyParser} in front of the session's SQL parser, which decides
 * every statement before it runs, and reads small tables from the files their log lists ({@link LoggedFilesRead}). The
 * SQL endpoint and scripts/sql.sh use it (see SparkSessions.createReadOnly).
 */
public final class ReadOnlyExtension extends AbstractFunction1<SparkSessionExtensions, BoxedUnit> {

    /**
     * SparkConf key: the most rows a query may return (the SQL endpoint's --max-result-rows); unset, as for
     * scripts/sql.sh, which limits what it prints itself: no cap.
     */
    public static final String MAX_RESULT_ROWS = "spark.modelcensus.maxResultRows";

    @Override
    public BoxedUnit apply(SparkSessionExtensions extensions) {
        extensions.injectParser(new AbstractFunction2<SparkSession, ParserInterface, ParserInterface>() {
            @Override
            public ParserInterface apply(SparkSession session, ParserInterface delegate) {
                return new ReadOnlyParser(session, delegate);
            }
        });
        extensions.injectOptimizerRule(new AbstractFunction1<SparkSession, Rule<LogicalPlan>>() {
            @Override
            public Rule<LogicalPlan> apply(SparkSession session) {
                return new LoggedFilesRead(session);
            }
        });
        return BoxedUnit.UNIT;
    }
}
