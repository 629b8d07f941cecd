package org.modelcensus.generate;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.Year;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

import org.modelcensus.errors.CensusInputException;
import org.modelcensus.transform.CensusFunctions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a synthetic hardware list in the layout of Epoch AI's ML hardware data set (scripts/generate.sh --hardware N):
 * the same 31 columns in the same order, one CSV file. Its first rows are the training-hardware names of the
 * like-catalogue, which the synthetic catalogue draws its {@code Training hardware} cells from, so a join of the two
 * matches; the rest are synthetic chips ("NVIDIA Synthetic GPU 000123"). The {@code unlisted} least-used catalogue
 * names (fewest donor rows, then by name) are left out on purpose, so the enrichment's report of unmatched hardware
 * has something to show.
 *
 * <p>A list of 10^4 chips is about 2 MB: the driver writes it, as one file like Epoch's, without Spark.
 */
public final class HardwareListGenerator {

    private static final Logger LOG = LoggerFactory.getLogger(HardwareListGenerator.class);

    /** Epoch AI's ML hardware header (the 2025-07 vintage), in its order. */
    public static final List<String> HEADER = List.of(
            "Hardware name", "Manufacturer", "Type", "Release date", "Release price (USD)",
            "FP64 (double precision) performance (FLOP/s)", "FP32 (single precision) performance (FLOP/s)",
            "FP16 (half precision) performance (FLOP/s)", "TF32 (TensorFloat-32) performance (FLOP/s)",
            "Tensor-FP16/BF16 performance (FLOP/s)", "INT16 performance (OP/s)", "INT8 performance (OP/s)",
            "INT4 performance (OP/s)", "Memory size per board (Byte)", "Memory bandwidth (byte/s)",
            "Intranode bandwidth (byte/s)", "Internode bandwidth (bit/s)", "Die Size (mm^2)", "TDP (W)",
            "Base clock (MHz)", "Boost clock (MHz)", "Memory clock (MHz)", "Memory bus (bit)", "Tensor cores",
            "Process size (nm)", "Foundry", "Number of transistors (millions)", "Link to datasheet",
            "Source for the price", "ML models", "Last modified");

    /** Default catalogue names left out of the list. */
    public static final int DEFAULT_UNLISTED = 2;

    /** Makers of the synthetic chips, roughly as often as in Epoch's list. */
    private static final List<String> MANUFACTURERS = List.of(
            "NVIDIA", "NVIDIA", "NVIDIA", "NVIDIA", "NVIDIA", "Huawei", "Google", "AMD", "Intel", "Cambricon",
            "Kunlunxin Baidu", "Amazon AWS");
    private static final List<String> FOUNDRIES = List.of("TSMC", "TSMC", "TSMC", "Samsung", "SMIC");
    private static final int FIRST_YEAR = 2014;
    private static final int YEARS = 12;

    private static final int SALT_MANUFACTURER = 4_000_037;
    private static final int SALT_DAY = 4_000_039;
    private static final int SALT_YEAR = 4_000_041;
    private static final int SALT_PEAK = 4_000_043;   // and the next salt
    private static final int SALT_PRESENT = 4_000_051; // one salt per precision column, up to SALT_PRESENT + 5
    private static final int SALT_RATIO = 4_000_061;   // one salt per derived figure, up to SALT_RATIO + 9

    /** The validated command line of a hardware list. */
    public record Settings(int chips, long seed, String out, String like, int unlisted, boolean overwrite) {
    }

    /** The chips' rows (header order) and the catalogue names left out. */
    public record HardwareList(List<String[]> rows, List<String> catalogueNames, List<String> unlistedNames) {
    }

