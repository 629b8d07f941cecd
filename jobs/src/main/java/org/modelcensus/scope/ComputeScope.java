package org.modelcensus.scope;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.modelcensus.config.CensusConfig;
import org.modelcensus.write.CsvExporter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The models --min-compute leaves out of every table, counted per reason for the log and census_runs. The rule is
 * sql/staging/stg_catalogue_scope.sql; this reads its result once the staging layer has run.
 */
public final class ComputeScope {

    private static final Logger LOG = LoggerFactory.getLogger(ComputeScope.class);

    /** The staging view that gives each accepted record its excluded_reason. */
    static final String VIEW = "stg_catalogue_scope";

    private ComputeScope() {
    }

    /** Models left out per reason (below_min_compute, no_compute_figure); empty without --min-compute. */
    public static Map<String, Long> excluded(SparkSession spark, CensusConfig config) {
        Map<String, Long> excluded = new TreeMap<>();
        if (config.minCompute() == null) {
            return excluded;
        }
        List<Row> reasons = spark.table(VIEW).where("excluded_reason is not null").groupBy("excluded_reason").count().collectAsList();
        for (Row reason : reasons) {
            excluded.put(reason.getString(0), reason.getLong(1));
        }
        LOG.info("--min-compute {}: {} models left out of every table ({} below it, {} without a compute figure)",
                CsvExporter.formatNumber(config.minCompute()), excluded.values().stream().mapToLong(Long::longValue).sum(),
                excluded.getOrDefault("below_min_compute", 0L), excluded.getOrDefault("no_compute_figure", 0L));
        return excluded;
    }
}
