package org.modelcensus.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A data table: a header row, then rows that each start with a row header. Rows and cells carry their key
 * ({@code data-key} on the row, {@code data-col} on the cell) so that readers and tests can find a number.
 */
final class HtmlTable {

    /** One cell: escaped HTML content, its column key and CSS classes (may be empty). */
    record Cell(String column, String html, String cssClass) {

        static Cell text(String column, Text text) {
            return new Cell(column, text.html(), "");
        }

        /** A count, right-aligned; zero shown faint. */
        static Cell count(String column, long value) {
            return new Cell(column, Long.toString(value), value == 0 ? "num zero" : "num");
        }

        Cell withClass(String more) {
            return new Cell(column, html, (cssClass + " " + more).strip());
        }

        Cell append(String moreHtml) {
            return new Cell(column, html + moreHtml, cssClass);
        }
    }

    private final String cssClass;
    private final List<String> header = new ArrayList<>();
    private final List<String> rows = new ArrayList<>();

    HtmlTable(String cssClass) {
        this.cssClass = cssClass;
    }

    /** A header cell; {@code column} becomes its data-col (null for none), {@code numeric} right-aligns it. */
    HtmlTable column(String column, Text title, boolean numeric) {
        return column(column, title, numeric ? "num" : "");
    }

    /** A header cell with CSS classes (may be empty). */
    HtmlTable column(String column, Text title, String cssClass) {
        header.add("<th scope=\"col\"" + (column == null ? "" : Html.attr("data-col", column))
                + (cssClass.isEmpty() ? "" : Html.attr("class", cssClass)) + ">" + title.html() + "</th>");
        return this;
    }

    /** A row: its key, its header (escaped HTML) and its cells. */
    HtmlTable row(String key, String rowHeaderHtml, List<Cell> cells) {
        StringBuilder row = new StringBuilder("<tr").append(Html.attr("data-key", key)).append(">")
                .append("<th scope=\"row\">").append(rowHeaderHtml).append("</th>");
        for (Cell cell : cells) {
            row.append("<td").append(Html.attr("data-col", cell.column()))
                    .append(cell.cssClass().isEmpty() ? "" : Html.attr("class", cell.cssClass()))
                    .append(">").append(cell.html()).append("</td>");
        }
        rows.add(row.append("</tr>").toString());
        return this;
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    String html() {
        return "<div class=\"scroll\"><table" + Html.attr("class", ("data " + cssClass).strip()) + ">\n<thead><tr>"
                + String.join("", header) + "</tr></thead>\n<tbody>\n" + String.join("\n", rows) + "\n</tbody></table></div>";
    }
}
