package org.modelcensus.report;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.apache.spark.sql.Row;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.modelcensus.Fixtures;
import org.modelcensus.RealCensus;
import org.modelcensus.census.CensusPipeline;
import org.modelcensus.SparkTestSupport;
import org.modelcensus.config.CensusOptions;

/**
 * The report of the real 2024-07-16 snapshot, rendered by a census run and opened in headless Chromium: each of
 * the report's tables and figures shows the numbers of the expected tables, both languages are in the
 * page, and it loads nothing from the network. Screenshots go to target/report-screenshots/.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportBrowserTest {

    private static final Path SCREENSHOTS = Fixtures.PROJECT.resolve("target/report-screenshots");
    private static final List<String> YEARS = List.of("2020", "2021", "2022", "2023");
    private static final Pattern HANGUL = Pattern.compile("[\\uAC00-\\uD7A3]");
    /** An attribute value that is a network address (absolute, or protocol-relative //host/...). */
    private static final Pattern NETWORK_ATTRIBUTE = Pattern.compile("(?i)^\\s*(https?:|ftp:|//)|url\\(\\s*['\"]?(https?:)?//");
    /** Style or script text that loads something: an address, an import or a request. */
    private static final Pattern NETWORK_CODE =
            Pattern.compile("(?i)https?:|ftp:|@import|url\\(\\s*['\"]?//|fetch\\(|XMLHttpRequest|WebSocket|import\\(");

    @TempDir
    static Path work;

    private Document english;
    private Document korean;

    @BeforeAll
    void renderAndOpen() throws IOException {
        HeadlessChromium chromium = HeadlessChromium.find(work); // first: fail fast when it is missing
        RealCensus.census();
        Path page = RealCensus.reportDir().resolve("2024-07-16/index.html");
        assertTrue(Files.isRegularFile(page), "the run wrote no report at " + page);
        String url = page.toUri().toString();

        Files.createDirectories(SCREENSHOTS);
        chromium.screenshot(url + "#en", SCREENSHOTS.resolve("report-en.png"), 1280, 4800);
        chromium.screenshot(url + "#ko", SCREENSHOTS.resolve("report-ko.png"), 1280, 4800);
        english = Jsoup.parse(chromium.dumpDom(url + "#en"));
        korean = Jsoup.parse(chromium.dumpDom(url + "#ko"));
    }

    @Test
    void screenshotsAreSaved() throws IOException {
        for (String name : List.of("report-en.png", "report-ko.png")) {
            Path png = SCREENSHOTS.resolve(name);
            byte[] start = Files.readAllBytes(png);
            assertTrue(start.length > 20_000 && start[1] == 'P' && start[2] == 'N' && start[3] == 'G', name + " is not a page screenshot");
        }
    }

    @Test
    void snapshotAndSourceCredit() {
        assertEquals("2024-07-16", english.getElementById("snapshot-date").text());
        assertEquals("large_scale_ai_models_2024-07-16.csv", english.getElementById("source").text());
        Element credit = english.getElementById("credit");
        assertTrue(credit.text().contains("Epoch AI, 'Data on Notable/Large-Scale AI Models'"), credit.text());
        assertTrue(credit.text().contains("CC BY 4.0"), credit.text());
        assertEquals("https://epoch.ai/data/large-scale-ai-models", credit.selectFirst("a").attr("href"));
    }

    @Test
    void bothLanguagesAreInThePageAndTheSwitchShowsOne() {
        assertAll(
                () -> assertEquals("en", english.selectFirst("html").attr("lang")),
                () -> assertEquals("show-en", english.selectFirst("html").className()),
                () -> assertEquals("ko", korean.selectFirst("html").attr("lang"), "#ko shows the Korean page"),
                () -> assertEquals("show-ko", korean.selectFirst("html").className()),
                () -> assertEquals("true", korean.selectFirst("button[data-set-lang=ko]").attr("aria-pressed")),
                () -> assertTrue(english.selectFirst("h1 [data-lang=ko]").text().contains("초거대 AI 모델")),
                () -> assertTrue(english.selectFirst("h1 [data-lang=en]").text().contains("Large-scale AI models")));
        Elements titles = english.select("section.card > h2");
        assertEquals(19, titles.size(), "headline, 7 tables, 4 figures, 6 beyond the report and the data-quality checks");
        for (Element title : titles) {
            String en = title.select("[data-lang=en]").text();
            String ko = title.select("[data-lang=ko]").text();
            assertFalse(en.isEmpty() || HANGUL.matcher(en).find(), "English title: " + title);
            assertTrue(HANGUL.matcher(ko).find(), "Korean title: " + title);
        }
    }

    @Test
    void pageLoadsNothingFromTheNetwork() {
        assertTrue(english.select("link, iframe, img, object, embed, script[src], base").isEmpty(), "external resource elements");
        List<String> external = new ArrayList<>();
        for (Element element : english.getAllElements()) {
            for (Attribute attribute : element.attributes()) {
                boolean hyperlink = element.tagName().equals("a") && attribute.getKey().equals("href");
                if (!hyperlink && NETWORK_ATTRIBUTE.matcher(attribute.getValue()).find()) {
                    external.add(element.tagName() + " " + attribute);
                }
            }
        }
        for (Element code : english.select("style, script")) {
            if (NETWORK_CODE.matcher(code.data()).find()) {
                external.add(code.tagName() + " refers to the network");
            }
        }
        assertEquals(List.of(), external, "only hyperlinks (the source credit) may point outside the page");
        for (Element link : english.select("a[href]")) {
            assertTrue(link.attr("href").startsWith("https://"), "links open in the browser: " + link);
        }
    }

    @Test
    void headlineNumbers() {
        Map<String, String> metric = new LinkedHashMap<>();
        for (Row row : expected("headline_metrics")) {
            metric.put(row.getString(0), row.getString(1));
        }
        assertAll(
                () -> assertEquals("144", kpiValue("models_total")),
                () -> assertEquals(metric.get("models_total"), kpiValue("models_total")),
                () -> assertEquals(metric.get("cagr_pct") + "%", kpiValue("cagr_pct")),
                () -> assertEquals(metric.get("language_models"), kpiValue("language_models")),
                () -> assertTrue(kpiDetail("language_models").contains(metric.get("language_share_pct") + "%")),
                () -> assertEquals(metric.get("multimodal_models"), kpiValue("multimodal_models")),
                () -> assertTrue(kpiDetail("multimodal_models").contains(metric.get("multimodal_share_pct") + "%")),
                () -> assertEquals(metric.get("multi_task_models"), kpiValue("multi_task_models")),
                () -> assertTrue(kpiDetail("multi_task_models").contains(metric.get("multi_task_share_pct") + "%")),
                () -> assertTrue(kpiDetail("multi_task_models").contains(metric.get("models_with_tasks"))),
                () -> assertEquals(metric.get("single_developer_models"), kpiValue("single_developer_models")),
                () -> assertTrue(kpiDetail("single_developer_models").contains(metric.get("single_developer_share_pct") + "%")),
                () -> assertTrue(kpiDetail("single_developer_models").contains(metric.get("joint_models") + " joint")),
                () -> assertEquals(metric.get("industry_models"), kpiValue("industry_models")),
                () -> assertTrue(kpiDetail("industry_models").contains(metric.get("industry_share_pct") + "%")));
    }

    @Test
    void table1CountriesByYear() {
        Element table = card("table-1");
        assertAll(
                () -> assertEquals("64", cell(table, "USA", "total"), "Table 1: USA"),
                () -> assertEquals("42", cell(table, "CHN", "total"), "Table 1: China"),
                () -> assertEquals("11", cell(table, "KOR", "total"), "Table 1: Korea"),
                () -> assertEquals("United States", row(table, "USA").selectFirst("th [data-lang=en]").text()),
                () -> assertEquals("미국", row(table, "USA").selectFirst("th [data-lang=ko]").text()),
                () -> assertEquals("중국", row(table, "CHN").selectFirst("th [data-lang=ko]").text()),
                () -> assertEquals("한국", row(table, "KOR").selectFirst("th [data-lang=ko]").text()));

        Map<String, Row> byCountryYear = new LinkedHashMap<>();
        for (Row row : expected("models_by_country_year")) {
            byCountryYear.put(row.getAs("country_code") + "/" + row.getAs("release_year"), row);
        }
        List<String> order = new ArrayList<>();
        for (Row ranked : expected("country_ranking")) {
            String code = ranked.getAs("country_code");
            order.add(code);
            assertEquals(ranked.getAs("models"), cell(table, code, "total"), "Table 1 total of " + code);
            assertEquals(ranked.getAs("rank"), cell(table, code, "rank"), "Table 1 rank of " + code);
            assertEquals(codeveloped(ranked.getAs("codeveloped_models")), note(table, code, "total"), "Table 1 co-developed of " + code);
            for (String year : YEARS) {
                Row cell = byCountryYear.get(code + "/" + year);
                assertEquals(cell == null ? "0" : cell.getAs("models"), cell(table, code, year), "Table 1: " + code + " in " + year);
                assertEquals(cell == null ? "" : codeveloped(cell.getAs("codeveloped_models")), note(table, code, year),
                        "Table 1 co-developed: " + code + " in " + year);
            }
        }
        assertEquals(order, keys(table), "Table 1 rows in rank order");
    }

    @Test
    void table2FocusCountryModels() {
        Element table = card("table-2");
        List<String> models = new ArrayList<>();
        for (Row model : expected("focus_country_models")) {
            String name = model.getAs("model");
            models.add(name);
            Element row = row(table, name);
            assertAll(
                    () -> assertEquals(model.getAs("release_year"), row.selectFirst("th").text()),
                    () -> assertEquals(name, text(row, "model")),
                    () -> assertEquals(model.<String>getAs("organizations").replace(";", ", "), text(row, "organizations")),
                    () -> assertEquals(model.<String>getAs("domains").replace(";", ", "),
                            row.selectFirst("td[data-col=domains] [data-lang=en]").text()),
                    () -> assertEquals("true".equals(model.getAs("multimodal")) ? "✓" : "", text(row, "multimodal")));
        }
        assertEquals(11, models.size());
        assertEquals(models, keys(table), "Table 2 rows");
        String exaoneKorean = row(table, "EXAONE 2.0").selectFirst("td[data-col=domains] [data-lang=ko]").text();
        assertEquals("이미지 생성, 언어, 바이오", exaoneKorean, "Korean domain names");
    }

    @Test
    void table3DomainsByYear() {
        assertByYear(card("table-3"), "models_by_domain_year", "domain");
        assertEquals("126", cell(card("table-3"), "Language", "total"));
    }

    @Test
    void table4TaskTypesOfTwoOrMoreModels() {
        Element table = card("table-4");
        List<String> shown = new ArrayList<>();
        for (Row group : expected("models_by_task_group")) {
            if (Integer.parseInt(group.getAs("models")) >= 2) {
                shown.add(group.getAs("task_group"));
                assertEquals(group.getAs("models"), cell(table, group.getAs("task_group"), "models"), "Table 4: " + group);
            }
        }
        assertEquals(shown, keys(table), "Table 4 rows: the groups of 2 or more models, most models first");
        assertEquals("78", cell(table, "Language modeling/generation", "models"));
    }

    @Test
    void table5TaskCountsByYear() {
        assertByYear(card("table-5"), "models_by_task_count_year", "task_count");
        assertEquals(List.of("1", "2", "3", "4", "5+"), keys(card("table-5")));
    }

    @Test
    void table6OrganizationTypesByYear() {
        assertByYear(card("table-6"), "models_by_org_category_year", "org_category");
        assertEquals("134", cell(card("table-6"), "Industry", "total"));
    }

    @Test
    void table7LargestModels() {
        Element table = card("table-7");
        Elements columns = table.select("thead th[data-col]");
        List<Row> expected = expected("top_models_by_compute");
        assertEquals(expected.size(), columns.size(), "one column per ranked model");
        for (Row model : expected) {
            String rank = model.getAs("rank");
            assertEquals(model.getAs("model"), table.selectFirst("thead th[data-col='" + rank + "']").text());
            // the page rounds to 3 significant digits for people (Text.number); the export is exact
            assertEquals(Text.number(Double.parseDouble(model.getAs("training_compute_flop"))), cellText(row(table, "compute"), rank),
                    "compute of " + model);
            String parameters = model.getAs("parameters");
            assertEquals(parameters == null ? "" : Text.number(Double.parseDouble(parameters)), cellText(row(table, "parameters"), rank),
                    "parameters of " + model);
        }
        assertEquals("Mistral Large", table.selectFirst("thead th[data-col='1']").text());
        assertEquals("2e+25", cellText(row(table, "compute"), "1"));
        assertEquals("3.4e+11", cellText(row(table, "parameters"), "2"), "Nemotron-4 340B");
    }

    @Test
    void figure2ModelsPerYear() {
        assertBars(card("figure-2"), perYear("models_by_year"), "rect.bar");
    }

    @Test
    void figure3MultimodalModelsPerYear() {
        Map<String, String> values = perYear("multimodal_by_year");
        assertEquals(Map.of("2020", "0", "2021", "1", "2022", "2", "2023", "13"), values);
        assertBars(card("figure-3"), values, "circle.point");
    }

    @Test
    void figure4DevelopmentTypes() {
        Element figure = card("figure-4");
        assertEquals("130 (90.3%)", figure.selectFirst("text.value[data-key=single]").text());
        assertEquals("14 (9.7%)", figure.selectFirst("text.value[data-key=joint]").text());
        Map<String, String> values = new LinkedHashMap<>();
        for (Row row : expected("models_by_development_type")) {
            values.put(row.getAs("development_type"), row.getAs("models"));
        }
        assertBars(figure, values, "rect.bar");
    }

    @Test
    void figure5TopOrganizations() {
        Map<String, String> values = new LinkedHashMap<>();
        for (Row row : expected("top_organizations")) {
            values.put(row.getAs("org_group"), row.getAs("models"));
        }
        Element figure = card("figure-5");
        assertBars(figure, values, "rect.bar");
        assertEquals(new ArrayList<>(values.keySet()), figure.select("rect.bar").eachAttr("data-key"), "Figure 5 order");
        assertEquals("19", figure.selectFirst("text.value[data-key=Google]").text());
    }

    @Test
    void dataQualityChecks() {
        Element section = card("data-quality");
        List<Row> checks = SparkTestSupport.spark().read().format("delta")
                .load(RealCensus.warehouse().resolve("audit/data_quality").toString()).collectAsList();
        assertEquals(checks.stream().map(c -> c.<String>getAs("check")).toList(), keys(section), "one row per check of the run");
        for (Row check : checks) {
            Element row = row(section, check.getAs("check"));
            assertAll(
                    () -> assertEquals(check.<String>getAs("status"), row.selectFirst("td[data-col=status] [data-lang=en]").text()),
                    () -> assertEquals(String.valueOf(check.<Long>getAs("rows_affected")), text(row, "rows_affected")),
                    () -> assertEquals(check.getAs("metric"), text(row, "metric")));
        }
        assertTrue(section.selectFirst(".unit [data-lang=en]").text().startsWith(checks.size() + " checks: "));
    }

    @Test
    void beyondTheReportThresholds() {
        Element table = card("beyond-thresholds");
        Map<String, Map<String, Integer>> byCountry = new LinkedHashMap<>();
        for (Row row : expectedBeyond("models_over_compute_thresholds")) {
            byCountry.computeIfAbsent(row.getAs("country_code"), c -> new LinkedHashMap<>())
                    .merge(row.getAs("threshold_flop"), Integer.parseInt(row.getAs("models")), Integer::sum);
        }
        assertEquals(byCountry.keySet(), new java.util.HashSet<>(keys(table)), "a row per country with a model over a threshold");
        byCountry.forEach((code, counts) -> {
            for (String threshold : List.of("1e+24", "1e+25", "1e+26")) {
                assertEquals(String.valueOf(counts.getOrDefault(threshold, 0)), cell(table, code, threshold), code + " at " + threshold);
            }
        });
        assertEquals(List.of("17", "3", "0"), List.of(cell(table, "WLD", "1e+24"), cell(table, "WLD", "1e+25"), cell(table, "WLD", "1e+26")));
        assertEquals("WLD", keys(table).get(0), "all countries first");
        assertEquals("전 세계", row(table, "WLD").selectFirst("th [data-lang=ko]").text());
    }

    @Test
    void beyondTheReportComputeGrowthAndItsChart() {
        Element table = card("beyond-growth");
        List<Row> fits = expectedBeyond("compute_growth");
        assertEquals(fits.stream().map(f -> f.<String>getAs("scope")).toList(), keys(table), "WLD, then the countries of 10 or more models");
        for (Row fit : fits) {
            String scope = fit.getAs("scope");
            assertEquals(fit.getAs("models"), cell(table, scope, "models"));
            assertEquals("×" + rounded(fit.getAs("growth_per_year"), 2), cell(table, scope, "growth_per_year"), "growth of " + scope);
            assertEquals(rounded(fit.getAs("doubling_months"), 1), cell(table, scope, "doubling_months"), "doubling of " + scope);
        }
        assertEquals("×1.31", cell(table, "WLD", "growth_per_year"));

        Element chart = card("beyond-growth-chart");
        assertEquals(Integer.parseInt(fits.get(0).getAs("models")), chart.select("circle.model").size(), "a point per fitted model");
        Element line = chart.selectFirst("line.fit");
        double slope = (Double.parseDouble(line.attr("data-y2")) - Double.parseDouble(line.attr("data-y1")))
                / (Double.parseDouble(line.attr("data-x2")) - Double.parseDouble(line.attr("data-x1")));
        assertEquals(Math.log10(Double.parseDouble(fits.get(0).getAs("growth_per_year"))), slope, 1e-9, "the line has the fitted slope");
        Element gpt4 = chart.selectFirst("circle.model[data-key='GPT-4']");
        assertEquals(Math.log10(2.1e25), Double.parseDouble(gpt4.attr("data-log10")), 1e-12);
        assertEquals(2023 + 73 / 365.0, Double.parseDouble(gpt4.attr("data-year")), 1e-12, "2023-03-15, the 74th day of 2023");
    }

    @Test
    void beyondTheReportAccessibilityAndOpenWeights() {
        Element accessibility = card("beyond-accessibility");
        Map<String, Integer> all = new LinkedHashMap<>();
        for (Row row : expectedBeyond("models_by_accessibility")) {
            if ("WLD".equals(row.getAs("country_code"))) {
                all.merge(row.getAs("accessibility"), Integer.parseInt(row.getAs("models")), Integer::sum);
            }
        }
        all.forEach((group, models) -> assertEquals(String.valueOf(models), cell(accessibility, "WLD", group), "WLD " + group));
        assertEquals("144", cell(accessibility, "WLD", "total"));
        assertEquals("Open weights (restricted use)", accessibility.selectFirst("thead th[data-col=open_weights_restricted] [data-lang=en]").text());

        Element shares = card("beyond-open-weights");
        List<String> order = new ArrayList<>();
        for (Row country : expectedBeyond("open_weights_share")) {
            String code = country.getAs("country_code");
            order.add(code);
            assertEquals(country.getAs("models"), cell(shares, code, "models"), "models of " + code);
            assertEquals(country.getAs("models"), cell(accessibility, code, "total"), "accessibility total of " + code);
            assertEquals(country.getAs("open_weights_models"), cell(shares, code, "open_weights_models"), "open weights of " + code);
            assertEquals(country.getAs("open_weights_share_pct") + "%", cell(shares, code, "open_weights_share_pct"), "share of " + code);
        }
        assertEquals(order, keys(shares));
        assertEquals("29.9%", cell(shares, "WLD", "open_weights_share_pct"));
    }

    // --- helpers -------------------------------------------------------------------------------------------------

    private List<Row> expectedBeyond(String table) {
        return SparkTestSupport.readCsv(Fixtures.EXPECTED_BEYOND.resolve(table + ".csv")).collectAsList();
    }

    /** A figure of the expected tables as the page prints it: rounded half up to the places. */
    private static String rounded(String value, int places) {
        return new java.math.BigDecimal(Double.parseDouble(value)).setScale(places, java.math.RoundingMode.HALF_UP).toPlainString();
    }

    private List<Row> expected(String table) {
        return SparkTestSupport.readCsv(Fixtures.EXPECTED.resolve(table + ".csv")).collectAsList();
    }

    private Map<String, String> perYear(String table) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Row row : expected(table)) {
            values.put(row.getAs("release_year"), row.getAs("models"));
        }
        return values;
    }

    /** Each category's year cells and total equal the expected table (category, release_year, models). */
    private void assertByYear(Element table, String expectedTable, String keyColumn) {
        Map<String, Map<String, Integer>> counts = new LinkedHashMap<>();
        for (Row row : expected(expectedTable)) {
            counts.computeIfAbsent(row.getAs(keyColumn), k -> new LinkedHashMap<>())
                    .put(row.getAs("release_year"), Integer.parseInt(row.getAs("models")));
        }
        assertEquals(counts.keySet(), new java.util.HashSet<>(keys(table)), expectedTable + " categories");
        counts.forEach((key, byYear) -> {
            for (String year : YEARS) {
                assertEquals(String.valueOf(byYear.getOrDefault(year, 0)), cell(table, key, year),
                        expectedTable + ": " + key + " in " + year);
            }
            assertEquals(String.valueOf(byYear.values().stream().mapToInt(Integer::intValue).sum()), cell(table, key, "total"),
                    expectedTable + ": total of " + key);
        });
    }

    /** Each mark shows its value as text, and its length (bar) or height (point) is in proportion to the value. */
    private static void assertBars(Element figure, Map<String, String> values, String markSelector) {
        assertNotNull(figure.selectFirst("svg.chart"), "an inline SVG chart in " + figure.id());
        assertEquals(values.size(), figure.select(markSelector).size(), "marks of " + figure.id());
        double scale = Double.NaN;
        for (Map.Entry<String, String> value : values.entrySet()) {
            Element mark = figure.select(markSelector).stream().filter(m -> m.attr("data-key").equals(value.getKey())).findFirst()
                    .orElseThrow(() -> new AssertionError(figure.id() + " has no mark for " + value.getKey()));
            String label = figure.select("text.value").stream().filter(t -> t.attr("data-key").equals(value.getKey()))
                    .findFirst().orElseThrow().text();
            assertTrue(label.equals(value.getValue()) || label.startsWith(value.getValue() + " "),
                    figure.id() + " " + value.getKey() + ": shows " + label + ", expected " + value.getValue());
            double shown = markSize(figure, mark);
            double ratio = shown / Double.parseDouble(value.getValue());
            if (Double.parseDouble(value.getValue()) > 0) {
                scale = Double.isNaN(scale) ? ratio : scale;
                assertEquals(scale, ratio, scale * 0.01 + 0.05, figure.id() + " " + value.getKey() + " drawn out of proportion");
            } else {
                assertEquals(0, shown, 0.05, figure.id() + " " + value.getKey() + " is 0");
            }
        }
    }

    /** A bar's length along its value axis, or a point's height above the baseline. */
    private static double markSize(Element figure, Element mark) {
        if (mark.tagName().equals("circle")) {
            double baseline = Double.parseDouble(figure.selectFirst("line.baseline").attr("y1"));
            return baseline - Double.parseDouble(mark.attr("cy"));
        }
        boolean horizontal = figure.selectFirst("line.baseline").attr("x1").equals(figure.selectFirst("line.baseline").attr("x2"));
        return Double.parseDouble(mark.attr(horizontal ? "width" : "height"));
    }

    private String kpiValue(String metric) {
        return english.selectFirst(".kpi[data-metric=" + metric + "] .value").text();
    }

    private String kpiDetail(String metric) {
        return english.selectFirst(".kpi[data-metric=" + metric + "] .detail [data-lang=en]").text();
    }

    private Element card(String id) {
        Element card = english.getElementById(id);
        assertNotNull(card, "the page has no " + id);
        return card;
    }

    private static List<String> keys(Element table) {
        return table.select("tbody tr").eachAttr("data-key");
    }

    private static Element row(Element table, String key) {
        return table.select("tbody tr").stream().filter(r -> r.attr("data-key").equals(key)).findFirst()
                .orElseThrow(() -> new AssertionError(table.id() + " has no row " + key));
    }

    /** The number a cell shows (without its note). */
    private static String cell(Element table, String key, String column) {
        return row(table, key).selectFirst("td[data-col='" + column + "']").ownText().strip();
    }

    private static String cellText(Element row, String column) {
        return row.selectFirst("td[data-col='" + column + "']").text();
    }

    private static String text(Element row, String column) {
        return row.selectFirst("td[data-col='" + column + "']").text();
    }

    /** The co-developed note of a Table 1 cell, in English; empty when there is none. */
    private static String note(Element table, String key, String column) {
        Element note = row(table, key).selectFirst("td[data-col='" + column + "'] .co [data-lang=en]");
        return note == null ? "" : note.text();
    }

    private static String codeveloped(String count) {
        return "0".equals(count) ? "" : "(" + count + " co-dev.)";
    }
}
