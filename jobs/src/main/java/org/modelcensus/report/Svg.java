package org.modelcensus.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** What the charts share: the SVG element, bilingual text, text width estimates and a y axis with round ticks. */
final class Svg {

    static final int FONT_PX = 12;

    private Svg() {
    }

    /** One data point of a chart: key (data-key), label, value and the text printed at the bar or point. */
    record Point(String key, Text label, double value, String valueText) {

        static Point count(String key, Text label, long value) {
            return new Point(key, label, value, Long.toString(value));
        }
    }

    /** A linear scale from 0 to a round maximum, with ticks at round steps (1, 2 or 5 times a power of ten). */
    record Scale(double max, double step) {

        static Scale forMaximum(double dataMax) {
            if (dataMax <= 0) {
                return new Scale(1, 1);
            }
            double rough = dataMax / 6;
            double magnitude = Math.pow(10, Math.floor(Math.log10(rough)));
            double step = magnitude;
            for (double factor : new double[] {1, 2, 5, 10}) {
                step = factor * magnitude;
                if (step >= rough) {
                    break;
                }
            }
            step = Math.max(step, 1); // counts: no fractional ticks
            return new Scale(Math.ceil(dataMax / step) * step, step);
        }

        double fraction(double value) {
            return value / max;
        }

        List<Double> ticks() {
            List<Double> ticks = new ArrayList<>();
            for (double tick = 0; tick <= max + step / 1000; tick += step) {
                ticks.add(tick);
            }
            return ticks;
        }
    }

    /** The opening tag: scales with its container; the figure's caption names it. */
    static String open(String labelledBy, int width, int height) {
        return "<svg class=\"chart\" viewBox=\"0 0 " + width + " " + height + "\" role=\"img\""
                + Html.attr("aria-labelledby", labelledBy) + ">";
    }

    /** Horizontal grid lines with their values at the left of a plot area. */
    static String yAxis(Scale scale, double left, double top, double width, double height) {
        StringBuilder axis = new StringBuilder();
        for (double tick : scale.ticks()) {
            double y = top + height - scale.fraction(tick) * height;
            axis.append("<line class=\"").append(tick == 0 ? "baseline" : "grid").append("\" x1=\"").append(num(left))
                    .append("\" x2=\"").append(num(left + width)).append("\" y1=\"").append(num(y)).append("\" y2=\"")
                    .append(num(y)).append("\"/>")
                    .append("<text class=\"tick\" x=\"").append(num(left - 8)).append("\" y=\"").append(num(y + 4))
                    .append("\" text-anchor=\"end\">").append(Html.escape(num(tick))).append("</text>\n");
        }
        return axis.toString();
    }

    /**
     * A text element per language (one when both read the same); {@code attributes} are written as they are
     * (they must be escaped). Each language's text may span lines, given by {@link #wrap}.
     */
    static String text(Text text, String attributes, double x, double y, double maxWidth) {
        if (!text.isBilingual()) {
            return textElement(text.en(), null, attributes, x, y, maxWidth);
        }
        return textElement(text.en(), "en", attributes, x, y, maxWidth) + textElement(text.ko(), "ko", attributes, x, y, maxWidth);
    }

    private static String textElement(String content, String lang, String attributes, double x, double y, double maxWidth) {
        List<String> lines = wrap(content, maxWidth);
        StringBuilder element = new StringBuilder("<text").append(attributes)
                .append(" x=\"").append(num(x)).append("\" y=\"").append(num(y - (lines.size() - 1) * FONT_PX * 0.6)).append('"');
        if (lang != null) {
            element.append(" lang=\"").append(lang).append("\" data-lang=\"").append(lang).append('"');
        }
        element.append('>');
        if (lines.size() == 1) {
            element.append(Html.escape(lines.get(0)));
        } else {
            for (int i = 0; i < lines.size(); i++) {
                element.append("<tspan x=\"").append(num(x)).append("\" dy=\"").append(i == 0 ? "0" : "1.2em").append("\">")
                        .append(Html.escape(lines.get(i))).append("</tspan>");
            }
        }
        return element.append("</text>").toString();
    }

    /** The text in at most two lines of about {@code maxWidth} pixels, broken between words; "…" when cut. */
    static List<String> wrap(String text, double maxWidth) {
        if (width(text) <= maxWidth) {
            return List.of(text);
        }
        String[] words = text.split(" ");
        StringBuilder first = new StringBuilder(words[0]);
        int next = 1;
        while (next < words.length && width(first + " " + words[next]) <= maxWidth) {
            first.append(' ').append(words[next++]);
        }
        if (next == words.length) {
            return List.of(cut(first.toString(), maxWidth));
        }
        String rest = String.join(" ", java.util.Arrays.copyOfRange(words, next, words.length));
        return List.of(cut(first.toString(), maxWidth), cut(rest, maxWidth));
    }

    private static String cut(String line, double maxWidth) {
        if (width(line) <= maxWidth) {
            return line;
        }
        String shorter = line;
        while (shorter.length() > 1 && width(shorter + "…") > maxWidth) {
            shorter = shorter.substring(0, shorter.length() - 1);
        }
        return shorter.strip() + "…";
    }

    /** The width of the text in pixels at {@link #FONT_PX}, estimated (the page does not measure text). */
    static double width(String text) {
        double ems = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x1100 && (c <= 0x11FF || c >= 0x2E80)) {
                ems += 1.0; // Hangul and CJK: full width
            } else if (c == ' ' || c == '.' || c == ',' || c == ':' || c == 'i' || c == 'l' || c == 'I' || c == '(' || c == ')') {
                ems += 0.3;
            } else if (Character.isUpperCase(c) || c == 'm' || c == 'w') {
                ems += 0.7;
            } else {
                ems += 0.56;
            }
        }
        return ems * FONT_PX;
    }

    /** A coordinate or tick value: an integer when whole, else one decimal. */
    static String num(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.1f", value);
    }
}
