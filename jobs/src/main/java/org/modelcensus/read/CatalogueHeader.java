package org.modelcensus.read;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.modelcensus.errors.CensusInputException;
import org.modelcensus.reference.ReferenceData.CatalogueField;

/**
 * Finds the catalogue's fields in a header row by name (spec: Input): any order, any known vintage's name,
 * case and surrounding spaces ignored; unknown columns are reported, not read.
 *
 * @param columnCount   columns in the header row
 * @param columnOfField field name to the 0-based column that holds it
 * @param unusedColumns header names the census does not read
 */
public record CatalogueHeader(int columnCount, Map<String, Integer> columnOfField, List<String> fieldNames, List<String> unusedColumns) {

    private static final int MAX_LISTED = 40;

    public static CatalogueHeader resolve(String file, List<String> header, List<CatalogueField> knownFields) {
        Map<String, Integer> columnOfName = new LinkedHashMap<>();
        Map<String, List<Integer>> duplicates = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
            String key = normalize(header.get(i));
            if (key.isEmpty()) {
                continue;
            }
            if (columnOfName.putIfAbsent(key, i) != null) {
                duplicates.computeIfAbsent(key, k -> new ArrayList<>(List.of(columnOfName.get(key) + 1))).add(i + 1);
            }
        }

        Map<String, Integer> columnOfField = new LinkedHashMap<>();
        Set<String> required = new LinkedHashSet<>();
        Map<String, List<String>> namesOfField = new LinkedHashMap<>();
        Set<Integer> used = new LinkedHashSet<>();
        for (CatalogueField known : knownFields) {
            namesOfField.computeIfAbsent(known.field(), f -> new ArrayList<>()).add(known.headerName());
            if (known.required()) {
                required.add(known.field());
            }
            Integer column = columnOfName.get(normalize(known.headerName()));
            if (column != null && !columnOfField.containsKey(known.field())) {
                List<Integer> sameName = duplicates.get(normalize(known.headerName()));
                if (sameName != null) {
                    throw new CensusInputException(file + ": the header names '" + header.get(column).strip() + "' more than once (columns "
                            + sameName + "), so the census cannot tell which holds the "
                            + known.field() + " field. Keep one column of that name.");
                }
                columnOfField.put(known.field(), column);
                used.add(column);
            }
        }

        List<String> missing = required.stream().filter(f -> !columnOfField.containsKey(f))
                .map(f -> f + " (" + String.join(" or ", namesOfField.get(f).stream().map(n -> "'" + n + "'").toList()) + ")")
                .toList();
        if (!missing.isEmpty()) {
            throw new CensusInputException(file + " is not an Epoch AI model catalogue: required field"
                    + (missing.size() > 1 ? "s " : " ") + String.join(", ", missing) + " missing. Header found ("
                    + header.size() + " columns): " + listed(header) + ". Give --input an Epoch catalogue CSV "
                    + "(or add the new header name to conf/reference/catalogue_fields.csv).");
        }

        List<String> unused = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            if (!used.contains(i)) {
                unused.add(header.get(i));
            }
        }
        return new CatalogueHeader(header.size(), columnOfField, new ArrayList<>(namesOfField.keySet()), unused);
    }

    /**
     * The optional fields of conf/reference/catalogue_fields.csv that no column of the header holds, in that file's
     * order: null for every model. Logged, so that a catalogue without training compute, which ranks no model by
     * compute, says why.
     */
    public List<String> absentFields() {
        return fieldNames.stream().filter(field -> !columnOfField.containsKey(field)).toList();
    }

    /** The unused columns for a log line: the first 40 names, then how many more. */
    public String unusedColumnsListed() {
        return listed(unusedColumns);
    }

    private static String normalize(String name) {
        return name == null ? "" : name.replace("\uFEFF", "").strip().toLowerCase(Locale.ROOT);
    }

    private static String listed(List<String> header) {
        String shown = header.stream().limit(MAX_LISTED).map(n -> "'" + abbreviate(n) + "'").collect(Collectors.joining(", "));
        return header.size() > MAX_LISTED ? shown + ", … (" + (header.size() - MAX_LISTED) + " more)" : shown;
    }

    private static String abbreviate(String name) {
        String clean = name == null ? "" : name.replaceAll("\\p{Cntrl}", "?");
        return clean.length() > 60 ? clean.substring(0, 60) + "…" : clean;
    }
}
