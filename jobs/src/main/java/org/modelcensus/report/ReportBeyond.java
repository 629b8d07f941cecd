package org.modelcensus.report;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.modelcensus.report.HtmlTable.Cell;

/**
 * The section "Beyond the report": the tables the report does not have (models_over_compute_thresholds,
 * compute_growth and its chart, models_by_accessibility, open_weights_share), each over the window, by country with
 * all countries (WLD) first. The tables are by year; the page shows the window's totals.
 */
final class ReportBeyond {

    /** The country code of all countries together, in the gold tables. */
    static final String ALL_COUNTRIES = "WLD";
    /** The accessibility groups in the page's order, open to closed (conf/reference/accessibility_groups.csv). */
    static final List<String> GROUPS = List.of("open_weights_unrestricted", "open_weights_restricted", "open_weights_noncommercial",
            "api_access", "hosted_access", "unreleased", "unknown");

    private final ReportData data;
    private final Labels labels;

    ReportBeyond(ReportData data, Labels labels) {
        this.data = data;
        this.labels = labels;
    }

    /** The section's title and what it counts. */
    Card introduction() {
        String body = "<p class=\"intro\">" + labels.text("beyond.intro", data.window()).html() + "</p>";
        return new Card("beyond", labels.text("beyond.title", data.window()), null, body, null, true);
    }

    /** models_over_compute_thresholds: one column per threshold, the window's models of each country. */
    Card thresholds() {
        Map<String, Map<String, Long>> byCountry = totals("models_over_compute_thresholds", "threshold_flop");
        HtmlTable table = countryTable();
        List<String> columns = new ArrayList<>();
        for (double threshold : data.thresholds()) {
            String flop = Text.number(threshold);
            columns.add(flop);
            table.column(flop, labels.text("thresholds.column", Map.of("flop", Text.of(flop))), true);
        }
        String lowest = columns.isEmpty() ? "" : columns.get(0);
        for (String code : ordered(byCountry, counts -> counts.getOrDefault(lowest, 0L))) {
            table.row(code, ReportTables.countryHeader(data, code), counts(byCountry.get(code), columns));
        }
        return ReportTables.card("beyond-thresholds", labels.text("thresholds.title", data.window()), labels.text("unit.models"), table,
                labels.text("thresholds.note"), false, labels);
    }

    /** compute_growth: growth per year and doubling time of all countries and of each country with enough models. */
    Card growth() {
        HtmlTable table = countryTable("models", "growth.models", "growth_per_year", "growth.per_year",
                "doubling_months", "growth.doubling");
        for (Cells fit : data.table("compute_growth")) {
            String scope = fit.text("scope");
            table.row(scope, ReportTables.countryHeader(data, scope), List.of(
                    Cell.count("models", fit.count("models")),
                    new Cell("growth_per_year", Html.escape(times(fit.number("growth_per_year"))), "num"),
                    new Cell("doubling_months", Html.escape(decimals(fit.number("doubling_months"), 1)), "num")));
        }
        Text note = labels.text("growth.note", Map.of("n", Text.of(Integer.toString(data.minGrowthModels()))));
        return ReportTables.card("beyond-growth", labels.text("growth.title", data.window()), null, table, note, false, labels);
    }

    /** The window's models with a compute figure (at most ReportRenderer.CHART_POINTS of them) by publication date (log scale), and the line fitted on all. */
    Card growthChart() {
        List<SvgScatterChart.Model> models = new ArrayList<>();
        for (Cells model : data.fittedModels()) {
            LocalDate published = LocalDate.parse(model.text("publication_date"));
            double compute = model.number("training_compute_flop");
            models.add(new SvgScatterChart.Model(model.text("model"), decimalYear(published), Math.log10(compute),
                    model.text("model") + ": " + Text.number(compute) + " FLOP, " + published));
        }
        Cells all = data.table("compute_growth").stream().filter(fit -> ALL_COUNTRIES.equals(fit.text("scope"))).findFirst().orElse(null);
        Double growth = all == null ? null : all.number("growth_per_year");
        boolean sampled = all != null && models.size() < all.count("models");
        Text note = growth == null ? null : labels.text(sampled ? "chart.line.sampled" : "chart.line", Map.of(
                "growth", Text.of(decimals(growth, 2)), "months", Text.of(decimals(all.number("doubling_months"), 1)),
                "n", Text.of(Long.toString(all.count("models"))), "shown", Text.of(Integer.toString(models.size()))));
        String body = models.isEmpty() ? "<p class=\"empty\">" + labels.text("chart.none").html() + "</p>"
                : "<figure class=\"chart\">" + SvgScatterChart.of("beyond-growth-chart-title", data.fromYear(), data.toYear(), models,
                        growth == null ? null : Math.log10(growth)) + "</figure>";
        return new Card("beyond-growth-chart", labels.text("chart.title", data.window()), labels.text("chart.unit"), body, note, false);
    }

