package org.modelcensus.report;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Everything the page shows, collected from Spark: the gold tables by name, the run's settings that name
 * them, the country names of the reference data and the data-quality checks (null when the run has none).
 *
 * @param source       the input catalogue's file name
 * @param focusModels  the rows of focus_country_models, of which {@code gold} holds the first (ReportRenderer.LISTED_MODELS)
 * @param countryNames English and Korean country names by country code
 * @param catalogue    what was counted: the catalogue's kind (large_scale, notable, all) and --min-compute (null: none)
 * @param thresholds   the compute thresholds of conf/reference/compute_thresholds.csv, ascending
 * @param fittedModels the window's models with a positive compute figure (model, publication_date,
 *                     training_compute_flop): the points of the compute growth chart
 * @param minGrowthModels --min-growth-models: the fewest fitted models of a country's compute growth
 */
record ReportData(LocalDate snapshotDate, String source, int fromYear, int toYear, String focusCountry, int topYear,
                  int minOrgModels, Map<String, List<Cells>> gold, long focusModels, Map<String, Text> countryNames, List<Cells> dataQuality,
                  Counted catalogue, List<Double> thresholds, List<Cells> fittedModels, int minGrowthModels) {

    /** What the run counted: the models of a kind of catalogue, those of at least {@code minCompute} FLOP when not null. */
    record Counted(String kind, Double minCompute) {
    }

    /** The rows of a gold table; none when the run did not produce it. */
    List<Cells> table(String name) {
        return gold.getOrDefault(name, List.of());
    }

    /** The release years of the window, in order. */
    List<Integer> years() {
        return IntStream.rangeClosed(fromYear, toYear).boxed().toList();
    }

    /** The country's names; its code in both languages when the reference data does not know it. */
    Text country(String code) {
        return countryNames.getOrDefault(code, Text.of(code));
    }

    /** The window's years as parameters of the page text: {from} and {to}. */
    Map<String, Text> window() {
        return Map.of("from", Text.of(Integer.toString(fromYear)), "to", Text.of(Integer.toString(toYear)));
    }
}
