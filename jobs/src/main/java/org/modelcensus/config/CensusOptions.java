package org.modelcensus.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import org.modelcensus.errors.CensusInputException;
import org.modelcensus.read.CatalogueInput;

import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options of the census (the {@code census} command). Every option can also be set in a properties file
 * (default conf/census.properties, keys are the option names without dashes); the command line wins.
 */
public final class CensusOptions {

    public static final String DEFAULT_CONFIG_FILE = "conf/census.properties";
    private static final DateTimeFormatter ISO_DATE =
            DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT);

    @Option(names = "--config", paramLabel = "FILE",
            description = "Properties file with defaults for these options (default: " + DEFAULT_CONFIG_FILE + " if present).")
    String config;

    @Option(names = "--input", paramLabel = "PATH", description = "The catalogue: a CSV file, a folder of CSV parts, Parquet or a Delta table (any Hadoop path).")
    String input;

    @Option(names = "--input-format", paramLabel = "auto|csv|parquet|delta", defaultValue = "auto",
            description = "Format of the catalogue (default: ${DEFAULT-VALUE}: Delta for a folder with _delta_log, Parquet for *.parquet, else CSV).")
    String inputFormat;

    @Mixin
    WarehouseOptions job = new WarehouseOptions();

    @Mixin
    SqlSourceOptions sources = new SqlSourceOptions();

    @Option(names = "--format", paramLabel = "delta|parquet", defaultValue = "delta",
            description = "Table format (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--snapshot-date", paramLabel = "YYYY-MM-DD",
            description = "Snapshot the tables are filed under (default: the first date in the input file name, else its modification date).")
    String snapshotDate;

    @Option(names = "--from", paramLabel = "YEAR", defaultValue = "2020", description = "First release year of the window (default: ${DEFAULT-VALUE}).")
    int fromYear;

    @Option(names = "--to", paramLabel = "YEAR", defaultValue = "2023", description = "Last release year of the window (default: ${DEFAULT-VALUE}).")
    int toYear;

    @Option(names = "--focus-country", paramLabel = "ISO3", defaultValue = "KOR",
            description = "Country listed model by model in focus_country_models (default: ${DEFAULT-VALUE}).")
    String focusCountry;

    @Option(names = "--top-year", paramLabel = "YEAR", description = "Year ranked in top_models_by_compute (default: --to + 1).")
    Integer topYear;

    @Option(names = "--top-n", paramLabel = "N", defaultValue = "4", description = "Models ranked in top_models_by_compute (default: ${DEFAULT-VALUE}).")
    int topN;

    @Option(names = "--min-org-models", paramLabel = "N", defaultValue = "3",
            description = "Fewest models for an organization group in top_organizations (default: ${DEFAULT-VALUE}).")
    int minOrgModels;

    @Option(names = "--max-reject-share", paramLabel = "SHARE", defaultValue = "0.05",
            description = "Largest share (0..1) of rejected records before the quality gate stops the run with exit code 3 (default: ${DEFAULT-VALUE}).")
    double maxRejectShare;

    @Option(names = "--export-csv", paramLabel = "DIR", description = "Also write each breakdown table as DIR/<table>.csv.")
    String exportCsv;

    @Option(names = "--min-compute", paramLabel = "FLOP",
            description = "Count only the models trained with at least FLOP (for example 1e23); the others, and models without a "
                    + "compute figure, are left out of every table and counted in census_runs (default: every model).")
    String minCompute;

    @Option(names = "--min-growth-models", paramLabel = "N", defaultValue = "10",
            description = "Fewest models with a compute figure for a country's row of compute_growth (default: ${DEFAULT-VALUE}).")
    int minGrowthModels;

    @Option(names = "--report-dir", paramLabel = "DIR", defaultValue = "report",
            description = "Local folder of the HTML report, written as DIR/<snapshot-date>/index.html (default: ${DEFAULT-VALUE}).")
    String reportDir;

    @Option(names = "--force", description = "Recompute even when the input's bytes and the options equal the last successful "
            + "run's (without it such a run is recorded as skipped and rewrites nothing).")
    boolean force;

    /**
     * The defaults of the census's options: the properties file that --config names among the arguments, else
     * conf/census.properties when it exists. Read before the arguments are parsed, as picocli applies defaults first.
     */
    public static CommandLine.IDefaultValueProvider defaultsFor(String[] args) {
        return new CommandLine.PropertiesDefaultProvider(loadProperties(configFile(args)));
    }

    /** Parses census options alone (no job run), with their defaults: for tests and tools that need a configuration. */
    public static CensusConfig parse(String... args) {
        CensusOptions options = new CensusOptions();
        CommandLine commandLine = new CommandLine(options).setDefaultValueProvider(defaultsFor(args));
        try {
            commandLine.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            throw new CensusInputException(e.getMessage());
        }
        return options.toConfig();
    }

    /** The validated settings; a value the user can fix is refused with what to do. */
    public CensusConfig toConfig() {
        if (input == null || input.isBlank()) {
            throw new CensusInputException("No input catalogue: give --input PATH or set input= in " + DEFAULT_CONFIG_FILE + ".");
        }
        CatalogueInput.Format catalogueFormat;
        try {
            catalogueFormat = CatalogueInput.Format.valueOf(inputFormat.trim().toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new CensusInputException("Unknown --input-format '" + inputFormat + "': use auto, csv, parquet or delta.");
        }
        CensusConfig.OutputFormat outputFormat;
        try {
            outputFormat = CensusConfig.OutputFormat.valueOf(format.trim().toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new CensusInputException("Unknown --format '" + format + "': use delta or parquet.");
        }
        if (fromYear > toYear) {
            throw new CensusInputException("Reversed year range: --from " + fromYear + " is after --to " + toYear + ".");
        }
        requireYear("--from", fromYear);
        requireYear("--to", toYear);
        int rankedYear = topYear == null ? toYear + 1 : topYear;
        requireYear("--top-year", rankedYear);
        if (topN < 1) {
            throw new CensusInputException("--top-n must be 1 or more, got " + topN + ".");
        }
        if (minOrgModels < 1) {
            throw new CensusInputException("--min-org-models must be 1 or more, got " + minOrgModels + ".");
        }
        if (exportCsv != null && !exportCsv.isBlank() && Files.exists(Path.of(exportCsv)) && !Files.isDirectory(Path.of(exportCsv))) {
            throw new CensusInputException("--export-csv " + exportCsv + " is a file: give a folder (it is created when missing).");
        }
        if (reportDir != null && !reportDir.isBlank() && Files.exists(Path.of(reportDir)) && !Files.isDirectory(Path.of(reportDir))) {
            throw new CensusInputException("--report-dir " + reportDir + " is a file: give a folder (it is created when missing).");
        }
        if (!(maxRejectShare >= 0 && maxRejectShare <= 1)) {
            throw new CensusInputException("--max-reject-share must be a share between 0 and 1 (for example 0.05), got " + maxRejectShare + ".");
        }
        if (minGrowthModels < 2) {
            throw new CensusInputException("--min-growth-models must be 2 or more (a line needs two models), got " + minGrowthModels + ".");
        }
        String country = focusCountry.trim().toUpperCase(Locale.ROOT);
        if (!country.matches("[A-Z]{3}")) {
            throw new CensusInputException("--focus-country '" + focusCountry + "' is not an ISO 3166-1 alpha-3 code (for example KOR).");
        }
        return new CensusConfig(input.trim(), catalogueFormat, job.warehouse(), outputFormat, parseSnapshotDate(snapshotDate), fromYear, toYear,
                country, rankedYear, topN, minOrgModels, blankToNull(exportCsv), maxRejectShare, job.master(),
                sources.sqlDir(), sources.referenceDir(), blankToNull(reportDir), parseMinCompute(minCompute), minGrowthModels, force);
    }

    /** Strict ISO date, so 2023-02-30 is refused rather than rolled over. */
    public static LocalDate parseIsoDate(String text) {
        try {
            return LocalDate.parse(text.trim(), ISO_DATE);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The --snapshot-date option of every job: null when not given; a malformed date is a fixable input. */
    public static LocalDate parseSnapshotDate(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        LocalDate date = parseIsoDate(text);
        if (date == null) {
            throw new CensusInputException("Malformed --snapshot-date '" + text + "': use a real date as YYYY-MM-DD.");
        }
        return date;
    }

    /** --min-compute: null when not given; else a number of FLOP, 0 or more. */
    static Double parseMinCompute(String text) {
        String given = blankToNull(text);
        if (given == null) {
            return null;
        }
        double flop;
        try {
            flop = Double.parseDouble(given);
        } catch (NumberFormatException e) {
            flop = Double.NaN;
        }
        if (!(flop >= 0) || Double.isInfinite(flop)) {
            throw new CensusInputException("--min-compute '" + text + "' is not a number of FLOP, 0 or more (for example 1e23).");
        }
        return flop;
    }

    private static void requireYear(String option, int year) {
        if (year < 1900 || year > 2200) {
            throw new CensusInputException(option + " " + year + " is not a plausible release year.");
        }
    }

    /** An option left empty is an option not given. */
    public static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }

    private static Path configFile(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--config") && i + 1 < args.length) {
                Path path = Path.of(args[i + 1]);
                if (!Files.isRegularFile(path)) {
                    throw new CensusInputException("Config file not found: " + path + ".");
                }
                return path;
            }
            if (args[i].startsWith("--config=")) {
                return configFile(new String[] {"--config", args[i].substring("--config=".length())});
            }
        }
        Path defaultFile = Path.of(DEFAULT_CONFIG_FILE);
        return Files.isRegularFile(defaultFile) ? defaultFile : null;
    }

    private static Properties loadProperties(Path file) {
        Properties properties = new Properties();
        if (file == null) {
            return properties;
        }
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new CensusInputException("Cannot read config file " + file + ": " + e.getMessage());
        }
        Set<String> known = new TreeSet<>(Set.of("input", "input-format", "warehouse", "format", "snapshot-date", "from", "to",
                "focus-country", "top-year", "top-n", "min-org-models", "max-reject-share", "export-csv", "master", "sql-dir", "reference-dir",
                "report-dir", "min-compute", "min-growth-models"));
        for (String key : properties.stringPropertyNames()) {
            if (!known.contains(key)) {
                throw new CensusInputException("Unknown key '" + key + "' in " + file + ": known keys are " + known + ".");
            }
        }
        return properties;
    }
}
