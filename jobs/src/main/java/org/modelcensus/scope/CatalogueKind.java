package org.modelcensus.scope;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.trim;

import org.modelcensus.read.CatalogueRead;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which of Epoch AI's three catalogues a file is. They share one layout; the notable and all-models files add the
 * notability columns, found like every field by their header names in conf/reference/catalogue_fields.csv.
 */
public enum CatalogueKind {

    /** large_scale_ai_models.csv: the models trained with 1e23 FLOP or more; it has no notability criteria column. */
    large_scale,
    /** notable_ai_models.csv: every model names the notability criteria it meets. */
    notable,
    /** all_ai_models.csv: the notable models and others, whose notability criteria are empty. */
    all;

    private static final Logger LOG = LoggerFactory.getLogger(CatalogueKind.class);

    /** The catalogue field of the notability criteria (conf/reference/catalogue_fields.csv). */
    static final String NOTABILITY_FIELD = "notability_criteria";

    /** The kind of the catalogue read, from its header and, for the notable layout, its accepted models. */
    public static CatalogueKind of(CatalogueRead catalogue) {
        if (!catalogue.header().columnOfField().containsKey(NOTABILITY_FIELD)) {
            LOG.info("catalogue: large-scale models (no notability criteria column)");
            return large_scale;
        }
        long unnamed = catalogue.accepted().where(coalesce(trim(col(NOTABILITY_FIELD)), lit("")).equalTo("")).count();
        CatalogueKind kind = unnamed == 0 ? notable : all;
        LOG.info("catalogue: {} ({} accepted models name no notability criterion)", kind == notable ? "notable models" : "all models",
                unnamed);
        return kind;
    }
}
