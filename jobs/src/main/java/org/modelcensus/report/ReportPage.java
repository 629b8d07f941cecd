package org.modelcensus.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The report as one HTML page: the template {@code report/template.html} filled with the headline numbers, the
 * report's tables and figures and the data-quality checks. No Spark here: {@link ReportData} holds the rows.
 */
final class ReportPage {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(\\w+)}}");
    /** Epoch AI's page of each catalogue, credited at the foot of the page. */
    private static final Map<String, String> SOURCE_PAGES = Map.of(
            "large_scale", "https://epoch.ai/data/large-scale-ai-models",
            "notable", "https://epoch.ai/data/notable-ai-models",
            "all", "https://epoch.ai/data");

    private final ReportData data;
    private final Labels labels;

    ReportPage(ReportData data, Labels labels) {
        this.data = data;
        this.labels = labels.counting(data.catalogue().kind(), data.catalogue().minCompute());
    }

    String html() {
        ReportTables tables = new ReportTables(data, labels);
        ReportFigures figures = new ReportFigures(data, labels);
        ReportBeyond beyond = new ReportBeyond(data, labels);
        // Wide blocks in the report's order; half-width ones paired by height, side by side.
        List<Card> cards = new ArrayList<>(List.of(
                new ReportHeadline(data, labels).card(),
                figures.figure2(), figures.figure3(),
                tables.table1(),
                tables.table2(),
                tables.table3(), tables.table5(),
                tables.table4(), figures.figure5(),
                tables.table6(), figures.figure4(),
                tables.table7(),
                beyond.introduction(),
                beyond.thresholds(), beyond.openWeights(),
                beyond.growth(), beyond.growthChart(),
                beyond.accessibility()));
        if (data.dataQuality() != null) {
            cards.add(new ReportQuality(data, labels).card());
        }
        StringBuilder sections = new StringBuilder();
        for (Card card : cards) {
            sections.append(card.html()).append("\n\n");
        }
        Text title = labels.text("page.title", data.window());
        Text subtitle = subtitle();
        return fill(template(), Map.of(
                "title_en", Html.escape(title.en()),
                "title_ko", Html.escape(title.ko()),
                "subtitle_en", Html.escape(subtitle.en()),
                "subtitle_ko", Html.escape(subtitle.ko()),
                "source_page", Html.escape(SOURCE_PAGES.get(data.catalogue().kind())),
                "snapshot_date", Html.escape(data.snapshotDate().toString()),
                "source", Html.escape(data.source()),
                "sections", sections.toString()));
    }

    /** What the page counts, in a sentence or two: the catalogue and --min-compute. */
    private Text subtitle() {
        Text subtitle = labels.text("page.subtitle." + data.catalogue().kind());
        if (data.catalogue().minCompute() == null) {
            return subtitle;
        }
        Text only = labels.text("page.subtitle.min_compute", Map.of("flop", Text.of(Text.number(data.catalogue().minCompute()))));
        return new Text(subtitle.en() + " " + only.en(), subtitle.ko() + ". " + only.ko());
    }

    /** Replaces every placeholder in one pass, so that a value that looks like a placeholder stays as it is. */
    static String fill(String template, Map<String, String> values) {
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder page = new StringBuilder();
        while (matcher.find()) {
            String value = values.get(matcher.group(1));
            if (value == null) {
                throw new IllegalStateException("report/template.html has an unknown placeholder " + matcher.group());
            }
            matcher.appendReplacement(page, Matcher.quoteReplacement(value));
        }
        return matcher.appendTail(page).toString();
    }

    private static String template() {
        try (InputStream in = ReportPage.class.getClassLoader().getResourceAsStream("report/template.html")) {
            if (in == null) {
                throw new IllegalStateException("Resource report/template.html is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read report/template.html", e);
        }
    }
}