    /** models_by_accessibility: one column per group and the total, the window's models of each country. */
    Card accessibility() {
        Map<String, Map<String, Long>> byCountry = totals("models_by_accessibility", "accessibility");
        Set<String> groups = new LinkedHashSet<>(GROUPS);
        byCountry.values().forEach(counts -> groups.addAll(counts.keySet())); // a group the reference file adds
        HtmlTable table = countryTable();
        for (String group : groups) {
            table.column(group, GROUPS.contains(group) ? labels.text("accessibility." + group) : Text.of(group), true);
        }
        table.column("total", labels.text("total"), true);
        for (String code : ordered(byCountry, ReportBeyond::total)) {
            List<Cell> cells = counts(byCountry.get(code), groups);
            cells.add(Cell.count("total", total(byCountry.get(code))).withClass("total"));
            table.row(code, ReportTables.countryHeader(data, code), cells);
        }
        return ReportTables.card("beyond-accessibility", labels.text("accessibility.title", data.window()), labels.text("unit.models"),
                table, labels.text("accessibility.note"), true, labels);
    }

    /** open_weights_share: each country's models, those with open weights and their share. */
    Card openWeights() {
        HtmlTable table = countryTable("models", "open_weights.models", "open_weights_models", "open_weights.open",
                "open_weights_share_pct", "open_weights.share");
        for (Cells country : data.table("open_weights_share")) {
            String code = country.text("country_code");
            Double share = country.number("open_weights_share_pct");
            table.row(code, ReportTables.countryHeader(data, code), List.of(
                    Cell.count("models", country.count("models")),
                    Cell.count("open_weights_models", country.count("open_weights_models")),
                    new Cell("open_weights_share_pct", share == null ? "" : Html.escape(Text.number(share) + "%"), "num")));
        }
        return ReportTables.card("beyond-open-weights", labels.text("open_weights.title", data.window()), labels.text("unit.models"),
                table, labels.text("open_weights.note"), false, labels);
    }

    /** A table of one row per country: the country, then numeric columns given as pairs of key and label key. */
    private HtmlTable countryTable(String... columnsAndLabels) {
        HtmlTable table = new HtmlTable("").column(null, labels.text("beyond.country"), false);
        for (int i = 0; i < columnsAndLabels.length; i += 2) {
            table.column(columnsAndLabels[i], labels.text(columnsAndLabels[i + 1]), true);
        }
        return table;
    }

    /** A count cell per column; 0 where the country has none. */
    private static List<Cell> counts(Map<String, Long> counts, java.util.Collection<String> columns) {
        List<Cell> cells = new ArrayList<>();
        for (String column : columns) {
            cells.add(Cell.count(column, counts.getOrDefault(column, 0L)));
        }
        return cells;
    }

    /** The publication date as the fit takes it: year + (day of year - 1) / days in that year. */
    static double decimalYear(LocalDate date) {
        return date.getYear() + (date.getDayOfYear() - 1) / (double) date.lengthOfYear();
    }

    /** A gold table's models summed over the window's years, by country and by the value of {@code column}. */
    private Map<String, Map<String, Long>> totals(String table, String column) {
        Map<String, Map<String, Long>> byCountry = new LinkedHashMap<>();
        for (Cells row : data.table(table)) {
            Object value = row.values().get(column);
            String key = value instanceof Number number ? Text.number(number.doubleValue()) : String.valueOf(value);
            byCountry.computeIfAbsent(row.text("country_code"), c -> new LinkedHashMap<>()).merge(key, row.count("models"), Long::sum);
        }
        return byCountry;
    }

    /** All countries first, then the countries by the measure, most first, then by code. */
    private static List<String> ordered(Map<String, Map<String, Long>> byCountry, java.util.function.ToLongFunction<Map<String, Long>> measure) {
        List<String> codes = new ArrayList<>(byCountry.keySet());
        codes.sort(Comparator.comparing((String code) -> !code.equals(ALL_COUNTRIES))
                .thenComparingLong(code -> -measure.applyAsLong(byCountry.get(code)))
                .thenComparing(Comparator.naturalOrder()));
        return codes;
    }

    private static long total(Map<String, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    /** A growth factor as the page prints it: ×1.31. */
    private static String times(Double factor) {
        return factor == null ? "–" : "×" + decimals(factor, 2);
    }

    /** A measure rounded for the page (half up); "–" when there is none. */
    static String decimals(Double value, int places) {
        return value == null ? "–" : new java.math.BigDecimal(value).setScale(places, java.math.RoundingMode.HALF_UP).toPlainString();
    }
}
