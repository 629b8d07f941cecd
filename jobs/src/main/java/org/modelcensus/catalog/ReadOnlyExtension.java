package org.modelcensus.catalog;

import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.SparkSessionExtensions;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;

import scala.Function1;
import scala.runtime.AbstractFunction1;
import scala.runtime.BoxedUnit;

/**
 * Makes a session read-only: {@code spark.sql.extensions=org.modelcensus.catalog.ReadOnlyExtension} adds
 * {@link ReadOnlyCheck} to the analyzer's check rules, which run on every statement before it executes.
 * The SQL endpoint and scripts/sql.sh use it (see SparkSessions.createReadOnly).
 */
public final class ReadOnlyExtension extends AbstractFunction1<SparkSessionExtensions, BoxedUnit> {

    @Override
    public BoxedUnit apply(SparkSessionExtensions extensions) {
        extensions.injectCheckRule(new AbstractFunction1<SparkSession, Function1<LogicalPlan, BoxedUnit>>() {
            @Override
            public Function1<LogicalPlan, BoxedUnit> apply(SparkSession session) {
                return new ReadOnlyCheck(session);
            }
        });
        return BoxedUnit.UNIT;
    }
}
