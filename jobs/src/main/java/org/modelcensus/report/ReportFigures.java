package org.modelcensus.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;

/** The report's Figures 2–5 as inline SVG charts, each from its gold table. */
final class ReportFigures {

    private final ReportData data;
    private final Labels labels;

    ReportFigures(ReportData data, Labels labels) {
        this.data = data;
        this.labels = labels;
    }

    /** Figure 2: models released per year (models_by_year), as columns. */
    Card figure2() {
        return figure("figure-2", labels.text("figure2.title"), perYear("models_by_year"), SvgBarChart::columns, null);
    }

    /** Figure 3: multimodal models per year (multimodal_by_year), as a line. */
    Card figure3() {
        return figure("figure-3", labels.text("figure3.title"), perYear("multimodal_by_year"), SvgLineChart::of, null);
    }

    /** Figure 4: single and joint development (models_by_development_type), with each type's share. */
    Card figure4() {
        List<Cells> rows = data.table("models_by_development_type");
        long all = rows.stream().mapToLong(r -> r.count("models")).sum();
        List<Svg.Point> points = new ArrayList<>();
        for (Cells row : rows) {
            String type = row.text("development_type");
            long models = row.count("models");
            String share = all == 0 ? "" : String.format(Locale.ROOT, " (%.1f%%)", 100.0 * models / all);
            points.add(new Svg.Point(type, labels.text("figure4." + type), models, models + share));
        }
        return figure("figure-4", labels.text("figure4.title", data.window()), points, SvgBarChart::rows, null);
    }

    /** Figure 5: organization groups with the most models (top_organizations). */
    Card figure5() {
        List<Svg.Point> points = new ArrayList<>();
        for (Cells row : data.table("top_organizations")) {
            String group = row.text("org_group");
            points.add(Svg.Point.count(group, Text.of(group), row.count("models")));
        }
        Map<String, Text> parameters = new LinkedHashMap<>(data.window());
        parameters.put("n", Text.of(Integer.toString(data.minOrgModels())));
        return figure("figure-5", labels.text("figure5.title", parameters), points, SvgBarChart::rows, labels.text("figure5.note"));
    }

    private List<Svg.Point> perYear(String table) {
        List<Svg.Point> points = new ArrayList<>();
        for (Cells row : data.table(table)) {
            String year = row.text("release_year");
            points.add(Svg.Point.count(year, Text.of(year), row.count("models")));
        }
        return points;
    }

    /** A figure card: the chart of the points (named by the card's title), or "No models." when there are none. */
    private Card figure(String id, Text title, List<Svg.Point> points, BiFunction<String, List<Svg.Point>, String> chart, Text note) {
        String body = points.isEmpty() ? "<p class=\"empty\">" + labels.text("none").html() + "</p>"
                : "<figure class=\"chart\">" + chart.apply(id + "-title", points) + "</figure>";
        return new Card(id, title, labels.text("unit.models"), body, note, false);
    }
}
