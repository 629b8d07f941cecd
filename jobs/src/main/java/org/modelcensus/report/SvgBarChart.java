package org.modelcensus.report;

import static org.modelcensus.report.Svg.num;

import java.util.List;

/**
 * Bar charts as inline SVG: columns over categories (years) with a y axis, or horizontal bars with their labels
 * at the left (organizations). Each bar is a {@code rect.bar} and each printed value a {@code text.value}, both
 * with the point's {@code data-key}; the bar also carries {@code data-value}.
 */
final class SvgBarChart {

    private static final int WIDTH = 520;

    private SvgBarChart() {
    }

    /** Columns, one per point, left to right. */
    static String columns(String labelledBy, List<Svg.Point> points) {
        int height = 250;
        double left = 40;
        double top = 24;
        double plotWidth = WIDTH - left - 12;
        double plotHeight = height - top - 30;
        Svg.Scale scale = Svg.Scale.forMaximum(points.stream().mapToDouble(Svg.Point::value).max().orElse(0));
        double band = plotWidth / Math.max(1, points.size());
        double barWidth = Math.min(64, band * 0.58);

        StringBuilder svg = new StringBuilder(Svg.open(labelledBy, WIDTH, height)).append('\n')
                .append(Svg.yAxis(scale, left, top, plotWidth, plotHeight));
        for (int i = 0; i < points.size(); i++) {
            Svg.Point point = points.get(i);
            double center = left + band * (i + 0.5);
            double barHeight = scale.fraction(point.value()) * plotHeight;
            double y = top + plotHeight - barHeight;
            svg.append(bar(point, center - barWidth / 2, y, barWidth, barHeight))
                    .append(value(point, " text-anchor=\"middle\"", center, y - 6))
                    .append(Svg.text(point.label(), " class=\"label\" text-anchor=\"middle\"", center, top + plotHeight + 18, band))
                    .append('\n');
        }
        return svg.append("</svg>").toString();
    }

    /** Horizontal bars, one row per point, top to bottom, with the labels at the left. */
    static String rows(String labelledBy, List<Svg.Point> points) {
        double labelWidth = 0;
        boolean twoLines = false;
        for (Svg.Point point : points) {
            for (String label : List.of(point.label().en(), point.label().ko())) {
                List<String> lines = Svg.wrap(label, 190);
                twoLines |= lines.size() > 1;
                labelWidth = Math.max(labelWidth, lines.stream().mapToDouble(Svg::width).max().orElse(0));
            }
        }
        // values are bold: wider than the estimate
        double valueWidth = points.stream().mapToDouble(p -> Svg.width(p.valueText())).max().orElse(0) * 1.15 + 14;
        double rowHeight = twoLines ? 32 : 26;
        double barThickness = 16;
        double left = Math.ceil(labelWidth) + 12;
        double plotWidth = WIDTH - left - valueWidth;
        int height = (int) Math.ceil(points.size() * rowHeight + 8);
        double max = points.stream().mapToDouble(Svg.Point::value).max().orElse(0);

        StringBuilder svg = new StringBuilder(Svg.open(labelledBy, WIDTH, height)).append('\n');
        svg.append("<line class=\"baseline\" x1=\"").append(num(left)).append("\" x2=\"").append(num(left))
                .append("\" y1=\"0\" y2=\"").append(height).append("\"/>\n");
        for (int i = 0; i < points.size(); i++) {
            Svg.Point point = points.get(i);
            double middle = 4 + rowHeight * (i + 0.5);
            double barLength = max <= 0 ? 0 : point.value() / max * plotWidth;
            svg.append(Svg.text(point.label(), " class=\"label\" text-anchor=\"end\"", left - 8, middle + 4, 190))
                    .append(bar(point, left, middle - barThickness / 2, barLength, barThickness))
                    .append(value(point, "", left + barLength + 6, middle + 4))
                    .append('\n');
        }
        return svg.append("</svg>").toString();
    }

    private static String bar(Svg.Point point, double x, double y, double width, double height) {
        return "<rect class=\"bar\"" + Html.attr("data-key", point.key()) + Html.attr("data-value", Svg.num(point.value()))
                + " x=\"" + num(x) + "\" y=\"" + num(y) + "\" width=\"" + num(width) + "\" height=\"" + num(height)
                + "\" rx=\"2\"><title>" + Html.escape(point.label().en() + ": " + point.valueText()) + "</title></rect>";
    }

    private static String value(Svg.Point point, String attributes, double x, double y) {
        return "<text class=\"value\"" + Html.attr("data-key", point.key()) + attributes + " x=\"" + num(x) + "\" y=\"" + num(y)
                + "\">" + Html.escape(point.valueText()) + "</text>";
    }
}
