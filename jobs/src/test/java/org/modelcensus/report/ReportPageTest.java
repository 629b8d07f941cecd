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
        assertEquals(18, page.select("section.card").size(), "12 of the report's, 6 beyond it");
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

    @Test
    void theLargeScaleCatalogueKeepsTheReportsWords() {
        Document page = Jsoup.parse(page(Map.of(), null));
        assertAll(
                () -> assertEquals("Large-scale AI models, 2020–2023", page.selectFirst("h1 [data-lang=en]").text()),
                () -> assertEquals("글로벌 초거대 AI 모델 현황 (2020~2023년)", page.selectFirst("h1 [data-lang=ko]").text()),
                () -> assertEquals("[그림 3] 연도별 초거대 AI 멀티모달 모델 출시 현황", page.selectFirst("#figure-3 h2 [data-lang=ko]").text()),
                () -> assertEquals("Figure 2. Large-scale AI models released per year", page.selectFirst("#figure-2 h2 [data-lang=en]").text()),
                () -> assertTrue(page.selectFirst("#subtitle [data-lang=en]").text().startsWith("Large-scale AI models (trained with 10²³ FLOP")),
                () -> assertEquals("https://epoch.ai/data/large-scale-ai-models", page.selectFirst("#credit a").attr("href")));
    }

    @Test
    void titleAndHeadlineSayWhatWasCounted() {
        Document notable = Jsoup.parse(page(Map.of(), null, new ReportData.Counted("notable", 1e23)));
        assertAll(
                () -> assertEquals("Notable AI models with at least 1e+23 FLOP, 2020–2023", notable.selectFirst("h1 [data-lang=en]").text()),
                () -> assertEquals("글로벌 학습 연산량 1e+23 FLOP 이상의 주목할 만한 AI 모델 현황 (2020~2023년)",
                        notable.selectFirst("h1 [data-lang=ko]").text()),
                () -> assertEquals("notable AI models with at least 1e+23 FLOP, 2020–2023, all countries",
                        notable.selectFirst(".kpi[data-metric=models_total] .detail [data-lang=en]").text()),
                () -> assertEquals("[그림 3] 연도별 학습 연산량 1e+23 FLOP 이상의 주목할 만한 AI 멀티모달 모델 출시 현황",
                        notable.selectFirst("#figure-3 h2 [data-lang=ko]").text()),
                () -> assertTrue(notable.selectFirst("#subtitle [data-lang=en]").text().contains("at least 1e+23 FLOP are counted (--min-compute)")),
                () -> assertEquals("https://epoch.ai/data/notable-ai-models", notable.selectFirst("#credit a").attr("href")));
        Document all = Jsoup.parse(page(Map.of(), null, new ReportData.Counted("all", null)));
        assertEquals("AI models, 2020–2023", all.selectFirst("h1 [data-lang=en]").text());
        assertEquals("Figure 2. AI models released per year", all.selectFirst("#figure-2 h2 [data-lang=en]").text());
        for (String kind : List.of("large_scale", "notable", "all")) {
            String html = page(Map.of(), null, new ReportData.Counted(kind, 1e25));
            assertFalse(html.contains("{counted") || html.contains("{Counted}"), kind + ": a text left unfilled");
        }
    }

    @Test
    void growthChartDrawsTheModelsAndTheLineOfTheFittedSlopeThroughTheirCentroid() {
        // three models on log10 compute = year - 1998 (slope 1): the line runs from (2021, 23) to (2023, 25), cut to the axes
        List<Cells> models = List.of(
                cells("model", "A", "publication_date", "2021-01-01", "training_compute_flop", 1e23),
                cells("model", "B", "publication_date", "2022-01-01", "training_compute_flop", 1e24),
                cells("model", "C", "publication_date", "2023-01-01", "training_compute_flop", 1e25));
        Map<String, List<Cells>> gold = Map.of("compute_growth",
                List.of(cells("scope", "WLD", "models", 3L, "growth_per_year", 10.0, "doubling_months", 3.612359947967774)));
        Document page = Jsoup.parse(page(gold, null, new ReportData.Counted("notable", null), models));

        assertEquals(List.of("A", "B", "C"), page.select("#beyond-growth-chart circle.model").eachAttr("data-key"));
        assertEquals("2022.0", page.selectFirst("#beyond-growth-chart circle.model[data-key=B]").attr("data-year"));
        org.jsoup.nodes.Element line = page.selectFirst("#beyond-growth-chart line.fit");
        assertEquals(List.of("2021.0", "23.0", "2023.0", "25.0"),
                List.of(line.attr("data-x1"), line.attr("data-y1"), line.attr("data-x2"), line.attr("data-y2")));
        org.jsoup.nodes.Element first = page.selectFirst("#beyond-growth-chart circle.model[data-key=A]");
        assertEquals(List.of(first.attr("cx"), first.attr("cy")), List.of(line.attr("x1"), line.attr("y1")), "A lies on the line");
        assertEquals("Fitted line, all countries: ×10.00 a year, doubling every 3.6 months (3 models)",
                page.selectFirst("#beyond-growth-chart .note [data-lang=en]").text());
        assertEquals("×10.00", page.selectFirst("#beyond-growth tr[data-key=WLD] td[data-col=growth_per_year]").text());
        assertEquals("All countries", page.selectFirst("#beyond-growth tr[data-key=WLD] th [data-lang=en]").text());
    }

    @Test
    void aSampledChartSaysHowManyOfTheFittedModelsItDraws() {
        List<Cells> drawn = List.of(
                cells("model", "A", "publication_date", "2021-01-01", "training_compute_flop", 1e23),
                cells("model", "C", "publication_date", "2023-01-01", "training_compute_flop", 1e25));
        Map<String, List<Cells>> gold = Map.of("compute_growth",
                List.of(cells("scope", "WLD", "models", 5000L, "growth_per_year", 10.0, "doubling_months", 3.612359947967774)));
        Document page = Jsoup.parse(page(gold, null, new ReportData.Counted("notable", null), drawn));

        assertEquals(List.of("A", "C"), page.select("#beyond-growth-chart circle.model").eachAttr("data-key"));
        assertEquals("Fitted line, all countries: ×10.00 a year, doubling every 3.6 months (5000 models; 2 of them drawn, "
                + "the same sample on every run)", page.selectFirst("#beyond-growth-chart .note [data-lang=en]").text());
    }

    @Test
    void table2SaysHowManyOfTheFocusCountrysModelsItLists() {
        Map<String, List<Cells>> gold = Map.of("focus_country_models", List.of(
                cells("release_year", 2020L, "model", "A", "organizations", List.of("Lab"), "domains", List.of("Language"), "multimodal", false),
                cells("release_year", 2021L, "model", "B", "organizations", List.of("Lab"), "domains", List.of("Vision"), "multimodal", true)));

        Document listedAll = Jsoup.parse(page(gold, 2, null, new ReportData.Counted("large_scale", null), List.of()));
        Document listedFirst = Jsoup.parse(page(gold, 5000, null, new ReportData.Counted("large_scale", null), List.of()));

        assertEquals(List.of("A", "B"), listedFirst.select("#table-2 tbody tr").eachAttr("data-key"));
        assertNull(listedAll.selectFirst("#table-2 .note"), "no note when every model is listed");
        assertEquals("The first 2 of 5000 models, by year and name; table focus_country_models holds them all.",
                listedFirst.selectFirst("#table-2 .note [data-lang=en]").text());
        assertEquals("주: 전체 5000개 모델 중 출시년도·모델명 순으로 처음 2개를 표시함 (전체 목록은 focus_country_models 테이블)",
                listedFirst.selectFirst("#table-2 .note [data-lang=ko]").text());
    }

    private static String page(Map<String, List<Cells>> gold, List<Cells> dataQuality) {
        return page(gold, dataQuality, new ReportData.Counted("large_scale", null));
    }

    private static String page(Map<String, List<Cells>> gold, List<Cells> dataQuality, ReportData.Counted counted) {
        return page(gold, dataQuality, counted, List.of());
    }

    private static String page(Map<String, List<Cells>> gold, List<Cells> dataQuality, ReportData.Counted counted, List<Cells> fittedModels) {
        return page(gold, gold.getOrDefault("focus_country_models", List.of()).size(), dataQuality, counted, fittedModels);
    }

    private static String page(Map<String, List<Cells>> gold, long focusModels, List<Cells> dataQuality, ReportData.Counted counted,
                               List<Cells> fittedModels) {
        ReportData data = new ReportData(LocalDate.of(2024, 7, 16), "catalogue.csv", 2020, 2023, "KOR", 2024, 3, gold, focusModels,
                Map.of("KOR", new Text("Korea", "한국"), "WLD", new Text("All countries", "전 세계")), dataQuality, counted,
                List.of(1e24, 1e25, 1e26), fittedModels, 10);
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
