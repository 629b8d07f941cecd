package org.modelcensus.report;

/** Escaping for HTML and SVG text and attribute values: every text of the report goes through here. */
final class Html {

    private Html() {
    }

    /** The text with {@code & < > " '} replaced by entities; null becomes the empty text. */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** {@code name="value"} with the value escaped, led by a space. */
    static String attr(String name, String value) {
        return " " + name + "=\"" + escape(value) + "\"";
    }
}
