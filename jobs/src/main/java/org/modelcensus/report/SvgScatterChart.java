package org.modelcensus.report;

import static org.modelcensus.report.Svg.num;

import java.util.List;

/**
 * Models as points of training compute (log scale) against publication date, with a fitted line, as inline SVG.
 * Each model is a {@code circle.model} with its {@code data-key} (the model) and its coordinates as data: data-year
 * (the decimal year) and data-log10 (log10 of its compute); the line is a {@code line.fit} with its ends as data
 * (data-x1, data-y1, data-x2, data-y2 in years and log10 FLOP), so that readers and tests can check what is drawn.
 */
final class SvgScatterChart {

    private static final int WIDTH = 520;
    private static final int HEIGHT = 300;
    private static final double LEFT = 52;
    private static final double TOP = 14;
    private static final double RIGHT = 12;
    private static final double BOTTOM = 30;

    /** One model: its name, publication date as a decimal year, log10 of its compute, and its tooltip. */
    record Model(String key, double year, double log10Compute, String title) {
    }

    private SvgScatterChart() {
    }

    /**
     * The chart of the window {@code fromYear}..{@code toYear}.
     *
     * @param slope the fitted line's slope in log10 FLOP a year, drawn through the models' centroid (a least-squares
     *              line passes through it); null for no line
     */
    static String of(String labelledBy, int fromYear, int toYear, List<Model> models, Double slope) {
        double plotWidth = WIDTH - LEFT - RIGHT;
        double plotHeight = HEIGHT - TOP - BOTTOM;
        double low = Math.floor(models.stream().mapToDouble(Model::log10Compute).min().orElse(22));
        double high = Math.max(low + 1, Math.ceil(models.stream().mapToDouble(Model::log10Compute).max().orElse(low + 1)));
        Axes axes = new Axes(fromYear, toYear + 1, low, high, plotWidth, plotHeight);

        StringBuilder svg = new StringBuilder(Svg.open(labelledBy, WIDTH, HEIGHT)).append('\n');
        int step = (int) Math.ceil((high - low) / 8);
        for (double decade = low; decade <= high; decade += step) {
            double y = axes.y(decade);
            svg.append("<line class=\"").append(decade == low ? "baseline" : "grid").append("\" x1=\"").append(num(LEFT))
                    .append("\" x2=\"").append(num(LEFT + plotWidth)).append("\" y1=\"").append(num(y)).append("\" y2=\"").append(num(y))
                    .append("\"/><text class=\"tick\" x=\"").append(num(LEFT - 6)).append("\" y=\"").append(num(y + 4))
                    .append("\" text-anchor=\"end\">").append(Html.escape(Text.number(Math.pow(10, decade)))).append("</text>\n");
        }
        for (int year = fromYear; year <= toYear; year++) {
            double x = axes.x(year);
            svg.append("<line class=\"grid\" x1=\"").append(num(x)).append("\" x2=\"").append(num(x)).append("\" y1=\"").append(num(TOP))
                    .append("\" y2=\"").append(num(TOP + plotHeight)).append("\"/>")
                    .append(Svg.text(Text.of(Integer.toString(year)), " class=\"label\" text-anchor=\"middle\"", axes.x(year + 0.5),
                            TOP + plotHeight + 18, axes.x(year + 1) - x))
                    .append('\n');
        }
        for (Model model : models) {
            svg.append("<circle class=\"model\"").append(Html.attr("data-key", model.key()))
                    .append(Html.attr("data-year", Double.toString(model.year())))
                    .append(Html.attr("data-log10", Double.toString(model.log10Compute())))
                    .append(" cx=\"").append(num(axes.x(model.year()))).append("\" cy=\"").append(num(axes.y(model.log10Compute())))
                    .append("\" r=\"3.5\"><title>").append(Html.escape(model.title())).append("</title></circle>\n");
        }
        if (slope != null && models.size() >= 2) {
            svg.append(line(models, slope, axes));
        }
        return svg.append("</svg>").toString();
    }

    /** The line through the models' centroid with the slope, cut to the plot area. */
    private static String line(List<Model> models, double slope, Axes axes) {
        double meanYear = models.stream().mapToDouble(Model::year).average().orElseThrow();
        double meanLog = models.stream().mapToDouble(Model::log10Compute).average().orElseThrow();
        double start = axes.firstYear();
        double end = axes.lastYear();
        if (slope != 0) {
            double atLow = meanYear + (axes.low() - meanLog) / slope;
            double atHigh = meanYear + (axes.high() - meanLog) / slope;
            start = Math.max(start, Math.min(atLow, atHigh));
            end = Math.min(end, Math.max(atLow, atHigh));
        }
        if (start >= end) {
            return "";
        }
        double startLog = meanLog + slope * (start - meanYear);
        double endLog = meanLog + slope * (end - meanYear);
        return "<line class=\"fit\"" + Html.attr("data-x1", Double.toString(start)) + Html.attr("data-y1", Double.toString(startLog))
                + Html.attr("data-x2", Double.toString(end)) + Html.attr("data-y2", Double.toString(endLog))
                + " x1=\"" + num(axes.x(start)) + "\" y1=\"" + num(axes.y(startLog)) + "\" x2=\"" + num(axes.x(end))
                + "\" y2=\"" + num(axes.y(endLog)) + "\"/>\n";
    }

    /** Years from {@code firstYear} to {@code lastYear} across the plot, decades of FLOP from {@code low} to {@code high} up it. */
    private record Axes(double firstYear, double lastYear, double low, double high, double width, double height) {

        double x(double year) {
            return LEFT + (year - firstYear) / (lastYear - firstYear) * width;
        }

        double y(double log10Compute) {
            return TOP + height - (log10Compute - low) / (high - low) * height;
        }
    }
}