    /**
     * The catalogue's training-hardware names (the census's list rule) by how many donor rows name them; the
     * {@code unlisted} least used are left out of the list.
     */
    public static HardwareList build(CatalogueProfile profile, int chips, long seed, int unlisted) {
        int column = profile.columnOf("training_hardware");
        if (column < 0) {
            throw new CensusInputException("The like-catalogue " + profile.source()
                    + " has no Training hardware column: give --like a catalogue with one.");
        }
        Map<String, Integer> donorRows = new HashMap<>();
        for (String[] donor : profile.donors()) {
            for (String name : CensusFunctions.splitList(donor[column])) {
                donorRows.merge(name, 1, Integer::sum);
            }
        }
        List<String> byUse = donorRows.keySet().stream()
                .sorted(Comparator.<String>comparingInt(donorRows::get).thenComparing(Comparator.naturalOrder()))
                .toList();
        if (unlisted < 0 || unlisted > byUse.size()) {
            throw new CensusInputException("--unlisted-hardware " + unlisted + " must be between 0 and " + byUse.size()
                    + ", the training-hardware names of " + profile.source() + ".");
        }
        List<String> unlistedNames = byUse.subList(0, unlisted);
        List<String> listed = new ArrayList<>(new TreeSet<>(byUse.subList(unlisted, byUse.size())));
        if (chips < listed.size()) {
            throw new CensusInputException("--hardware " + chips + " is too few: the list needs at least " + listed.size()
                    + " chips, the training-hardware names of " + profile.source() + " less the unlisted.");
        }
        SeededHash random = new SeededHash(seed);
        int digits = String.valueOf(chips).length();
        List<String[]> rows = new ArrayList<>(chips);
        for (int i = 0; i < chips; i++) {
            String name;
            String manufacturer;
            if (i < listed.size()) {
                name = listed.get(i);
                manufacturer = manufacturerOf(name);
            } else {
                manufacturer = MANUFACTURERS.get(random.below(i, SALT_MANUFACTURER, MANUFACTURERS.size()));
                name = String.format(Locale.ROOT, "%s Synthetic %s %0" + digits + "d", manufacturer, typeOf(manufacturer, ""), i);
            }
            rows.add(chip(random, i, name, manufacturer));
        }
        return new HardwareList(rows, byUse, unlistedNames);
    }

