package org.modelcensus;

import static org.modelcensus.CensusTestKit.lines;
import static org.modelcensus.CensusTestKit.writeFile;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.modelcensus.config.CensusConfig.OutputFormat;
import org.modelcensus.write.Warehouse;

/** Tiny catalogues with known data-quality faults, and reading a warehouse back for the audit tests. */
public final class AuditTestKit {

    public static final String SAMPLE = "conf/sample/large_scale_ai_models_sample_2024-07-16.csv";
    public static final String HEADER = "Model,Publication date,Domain,Task,Organization,Country (of organization),"
            + "Organization categorization,Parameters,Training compute (FLOP),Training dataset size (datapoints)";
    public static final String MODEL_A = "Model A,2023-01-05,Language,Chat,OpenAI,United States of America,Industry,1.7e11,3.1e23,4e11";
    public static final String MODEL_B = "Model B,2022-06-01,Language,Translation,Lab B,Atlantis,Guild,about 70B,2e23,";
    public static final String MODEL_C = "Model C,2021-03-01,Vision,Image classification,Lab C,,Academia,,1e23,";

    private AuditTestKit() {
    }

    /** Runs the census in this JVM with no defaults file: the options given, the input and the warehouse. */
    public static CensusCommand.Outcome census(Path dir, Path input, String warehouse, String... options) {
        List<String> args = new ArrayList<>(List.of(
                "--config", writeFile(dir, "empty.properties", "").toString(),
                "--warehouse", warehouse,
                "--input", input.toString()));
        args.addAll(List.of(options));
        return CensusCommand.census(args.toArray(String[]::new));
    }

    public static Path catalogue(Path dir, String name, String... rows) {
        List<String> all = new ArrayList<>(List.of(HEADER));
        all.addAll(List.of(rows));
        return writeFile(dir, name, lines(all.toArray(String[]::new)));
    }

    public static Warehouse warehouse(String root) {
        return new Warehouse(SparkTestSupport.spark(), root, OutputFormat.delta);
    }

    /**
     * Every snapshot-partitioned table of the warehouse (silver, gold, audit) with its rows of one snapshot as
     * sorted JSON lines: what "the snapshot is unchanged" compares.
     */
    public static Map<String, List<String>> snapshotContents(Warehouse warehouse, LocalDate date) {
        Map<String, List<String>> contents = new LinkedHashMap<>();
        for (String layer : List.of(Warehouse.SILVER, Warehouse.AUDIT, Warehouse.GOLD)) {
            for (String table : warehouse.tables(layer)) {
                warehouse.read(layer, table)
                        .filter(rows -> List.of(rows.columns()).contains("snapshot_date") && !table.equals("census_runs"))
                        .ifPresent(rows -> contents.put(layer + "." + table, jsonLines(warehouse.readSnapshot(layer, table, date).orElseThrow())));
            }
        }
        return contents;
    }

    public static List<String> jsonLines(Dataset<Row> rows) {
        return rows.selectExpr("to_json(struct(*))").as(Encoders.STRING()).collectAsList().stream().sorted().toList();
    }
}
