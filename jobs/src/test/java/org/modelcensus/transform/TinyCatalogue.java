package org.modelcensus.transform;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.to_date;
import static org.modelcensus.SparkTestSupport.spark;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.modelcensus.CensusTestKit;
import org.modelcensus.config.CensusConfig;
import org.modelcensus.reference.ReferenceData.CatalogueField;

/**
 * A tiny {@code catalogue_accepted} view with the columns {@link org.modelcensus.read.CatalogueReader} produces
 * (source_record, model, publication_date as a date, every other catalogue field as text), and the census SQL
 * run over it with the bundled reference data.
 */
final class TinyCatalogue {

    private TinyCatalogue() {
    }

    /** One accepted catalogue row; fields not set are null, as an empty CSV cell is. */
    static final class ModelRow {
        private final Map<String, String> values = new HashMap<>();

        private ModelRow(String model, String publicationDate) {
            values.put("model", model);
            values.put("publication_date", publicationDate);
        }

        ModelRow domain(String text) {
            return with("domain", text);
        }

        ModelRow task(String text) {
            return with("task", text);
        }

        ModelRow organization(String text) {
            return with("organization", text);
        }

        ModelRow country(String text) {
            return with("country", text);
        }

        ModelRow category(String text) {
            return with("organization_category", text);
        }

        ModelRow parameters(String text) {
            return with("parameters", text);
        }

        ModelRow compute(String text) {
            return with("training_compute_flop", text);
        }

        ModelRow accessibility(String text) {
            return with("model_accessibility", text);
        }

        private ModelRow with(String field, String text) {
            values.put(field, text);
            return this;
        }
    }

    static ModelRow model(String name, String publicationDate) {
        return new ModelRow(name, publicationDate);
    }

    /**
     * Registers the rows as catalogue_accepted, the reference views (sql/reference/ included) and the census
     * functions, then runs the given SQL layers of this checkout. Each view is cached, as CensusPipeline does, so that the many small
     * queries of a test class do not recompute the layers below them; {@link #release} frees them.
     *
     * @return every view the layers produced, by name
     */
    static Map<String, Dataset<Row>> census(CensusConfig config, List<ModelRow> rows, String... layers) {
        accepted(rows).createOrReplaceTempView("catalogue_accepted");
        CensusTestKit.bundledReference().registerViews();
        CensusFunctions.register(spark());
        run(config, "reference");
        Map<String, Dataset<Row>> views = new LinkedHashMap<>();
        for (String layer : layers) {
            run(config, layer).forEach((name, view) -> views.put(name, view.persist(StorageLevel.MEMORY_ONLY())));
        }
        return views;
    }

    /** Runs one more SQL layer of this checkout's census, with other parameters, over the views registered last. */
    static Map<String, Dataset<Row>> run(CensusConfig config, String layer) {
        return new SqlRunner(spark(), CensusTestKit.projectSql(), config.sqlParameters())
                .plan(Set.of("catalogue_accepted"), Set.of())
                .run(layer);
    }

    static void release(Map<String, Dataset<Row>> views) {
        views.values().forEach(Dataset::unpersist);
    }

    /** The rows as the reader's accepted DataFrame: source_record numbered from 1, in list order. */
    private static Dataset<Row> accepted(List<ModelRow> rows) {
        List<String> columns = new ArrayList<>();
        columns.add("source_record");
        columns.addAll(fieldNames());
        List<StructField> fields = columns.stream()
                .map(name -> DataTypes.createStructField(name, DataTypes.StringType, true)).toList();
        List<Row> data = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Map<String, String> values = new HashMap<>(rows.get(i).values);
            values.put("source_record", Integer.toString(i + 1));
            data.add(RowFactory.create(columns.stream().map(values::get).toArray()));
        }
        return spark().createDataFrame(data, new StructType(fields.toArray(StructField[]::new)))
                .withColumn("source_record", col("source_record").cast(DataTypes.LongType))
                .withColumn("publication_date", to_date(col("publication_date")));
    }

    /** The catalogue's field names in catalogue_fields.csv order, as the reader names its columns. */
    private static List<String> fieldNames() {
        Set<String> names = new LinkedHashSet<>();
        for (CatalogueField field : CensusTestKit.catalogueFields()) {
            names.add(field.field());
        }
        return new ArrayList<>(names);
    }
}
