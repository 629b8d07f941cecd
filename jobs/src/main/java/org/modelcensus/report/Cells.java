package org.modelcensus.report;

import java.util.List;
import java.util.Map;

/**
 * One row of a table collected to the driver: its values by column name. Numbers stay numbers, lists are
 * {@code List<String>}, dates and everything else are text (see {@link ReportRenderer#collect}).
 */
record Cells(Map<String, Object> values) {

    /** The value as text; null when the cell is null or the column is absent. */
    String text(String column) {
        Object value = values.get(column);
        return value == null ? null : value.toString();
    }

    /** A count; 0 when null. */
    long count(String column) {
        Object value = values.get(column);
        return value instanceof Number number ? number.longValue() : 0L;
    }

    /** A measure; null when null or not a number. */
    Double number(String column) {
        Object value = values.get(column);
        return value instanceof Number number ? number.doubleValue() : null;
    }

    int year(String column) {
        return (int) count(column);
    }

    boolean flag(String column) {
        return Boolean.TRUE.equals(values.get(column));
    }

    /** A list column; empty when null. */
    @SuppressWarnings("unchecked")
    List<String> list(String column) {
        Object value = values.get(column);
        return value instanceof List<?> list ? (List<String>) list : List.of();
    }
}
