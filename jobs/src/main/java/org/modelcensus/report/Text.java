package org.modelcensus.report;

import java.util.Map;

/**
 * A text in English and Korean. The page holds both; its language switch shows one (see template.html).
 * A text that reads the same in both languages (a number, a model name) is written once.
 */
record Text(String en, String ko) {

    /** A text that reads the same in both languages. */
    static Text of(String both) {
        return new Text(both, both);
    }

    /**
     * A number as people read it on the page: figures of a million or more (compute, parameters, dataset size) with 3
     * significant digits (1.8e+25, 3.4e+11), smaller ones (counts, shares) as they are, without a trailing .0. Pages
     * round; the CSV exports do not.
     */
    static String number(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return Double.toString(value);
        }
        if (Math.abs(value) < 1e6) {
            return java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
        }
        java.math.BigDecimal rounded = new java.math.BigDecimal(value).round(new java.math.MathContext(3, java.math.RoundingMode.HALF_EVEN));
        int exponent = rounded.precision() - rounded.scale() - 1;
        java.math.BigDecimal mantissa = rounded.movePointLeft(exponent).stripTrailingZeros();
        return mantissa.toPlainString() + "e+" + String.format("%02d", exponent);
    }

    boolean isBilingual() {
        return !en.equals(ko);
    }

    /** Replaces each {@code {name}} with the parameter's text in the same language. */
    Text with(Map<String, Text> parameters) {
        String english = en;
        String korean = ko;
        for (Map.Entry<String, Text> parameter : parameters.entrySet()) {
            english = english.replace("{" + parameter.getKey() + "}", parameter.getValue().en());
            korean = korean.replace("{" + parameter.getKey() + "}", parameter.getValue().ko());
        }
        return new Text(english, korean);
    }

    /** Escaped HTML: one text, or a span per language. */
    String html() {
        if (!isBilingual()) {
            return Html.escape(en);
        }
        return "<span lang=\"en\" data-lang=\"en\">" + Html.escape(en) + "</span>"
                + "<span lang=\"ko\" data-lang=\"ko\">" + Html.escape(ko) + "</span>";
    }
}
