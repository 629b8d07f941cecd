package org.modelcensus.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.modelcensus.report.HtmlTable.Cell;

/** The report's Tables 1–7, each from its gold table (see the README's gold tables). */
final class ReportTables {

    /** The report prints the task types of 2 or more models (Table 4's note). */
    static final int MIN_TASK_MODELS_SHOWN = 2;

    private final ReportData data;
    private final Labels labels;

    ReportTables(ReportData data, Labels labels) {
        this.data = data;
        this.labels = labels;
    }

    /** Table 1: models by country and year (models_by_country_year), totals and ranks (country_ranking). */
    Card table1() {
        Map<String, Map<Integer, Cells>> byCountry = new LinkedHashMap<>();
        for (Cells row : data.table("models_by_country_year")) {
            byCountry.computeIfAbsent(row.text("country_code"), c -> new LinkedHashMap<>()).put(row.year("release_year"), row);
        }
        HtmlTable table = new HtmlTable("").column(null, labels.text("table1.country"), false);
        yearColumns(table);
        table.column("total", labels.text("total"), true).column("rank", labels.text("table1.rank"), true);
        for (Cells ranked : data.table("country_ranking")) {
            String code = ranked.text("country_code");
            List<Cell> cells = new ArrayList<>();
            for (int year : data.years()) {
                Cells cell = byCountry.getOrDefault(code, Map.of()).get(year);
                cells.add(withCodeveloped(Cell.count(Integer.toString(year), cell == null ? 0 : cell.count("models")),
                        cell == null ? 0 : cell.count("codeveloped_models")));
            }
            cells.add(withCodeveloped(Cell.count("total", ranked.count("models")), ranked.count("codeveloped_models")).withClass("total"));
            cells.add(Cell.count("rank", ranked.count("rank")));
            table.row(code, countryHeader(data, code), cells);
        }
        return card("table-1", labels.text("table1.title"), labels.text("unit.models"), table, labels.text("table1.note"), true);
    }

    /** Table 2: the focus country's models (focus_country_models). */
    Card table2() {
        HtmlTable table = new HtmlTable("")
                .column("year", labels.text("table2.year"), false)
                .column("model", labels.text("table2.model"), false)
                .column("organizations", labels.text("table2.organizations"), false)
                .column("domains", labels.text("table2.domains"), false)
                .column("multimodal", labels.text("table2.multimodal"), "mark");
        List<Cells> listed = data.table("focus_country_models");
        for (Cells model : listed) {
            table.row(model.text("model"), Html.escape(model.text("release_year")), List.of(
                    Cell.text("model", Text.of(model.text("model"))),
                    Cell.text("organizations", Text.of(String.join(", ", model.list("organizations")))),
                    Cell.text("domains", values(model.list("domains"))),
                    new Cell("multimodal", model.flag("multimodal") ? "✓" : "", "mark")));
        }
        Map<String, Text> parameters = new LinkedHashMap<>(data.window());
        parameters.put("country", data.country(data.focusCountry()));
        Text note = listed.size() >= data.focusModels() ? null : labels.text("table2.note.listed",
                Map.of("listed", Text.of(Integer.toString(listed.size())), "total", Text.of(Long.toString(data.focusModels()))));
        return card("table-2", labels.text("table2.title", parameters), null, table, note, true);
    }

    /** Table 3: models by domain and year (models_by_domain_year). */
    Card table3() {
        HtmlTable table = byYear(data.table("models_by_domain_year"), "domain", labels.text("table3.domain"), labels::value, true);
        return card("table-3", labels.text("table3.title", data.window()), labels.text("unit.models.multiple"), table, null, false);
    }

    /** Table 4: models by task group (models_by_task_group), the groups of 2 or more models as the report prints them. */
    Card table4() {
        HtmlTable table = new HtmlTable("")
                .column(null, labels.text("table4.task"), false)
                .column("models", labels.text("total"), true);
        int left = 0;
        for (Cells group : data.table("models_by_task_group")) {
            if (group.count("models") < MIN_TASK_MODELS_SHOWN) {
                left++;
                continue;
            }
            String name = group.text("task_group");
            table.row(name, labels.value(name).html(), List.of(Cell.count("models", group.count("models"))));
        }
        Text note = labels.text("table4.note", Map.of("n", Text.of(Integer.toString(MIN_TASK_MODELS_SHOWN)),
                "models", Text.of(Integer.toString(left))));
        return card("table-4", labels.text("table4.title", data.window()), labels.text("unit.models.multiple"), table, note, false);
    }

    /** Table 5: models by number of tasks and year (models_by_task_count_year), in the buckets' order. */
    Card table5() {
        HtmlTable table = byYear(data.table("models_by_task_count_year"), "task_count", labels.text("table5.tasks"),
                this::taskBucket, false);
        return card("table-5", labels.text("table5.title", data.window()), labels.text("unit.models"), table,
                labels.text("table5.note"), false);
    }

    /** Table 6: models by organization category and year (models_by_org_category_year). */
    Card table6() {
        HtmlTable table = byYear(data.table("models_by_org_category_year"), "org_category", labels.text("table6.category"),
                labels::value, true);
        return card("table-6", labels.text("table6.title", data.window()), labels.text("unit.models.multiple"), table, null, false);
    }

