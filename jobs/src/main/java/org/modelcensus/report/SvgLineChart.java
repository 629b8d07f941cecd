package org.modelcensus.report;

import static org.modelcensus.report.Svg.num;

import java.util.List;

/**
 * A line over categories (years) as inline SVG, with a y axis and the value printed above each point. Each point
 * is a {@code circle.point} and each printed value a {@code text.value}, both with the point's {@code data-key}.
 */
final class SvgLineChart {

    private static final int WIDTH = 520;
    private static final int HEIGHT = 250;

    private SvgLineChart() {
    }

    static String of(String labelledBy, List<Svg.Point> points) {
        double left = 40;
        double top = 24;
        double plotWidth = WIDTH - left - 12;
        double plotHeight = HEIGHT - top - 30;
        double bottom = top + plotHeight;
        Svg.Scale scale = Svg.Scale.forMaximum(points.stream().mapToDouble(Svg.Point::value).max().orElse(0));
        double band = plotWidth / Math.max(1, points.size());

        StringBuilder line = new StringBuilder();
        StringBuilder marks = new StringBuilder();
        for (int i = 0; i < points.size(); i++) {
            Svg.Point point = points.get(i);
            double x = left + band * (i + 0.5);
            double y = bottom - scale.fraction(point.value()) * plotHeight;
            line.append(i == 0 ? "" : " ").append(num(x)).append(',').append(num(y));
            marks.append("<circle class=\"point\"").append(Html.attr("data-key", point.key()))
                    .append(Html.attr("data-value", num(point.value()))).append(" cx=\"").append(num(x)).append("\" cy=\"")
                    .append(num(y)).append("\" r=\"4.5\"><title>").append(Html.escape(point.label().en() + ": " + point.valueText()))
                    .append("</title></circle>")
                    .append("<text class=\"value\"").append(Html.attr("data-key", point.key())).append(" text-anchor=\"middle\" x=\"")
                    .append(num(x)).append("\" y=\"").append(num(y - 11)).append("\">").append(Html.escape(point.valueText()))
                    .append("</text>")
                    .append(Svg.text(point.label(), " class=\"label\" text-anchor=\"middle\"", x, bottom + 18, band))
                    .append('\n');
        }
        StringBuilder svg = new StringBuilder(Svg.open(labelledBy, WIDTH, HEIGHT)).append('\n')
                .append(Svg.yAxis(scale, left, top, plotWidth, plotHeight));
        if (!points.isEmpty()) {
            double firstX = left + band * 0.5;
            double lastX = left + band * (points.size() - 0.5);
            svg.append("<polygon class=\"area\" points=\"").append(num(firstX)).append(',').append(num(bottom)).append(' ')
                    .append(line).append(' ').append(num(lastX)).append(',').append(num(bottom)).append("\"/>\n")
                    .append("<polyline class=\"line\" points=\"").append(line).append("\"/>\n");
        }
        return svg.append(marks).append("</svg>").toString();
    }
}
