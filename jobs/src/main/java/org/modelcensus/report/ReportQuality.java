package org.modelcensus.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.modelcensus.report.HtmlTable.Cell;

/**
 * The data-quality checks of the run: the data_quality table (columns check, level, metric, value, threshold,
 * rows_affected, status and, when present, details).
 */
final class ReportQuality {

    private static final List<String> COLUMNS = List.of("level", "metric", "value", "threshold", "rows_affected", "status", "details");

    private final ReportData data;
    private final Labels labels;

    ReportQuality(ReportData data, Labels labels) {
        this.data = data;
        this.labels = labels;
    }

    Card card() {
        HtmlTable table = new HtmlTable("").column(null, labels.text("quality.check"), false);
        for (String column : COLUMNS) {
            table.column(column, labels.text("quality." + column), column.equals("value") || column.equals("threshold")
                    || column.equals("rows_affected"));
        }
        Map<String, Integer> byStatus = new LinkedHashMap<>();
        for (Cells check : data.dataQuality()) {
            String status = nullToEmpty(check.text("status"));
            byStatus.merge(status, 1, Integer::sum);
            List<Cell> cells = new ArrayList<>();
            cells.add(Cell.text("level", labels.value(nullToEmpty(check.text("level")))));
            cells.add(Cell.text("metric", Text.of(nullToEmpty(check.text("metric")))));
            cells.add(new Cell("value", Html.escape(shown(check, "value")), "num"));
            cells.add(new Cell("threshold", Html.escape(shown(check, "threshold")), "num"));
            cells.add(new Cell("rows_affected", Html.escape(shown(check, "rows_affected")), "num"));
            cells.add(new Cell("status", "<span" + Html.attr("class", "status " + status.toLowerCase(Locale.ROOT)) + ">"
                    + labels.value(status).html() + "</span>", ""));
            cells.add(new Cell("details", Html.escape(check.text("details")), "details"));
            table.row(nullToEmpty(check.text("check")), Html.escape(check.text("check")), cells);
        }
        List<String> en = new ArrayList<>();
        List<String> ko = new ArrayList<>();
        byStatus.forEach((status, count) -> {
            en.add(count + " " + labels.value(status).en());
            ko.add(labels.value(status).ko() + " " + count);
        });
        Text summary = labels.text("quality.summary", Map.of("n", Text.of(Integer.toString(data.dataQuality().size())),
                "share", new Text(String.join(", ", en), String.join(", ", ko))));
        return new Card("data-quality", labels.text("quality.title"), summary, table.isEmpty() ? "" : table.html(), null, true);
    }

    /** A number as the CSV export prints it; any other value as text. */
    private static String shown(Cells check, String column) {
        Double number = check.number(column);
        return number != null ? Text.number(number) : nullToEmpty(check.text(column));
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }
}
