package org.modelcensus.generate;

import java.time.LocalDate;
import java.time.Year;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.modelcensus.config.CensusOptions;

/**
 * Builds row {@code id} of a synthetic catalogue from a {@link CatalogueProfile}: a pure function of (seed, id),
 * so any executor builds the same row whatever the partitioning and task order.
 *
 * <p>Cells are drawn from donor rows of the profile, so every column keeps its empirical distribution (list
 * lengths, label frequencies, multi-line abstracts, empty cells). Columns that belong together come from the
 * same donor: organization, country and organization category; domain and task; the size figures. Then:
 * <ul>
 *   <li>model: the donor's name plus {@code " #<id>"}, unique;</li>
 *   <li>publication date: the donor's year, a uniformly random valid day of it (a donor date that is not a
 *       valid ISO date is kept as it is, so the like-catalogue's rejection rate carries over);</li>
 *   <li>parameters, training compute, dataset size: the donor's figure times a log-normal factor
 *       (sigma {@value #FIGURE_SIGMA}), 3 significant digits; text that is not a number is kept.</li>
 * </ul>
 */
public final class RowSynthesizer implements RowSource {

    private static final long serialVersionUID = 1L;
    static final double FIGURE_SIGMA = 0.3;

    /** Fields drawn from one donor per row; every other column is drawn on its own. */
    private static final Map<String, String> GROUP_OF_FIELD = Map.of(
            "organization", "organization",
            "country", "organization",
            "organization_category", "organization",
            "domain", "domain",
            "task", "domain",
            "parameters", "figures",
            "training_compute_flop", "figures",
            "training_dataset_size", "figures",
            "training_hardware", "figures",
            "hardware_quantity", "figures");

    private static final Set<String> JITTERED = Set.of("parameters", "training_compute_flop", "training_dataset_size");

    private static final int SALT_DAY = 1_000_001;
    private static final int SALT_FIGURE = 2_000_003;

    private final List<String[]> donors;
    private final int[] groupOfColumn;
    private final int groups;
    private final int modelColumn;
    private final int dateColumn;
    private final boolean[] jittered;
    private final SeededHash random;

    public RowSynthesizer(CatalogueProfile profile, long seed) {
        this.donors = new ArrayList<>(profile.donors());
        this.random = new SeededHash(seed);
        int columns = profile.header().size();
        this.groupOfColumn = new int[columns];
        this.jittered = new boolean[columns];
        Map<String, Integer> groupIds = new LinkedHashMap<>();
        for (int c = 0; c < columns; c++) {
            String field = profile.fieldOfColumn().get(c);
            String group = field != null && GROUP_OF_FIELD.containsKey(field) ? GROUP_OF_FIELD.get(field) : "column " + c;
            groupOfColumn[c] = groupIds.computeIfAbsent(group, g -> groupIds.size());
            jittered[c] = field != null && JITTERED.contains(field);
        }
        this.groups = groupIds.size();
        this.modelColumn = profile.columnOf("model");
        this.dateColumn = profile.columnOf("publication_date");
    }

    /** The cells of row {@code id}, in header order; null for an empty cell. */
    @Override
    public String[] cells(long id) {
        String[][] donorOfGroup = new String[groups][];
        for (int g = 0; g < groups; g++) {
            donorOfGroup[g] = donors.get(random.below(id, g, donors.size()));
        }
        String[] cells = new String[groupOfColumn.length];
        for (int c = 0; c < cells.length; c++) {
            String value = donorOfGroup[groupOfColumn[c]][c];
            if (c == modelColumn) {
                value = (value == null || value.isBlank() ? "Model" : value.strip()) + " #" + id;
            } else if (c == dateColumn) {
                value = randomDayOfYear(value, id);
            } else if (jittered[c]) {
                value = jitter(value, id, c);
            }
            cells[c] = value;
        }
        return cells;
    }

    private String randomDayOfYear(String donorDate, long id) {
        LocalDate date = donorDate == null ? null : CensusOptions.parseIsoDate(donorDate);
        if (date == null) {
            return donorDate;
        }
        int days = Year.of(date.getYear()).length();
        int day = 1 + random.below(id, SALT_DAY, days);
        return LocalDate.ofYearDay(date.getYear(), day).toString();
    }

    private String jitter(String donorFigure, long id, int column) {
        double figure;
        try {
            figure = donorFigure == null ? Double.NaN : Double.parseDouble(donorFigure.strip());
        } catch (NumberFormatException e) {
            return donorFigure;
        }
        if (!Double.isFinite(figure) || figure <= 0) {
            return donorFigure;
        }
        double gaussian = random.gaussian(id, SALT_FIGURE + 2 * column);
        return String.format(Locale.ROOT, "%.3g", figure * Math.exp(FIGURE_SIGMA * gaussian));
    }
}
