package org.modelcensus.report;

/**
 * One block of the page: a table, a figure or the headline numbers, with its title, unit line and note.
 *
 * @param id   the element id, for example {@code table-1} or {@code figure-2}
 * @param unit the line under the title (null for none)
 * @param note the note under the body (null for none)
 * @param wide spans the whole page width rather than half of it
 */
record Card(String id, Text title, Text unit, String body, Text note, boolean wide) {

    String html() {
        StringBuilder html = new StringBuilder("<section").append(Html.attr("class", wide ? "card wide" : "card"))
                .append(Html.attr("id", id)).append(Html.attr("aria-labelledby", id + "-title")).append(">\n")
                .append("<h2").append(Html.attr("id", id + "-title")).append(">").append(title.html()).append("</h2>\n");
        if (unit != null) {
            html.append("<p class=\"unit\">").append(unit.html()).append("</p>\n");
        }
        html.append(body).append('\n');
        if (note != null) {
            html.append("<p class=\"note\">").append(note.html()).append("</p>\n");
        }
        return html.append("</section>").toString();
    }
}