    public static HardwareList write(Settings settings, CatalogueProfile profile) {
        Path out = Path.of(settings.out());
        HardwareList list = build(profile, settings.chips(), settings.seed(), settings.unlisted());
        try {
            if (out.getParent() != null) {
                Files.createDirectories(out.getParent());
            }
            if (Files.isDirectory(out)) {
                throw new CensusInputException("--out " + out + " is a folder: the hardware list is one CSV file; give a file name.");
            }
            try (BufferedWriter writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
                writer.write(csvLine(HEADER.toArray(String[]::new)));
                for (String[] row : list.rows()) {
                    writer.write(csvLine(row));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the hardware list " + out, e);
        }
        LOG.info("hardware list of {} chips (seed {}, like {}): {}", settings.chips(), settings.seed(), profile.source(), out);
        System.out.println("generated " + settings.chips() + " chips: " + out + " (" + (list.catalogueNames().size()
                - list.unlistedNames().size()) + " training-hardware names of the like-catalogue, "
                + (settings.chips() - list.catalogueNames().size() + list.unlistedNames().size()) + " synthetic)");
        System.out.println("left out on purpose (unmatched in an enrichment): "
                + (list.unlistedNames().isEmpty() ? "none" : String.join("; ", list.unlistedNames())));
        return list;
    }

    /** One chip: the precisions Epoch lists are present or empty at random, as in the real file. */
    private static String[] chip(SeededHash random, long i, String name, String manufacturer) {
        String[] cells = new String[HEADER.size()];
        int year = FIRST_YEAR + random.below(i, SALT_YEAR, YEARS);
        LocalDate released = LocalDate.ofYearDay(year, 1 + random.below(i, SALT_DAY, Year.of(year).length()));
        // peak dense tensor FLOP/s: about 10^13 in 2014, growing ~1.5x a year (10^15 for a 2025 chip)
        double tensor = Math.pow(10, 13 + 0.17 * (year - FIRST_YEAR) + 0.25 * random.gaussian(i, SALT_PEAK));
        double fp32 = tensor / (6 + 10 * random.uniform(i, SALT_RATIO));
        boolean hasTensor = present(random, i, 0, 0.85);
        set(cells, "Hardware name", name);
        set(cells, "Manufacturer", manufacturer);
        set(cells, "Type", typeOf(manufacturer, name));
        set(cells, "Release date", released.toString());
        if (hasTensor) {
            set(cells, "Tensor-FP16/BF16 performance (FLOP/s)", figure(tensor));
            if (present(random, i, 1, 0.5)) {
                set(cells, "TF32 (TensorFloat-32) performance (FLOP/s)", figure(tensor / 2));
            }
            if (present(random, i, 2, 0.5)) {
                set(cells, "INT8 performance (OP/s)", figure(tensor * 2));
            }
        }
        // a chip without tensor figures always has FP32, so every chip has a peak at some precision
        if (!hasTensor || present(random, i, 3, 0.85)) {
            set(cells, "FP32 (single precision) performance (FLOP/s)", figure(fp32));
        }
        if (present(random, i, 4, 0.6)) {
            set(cells, "FP16 (half precision) performance (FLOP/s)", figure(fp32 * (1 << random.below(i, SALT_RATIO + 1, 3))));
        }
        if (present(random, i, 5, 0.6)) {
            set(cells, "FP64 (double precision) performance (FLOP/s)", figure(fp32 / (random.uniform(i, SALT_RATIO + 2) < 0.5 ? 2 : 32)));
        }
        if (random.uniform(i, SALT_RATIO + 3) < 0.3) {
            set(cells, "Release price (USD)", figure(1_000 * Math.pow(10, 1.5 * random.uniform(i, SALT_RATIO + 4))));
        }
        set(cells, "Memory size per board (Byte)", figure(8e9 * (1 << random.below(i, SALT_RATIO + 5, 5))));
        // about 1 byte of memory bandwidth per 300 FLOP, as for an H100
        set(cells, "Memory bandwidth (byte/s)", figure(tensor / (100 + 400 * random.uniform(i, SALT_RATIO + 6))));
        set(cells, "TDP (W)", figure(150 + 50 * random.below(i, SALT_RATIO + 7, 18)));
        set(cells, "Process size (nm)", figure(28 - 2 * (year - FIRST_YEAR)));
        set(cells, "Foundry", FOUNDRIES.get(random.below(i, SALT_RATIO + 8, FOUNDRIES.size())));
        set(cells, "Last modified", String.format(Locale.ROOT, "2025-06-%02d %02d:%02d:%02d+00:00",
                1 + random.below(i, SALT_RATIO + 9, 30), random.below(i, SALT_DAY + 1, 24),
                random.below(i, SALT_DAY + 2, 60), random.below(i, SALT_DAY + 3, 60)));
        return cells;
    }

    private static boolean present(SeededHash random, long i, int precision, double probability) {
        return random.uniform(i, SALT_PRESENT + precision) < probability;
    }

    private static void set(String[] cells, String column, String value) {
        cells[HEADER.indexOf(column)] = value;
    }

    /** As Epoch writes figures: 4 significant digits, plain, with ".0" (989400000000000.0). */
    static String figure(double value) {
        return new BigDecimal(value).round(new MathContext(4, RoundingMode.HALF_EVEN)).setScale(1, RoundingMode.HALF_EVEN).toPlainString();
    }

    private static String manufacturerOf(String name) {
        String first = name.strip().split("\\s+")[0];
        return first.isEmpty() ? "Unknown" : first;
    }

    private static String typeOf(String manufacturer, String name) {
        return manufacturer.equals("Google") || name.contains("TPU") ? "TPU" : "GPU";
    }

    /** RFC 4180: a cell with a comma, quote or line break is quoted, quotes doubled; an empty cell is empty. */
    private static String csvLine(String[] cells) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < cells.length; c++) {
            if (c > 0) {
                line.append(',');
            }
            String cell = cells[c];
            if (cell == null) {
                continue;
            }
            if (cell.contains(",") || cell.contains("\"") || cell.contains("\n") || cell.contains("\r")) {
                line.append('"').append(cell.replace("\"", "\"\"")).append('"');
            } else {
                line.append(cell);
            }
        }
        return line.append('\n').toString();
    }
}
