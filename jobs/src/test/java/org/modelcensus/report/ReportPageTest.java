package org.modelcensus.report;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

/** The page from rows in memory (no Spark, no browser): escaping, missing tables, the data-quality section. */
class ReportPageTest {

    private static final String NASTY = "<b>\"Q&A\" 'x'</b> {{sections}}";

    @Test
    void everyTextIsEscaped() {
        String html = page(Map.of(
                "focus_country_models", List.of(cells("release_year", 2023L, "model", NASTY, "organizations", List.of("R&D <Lab>"),
                        "domains", List.of("Language"), "multimodal", true)),
                "top_organizations", List.of(cells("org_group", NASTY, "models", 3L))), null);

        assertFalse(html.contains("<b>"), "no markup from the data");
        assertTrue(html.contains("&lt;b&gt;&quot;Q&amp;A&quot; &#39;x&#39;&lt;/b&gt; {{sections}}"), "escaped, placeholder text kept");
        Document page = Jsoup.parse(html);
        assertAll(
                () -> assertEquals(NASTY, page.selectFirst("#table-2 td[data-col=model]").text()),
                () -> assertEquals("R&D <Lab>", page.selectFirst("#table-2 td[data-col=organizations]").text()),
                () -> assertEquals(NASTY, page.selectFirst("#figure-5 rect.bar").attr("data-key")),
                () -> assertEquals("언어", page.selectFirst("#table-2 td[data-col=domains] [data-lang=ko]").text()),
                () -> assertEquals("✓", page.selectFirst("#table-2 td[data-col=multimodal]").text()));
    }

    @Test
    void missingTablesSayNoModels() {
        Document page = Jsoup.parse(page(Map.of(), null));
        assertEquals(12, page.select("section.card").size());
        assertEquals("No models.", page.selectFirst("#table-1 .empty [data-lang=en]").text());
        assertEquals("해당 모델 없음", page.selectFirst("#figure-5 .empty [data-lang=ko]").text());
        assertEquals("–", page.selectFirst(".kpi[data-metric=models_total] .value").text());
    }

    @Test
    void dataQualityOnlyWhenGiven() {
        assertNull(Jsoup.parse(page(Map.of(), null)).getElementById("data-quality"));

        List<Cells> checks = List.of(
                cells("check", "rejected_rows", "level", "error", "metric", "rejected_share_pct", "value", 0.0, "threshold", 5.0,
                        "rows_affected", 0L, "status", "pass"),
                cells("check", "unmapped_countries", "level", "warning", "metric", "labels", "value", 2.0, "threshold", 0.0,
                        "rows_affected", 3L, "status", "warn"));
        Document page = Jsoup.parse(page(Map.of(), checks));
        assertNotNull(page.getElementById("data-quality"));
        assertEquals(List.of("rejected_rows", "unmapped_countries"), page.select("#data-quality tbody tr").eachAttr("data-key"));
        assertEquals("3", page.selectFirst("#data-quality tr[data-key=unmapped_countries] td[data-col=rows_affected]").text());
        assertEquals("status warn", page.selectFirst("#data-quality tr[data-key=unmapped_countries] .status").className());
        assertEquals("2 checks: 1 pass, 1 warn", page.selectFirst("#data-quality .unit [data-lang=en]").text());
    }

    @Test
    void templatePlaceholdersMustBeKnown() {
        assertEquals("a &amp; b", ReportPage.fill("a {{x}} b", Map.of("x", "&amp;")));
        assertThrows(IllegalStateException.class, () -> ReportPage.fill("{{unknown}}", Map.of()));
    }

    @Test
    void axisScalesEndOnRoundNumbers() {
        assertAll(
                () -> assertEquals(new Svg.Scale(120, 20), Svg.Scale.forMaximum(104)),
                () -> assertEquals(new Svg.Scale(15, 5), Svg.Scale.forMaximum(13)),
                () -> assertEquals(new Svg.Scale(3, 1), Svg.Scale.forMaximum(3)),
                () -> assertEquals(new Svg.Scale(1, 1), Svg.Scale.forMaximum(0)));
    }

    private static String page(Map<String, List<Cells>> gold, List<Cells> dataQuality) {
        ReportData data = new ReportData(LocalDate.of(2024, 7, 16), "catalogue.csv", 2020, 2023, "KOR", 2024, 3, gold,
                Map.of("KOR", new Text("Korea", "한국")), dataQuality);
        return new ReportPage(data, Labels.load()).html();
    }

    /** A row from alternating column names and values. */
    private static Cells cells(Object... namesAndValues) {
        Map<String, Object> values = new HashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            values.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return new Cells(values);
    }
}
