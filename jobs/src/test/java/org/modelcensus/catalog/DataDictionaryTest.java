package org.modelcensus.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.Test;
import org.modelcensus.Fixtures;
import org.modelcensus.RealCensus;
import org.modelcensus.SparkTestSupport;
import org.modelcensus.config.TextSource;
import org.modelcensus.write.Warehouse;

/**
 * conf/dictionary is the one description of the tables: it describes every table and column the census and the
 * enrichment write (name and type, nothing missing, nothing stale), and docs/data-dictionary.md is generated from it.
 */
class DataDictionaryTest {

    private static final Path PAGE = Fixtures.PROJECT.resolve("docs/data-dictionary.md");

    private static DataDictionary projectDictionary() {
        return DataDictionary.load(TextSource.of(Fixtures.PROJECT.resolve("conf/dictionary").toString(), "conf/dictionary"));
    }

    /** With -Dcensus.dictionary.write=true the page is written instead of checked. */
    @Test
    void theGeneratedPageIsCurrent() throws IOException {
        String generated = projectDictionary().markdown();
        if (Boolean.getBoolean("census.dictionary.write")) {
            Files.writeString(PAGE, generated, StandardCharsets.UTF_8);
        }
        assertEquals(generated, Files.exists(PAGE) ? Files.readString(PAGE, StandardCharsets.UTF_8) : "",
                "docs/data-dictionary.md is stale: run mvn -q test -Dtest=DataDictionaryTest -Dcensus.dictionary.write=true");
    }

    @Test
    void everyWrittenTableAndColumnIsDescribedWithItsTypeAndWrittenWithItsComment() {
        RealCensus.enrichment();
        Warehouse warehouse = new Warehouse(SparkTestSupport.spark(), RealCensus.warehouse().toString(),
                org.modelcensus.config.CensusConfig.OutputFormat.delta);
        DataDictionary dictionary = projectDictionary();
        List<String> written = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (String layer : List.of(Warehouse.SILVER, Warehouse.GOLD, Warehouse.AUDIT)) {
            for (String table : warehouse.tables(layer)) {
                written.add(table);
                DataDictionary.Table described = dictionary.tables().stream().filter(t -> t.name().equals(table)).findFirst().orElse(null);
                if (described == null) {
                    problems.add(layer + "." + table + ": not in conf/dictionary/tables.csv");
                    continue;
                }
                if (!described.layer().equals(layer)) {
                    problems.add(table + ": written to " + layer + ", described in " + described.layer());
                }
                List<String> columns = new ArrayList<>();
                for (StructField field : warehouse.read(layer, table).orElseThrow().schema().fields()) {
                    columns.add(field.name());
                    DataDictionary.Column column = described.columns().get(field.name());
                    if (column == null || column.comment().isBlank()) {
                        problems.add(table + "." + field.name() + ": no description in conf/dictionary/columns.csv");
                    } else if (!column.type().equals(field.dataType().simpleString())) {
                        problems.add(table + "." + field.name() + ": type " + field.dataType().simpleString() + ", described as " + column.type());
                    } else if (!column.comment().equals(field.getComment().isDefined() ? field.getComment().get() : null)) {
                        // written with the table (no endpoint has served this warehouse): sql.sh's DESCRIBE shows it
                        problems.add(table + "." + field.name() + ": comment in the table's schema " + field.getComment()
                                + ", not the dictionary's");
                    }
                }
                described.columns().keySet().stream().filter(c -> !columns.contains(c))
                        .forEach(c -> problems.add(table + "." + c + ": described but not written"));
            }
        }
        dictionary.tables().stream().filter(t -> !written.contains(t.name()))
                .forEach(t -> problems.add(t.name() + ": described but not written"));
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }
}
