package org.modelcensus.report;

import java.util.HashMap;
import java.util.Map;


/** The headline numbers (headline_metrics): the counts and shares of the report's summary sentences. */
final class ReportHeadline {

    private final ReportData data;
    private final Labels labels;
    private final Map<String, Double> metrics = new HashMap<>();

    ReportHeadline(ReportData data, Labels labels) {
        this.data = data;
        this.labels = labels;
        for (Cells row : data.table("headline_metrics")) {
            metrics.put(row.text("metric"), row.number("value"));
        }
    }

    Card card() {
        StringBuilder body = new StringBuilder("<div class=\"kpis\">\n");
        body.append(kpi("models_total", "", labels.text("headline.models_total"),
                labels.text("headline.models_total.detail", data.window())));
        body.append(kpi("cagr_pct", "%", labels.text("headline.cagr_pct"), labels.text("headline.cagr_pct.detail", data.window())));
        body.append(kpi("language_models", "", labels.text("headline.language"), shareOfAll("language_share_pct")));
        body.append(kpi("multimodal_models", "", labels.text("headline.multimodal"), shareOfAll("multimodal_share_pct")));
        body.append(kpi("multi_task_models", "", labels.text("headline.multi_task"), labels.text("headline.multi_task.detail",
                Map.of("share", value("multi_task_share_pct"), "models", value("models_with_tasks")))));
        body.append(kpi("single_developer_models", "", labels.text("headline.single_developer"), labels.text(
                "headline.single_developer.detail", Map.of("share", value("single_developer_share_pct"), "n", value("joint_models")))));
        body.append(kpi("industry_models", "", labels.text("headline.industry"), shareOfAll("industry_share_pct")));
        body.append("</div>");
        return new Card("headline", labels.text("headline.title", data.window()), null, body.toString(), null, true);
    }

    private String kpi(String metric, String suffix, Text label, Text detail) {
        String shown = metrics.get(metric) == null ? "–" : value(metric).en() + suffix;
        return "<div class=\"kpi\"" + Html.attr("data-metric", metric) + ">"
                + "<div class=\"value\">" + Html.escape(shown) + "</div>"
                + "<div class=\"label\">" + label.html() + "</div>"
                + "<div class=\"detail\">" + detail.html() + "</div></div>\n";
    }

    private Text shareOfAll(String metric) {
        return labels.text("share_of_all", Map.of("share", value(metric)));
    }

    /** A metric as the page prints it (144, 87.5); "–" when the run has no value. */
    private Text value(String metric) {
        Double value = metrics.get(metric);
        return Text.of(value == null ? "–" : Text.number(value));
    }
}
