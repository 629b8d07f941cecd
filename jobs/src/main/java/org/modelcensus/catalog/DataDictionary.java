package org.modelcensus.catalog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.modelcensus.config.TextSource;
import org.modelcensus.errors.CensusInputException;

/**
 * The one description of every table and column the jobs write: conf/dictionary/tables.csv
 * ({@code table,layer,comment}) and conf/dictionary/columns.csv ({@code table,column,type,comment}). The catalog takes
 * its table and column comments from here, and docs/data-dictionary.md is generated from it ({@link #markdown()}).
 */
public final class DataDictionary {

    /** One table: its layer, its comment and its columns in order (name → type and comment). */
    public record Table(String name, String layer, String comment, Map<String, Column> columns) {
    }

    /** One column's type and comment. */
    public record Column(String type, String comment) {
    }

    private final Map<String, Table> tables;

    private DataDictionary(Map<String, Table> tables) {
        this.tables = tables;
    }

    /** The dictionary bundled with the application (the build copies conf/ into the jar and target/classes). */
    public static DataDictionary load() {
        return load(TextSource.of(null, "conf/dictionary"));
    }

    public static DataDictionary load(TextSource source) {
        Map<String, Table> tables = new LinkedHashMap<>();
        for (String[] row : read(source, "tables.csv", List.of("table", "layer", "comment"))) {
            tables.put(row[0], new Table(row[0], row[1], row[2], new LinkedHashMap<>()));
        }
        for (String[] row : read(source, "columns.csv", List.of("table", "column", "type", "comment"))) {
            Table table = tables.get(row[0]);
            if (table == null) {
                throw new CensusInputException(source.describe("columns.csv") + " describes a column of " + row[0]
                        + ", a table " + source.describe("tables.csv") + " does not list: add the table there.");
            }
            table.columns().put(row[1], new Column(row[2], row[3]));
        }
        return new DataDictionary(tables);
    }

    /** The tables in the dictionary's order. */
    public List<Table> tables() {
        return List.copyOf(tables.values());
    }

    /** The table's comment; null when the dictionary does not describe the table. */
    public String tableComment(String table) {
        Table described = tables.get(table);
        return described == null ? null : described.comment();
    }

    /** The column's comment; null when the dictionary does not describe the column. */
    public String columnComment(String table, String column) {
        Table described = tables.get(table);
        Column entry = described == null ? null : described.columns().get(column);
        return entry == null ? null : entry.comment();
    }

    /** A short digest of the table's entries (its comment and its columns'), to notice an edited dictionary. */
    public String hashOf(String table) {
        Table described = tables.get(table);
        StringBuilder entries = new StringBuilder(String.valueOf(tableComment(table)));
        if (described != null) {
            new TreeMap<>(described.columns()).forEach((name, column) -> entries.append('\n').append(table).append('.').append(name)
                    .append('=').append(column.comment()));
        }
        return Integer.toHexString(entries.toString().hashCode());
    }

    /** docs/data-dictionary.md: every table by layer, with its comment and its columns. */
    public String markdown() {
        StringBuilder page = new StringBuilder()
                .append("# Data dictionary\n\n")
                .append("Every table the census (`scripts/run.sh`) and the enrichment (`scripts/enrich.sh`) write, by layer, as\n")
                .append("`<warehouse>/<layer>/<table>` and as `census.<table>` in the catalog, whose table and column comments\n")
                .append("say the same. Generated from `conf/dictionary/tables.csv` and `columns.csv`, the one description of each\n")
                .append("table and column: edit those, then run\n")
                .append("`mvn -q test -Dtest=DataDictionaryTest -Dcensus.dictionary.write=true` to write this page again.\n");
        for (String layer : List.of("silver", "gold", "audit")) {
            page.append("\n## ").append(layer).append("\n");
            for (Table table : tables.values()) {
                if (!table.layer().equals(layer)) {
                    continue;
                }
                page.append("\n### ").append(table.name()).append("\n\n").append(table.comment()).append("\n\n")
                        .append("| column | type | meaning |\n|---|---|---|\n");
                table.columns().forEach((name, column) -> page.append("| `").append(name).append("` | ").append(column.type())
                        .append(" | ").append(column.comment().replace("|", "\\|")).append(" |\n"));
            }
        }
        return page.toString();
    }

    /** The rows of a dictionary file in the given columns' order. */
    private static List<String[]> read(TextSource source, String file, List<String> columns) {
        TextSource.CsvTable table = source.csv(file, columns);
        List<String[]> rows = new ArrayList<>();
        for (String[] row : table.rows()) {
            rows.add(columns.stream().map(c -> row[table.header().indexOf(c)]).toArray(String[]::new));
        }
        return rows;
    }
}