    /** Table 7: the largest models of the top year (top_models_by_compute), one column per model as in the report. */
    Card table7() {
        List<Cells> models = data.table("top_models_by_compute");
        HtmlTable table = new HtmlTable("transposed").column(null, labels.text("table7.model"), false);
        for (Cells model : models) {
            table.column(model.text("rank"), Text.of(model.text("model")), false);
        }
        addRow(table, models, "domains", m -> values(m.list("domains")));
        addRow(table, models, "tasks", m -> values(m.list("tasks")));
        addRow(table, models, "parameters", m -> number(m.number("parameters")));
        addRow(table, models, "compute", m -> number(m.number("training_compute_flop")));
        addRow(table, models, "dataset", m -> number(m.number("training_dataset_size")));
        addRow(table, models, "hardware", m -> Text.of(nullToEmpty(m.text("training_hardware"))));
        addRow(table, models, "countries", m -> countries(m.list("country_codes")));
        addRow(table, models, "organizations", m -> Text.of(String.join(", ", m.list("organizations"))));
        addRow(table, models, "date", m -> Text.of(nullToEmpty(m.text("publication_date"))));
        Text title = labels.text("table7.title", Map.of("year", Text.of(Integer.toString(data.topYear()))));
        return card("table-7", title, null, table, labels.text("table7.note"), true);
    }

    private void addRow(HtmlTable table, List<Cells> models, String key, Function<Cells, Text> value) {
        List<Cell> cells = new ArrayList<>();
        for (Cells model : models) {
            cells.add(Cell.text(model.text("rank"), value.apply(model)));
        }
        table.row(key, labels.text("table7." + key).html(), cells);
    }

    /** A table of categories by year with a total column; categories in the gold table's order or by total, descending. */
    private HtmlTable byYear(List<Cells> rows, String keyColumn, Text keyTitle, Function<String, Text> label, boolean byTotal) {
        Map<String, Map<Integer, Long>> counts = new LinkedHashMap<>();
        for (Cells row : rows) {
            counts.computeIfAbsent(row.text(keyColumn), k -> new LinkedHashMap<>())
                    .merge(row.year("release_year"), row.count("models"), Long::sum);
        }
        List<String> keys = new ArrayList<>(counts.keySet());
        if (byTotal) {
            keys.sort(Comparator.comparingLong((String k) -> -total(counts.get(k))).thenComparing(Comparator.naturalOrder()));
        }
        HtmlTable table = new HtmlTable("").column(null, keyTitle, false);
        yearColumns(table);
        table.column("total", labels.text("total"), true);
        for (String key : keys) {
            List<Cell> cells = new ArrayList<>();
            for (int year : data.years()) {
                cells.add(Cell.count(Integer.toString(year), counts.get(key).getOrDefault(year, 0L)));
            }
            cells.add(Cell.count("total", total(counts.get(key))).withClass("total"));
            table.row(key, label.apply(key).html(), cells);
        }
        return table;
    }

    private void yearColumns(HtmlTable table) {
        for (int year : data.years()) {
            table.column(Integer.toString(year), labels.text("year", Map.of("year", Text.of(Integer.toString(year)))), true);
        }
    }

    private static long total(Map<Integer, Long> byYear) {
        return byYear.values().stream().mapToLong(Long::longValue).sum();
    }

    private Cell withCodeveloped(Cell cell, long codeveloped) {
        if (codeveloped == 0) {
            return cell;
        }
        Text note = labels.text("table1.codeveloped", Map.of("n", Text.of(Long.toString(codeveloped))));
        return cell.append("<span class=\"co\">" + note.html() + "</span>");
    }

    private Text taskBucket(String bucket) {
        if (bucket.equals("1")) {
            return labels.text("table5.bucket.one");
        }
        if (bucket.endsWith("+")) {
            return labels.text("table5.bucket.more", Map.of("n", Text.of(bucket.substring(0, bucket.length() - 1))));
        }
        return labels.text("table5.bucket", Map.of("n", Text.of(bucket)));
    }

    /** Values of a gold table, listed with ", ", each in Korean when known. */
    private Text values(List<String> values) {
        List<String> en = new ArrayList<>();
        List<String> ko = new ArrayList<>();
        for (String value : values) {
            Text text = labels.value(value);
            en.add(text.en());
            ko.add(text.ko());
        }
        return new Text(String.join(", ", en), String.join(", ", ko));
    }

    private Text countries(List<String> codes) {
        List<String> en = new ArrayList<>();
        List<String> ko = new ArrayList<>();
        for (String code : codes) {
            en.add(data.country(code).en());
            ko.add(data.country(code).ko());
        }
        return new Text(String.join(", ", en), String.join(", ", ko));
    }

    /** A measure as the CSV export prints it (1.8e+25); blank when not published. */
    private static Text number(Double value) {
        return Text.of(value == null ? "" : Text.number(value));
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }

    private Card card(String id, Text title, Text unit, HtmlTable table, Text note, boolean wide) {
        return card(id, title, unit, table, note, wide, labels);
    }

    /** A table card; "No models." when the table has no rows. */
    static Card card(String id, Text title, Text unit, HtmlTable table, Text note, boolean wide, Labels labels) {
        String body = table.isEmpty() ? "<p class=\"empty\">" + labels.text("none").html() + "</p>" : table.html();
        return new Card(id, title, unit, body, note, wide);
    }

    /** A country's row header: its name in both languages and its code (none for all countries, WLD). */
    static String countryHeader(ReportData data, String code) {
        String name = data.country(code).html();
        return ReportBeyond.ALL_COUNTRIES.equals(code) ? name : name + "<span class=\"code\">" + Html.escape(code) + "</span>";
    }
}
