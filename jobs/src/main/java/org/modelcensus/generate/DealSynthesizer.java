package org.modelcensus.generate;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;

/**
 * Builds deal {@code id} of a synthetic deal-level AI investment set: a pure function of (seed, id), as
 * {@link RowSynthesizer} is for the catalogue.
 *
 * <ul>
 *   <li>country: {@link CountryMix#skewed} as real AI investment is (the first code, USA, on about half the deals,
 *       the rest a long tail with weight 1/rank in the order of countries.csv), or {@link CountryMix#uniform};</li>
 *   <li>date: a uniformly random day of {@value #FIRST_YEAR}–{@value #LAST_YEAR};</li>
 *   <li>amount in USD: log-normal (median {@value #MEDIAN_AMOUNT_USD}, sigma {@value #AMOUNT_SIGMA}: a few deals carry
 *       much of the money), rounded to thousands, at least 1,000;</li>
 *   <li>sector: one of {@link #SECTORS}, weight 1/rank.</li>
 * </ul>
 */
public final class DealSynthesizer implements RowSource {

    private static final long serialVersionUID = 1L;

    /** How deals spread over countries. */
    public enum CountryMix { skewed, uniform }

    static final int FIRST_YEAR = 2013;
    static final int LAST_YEAR = 2024;
    static final double LARGEST_COUNTRY_SHARE = 0.5;
    static final double MEDIAN_AMOUNT_USD = 2_000_000;
    static final double AMOUNT_SIGMA = 1.8;
    static final LocalDate FIRST_DAY = LocalDate.of(FIRST_YEAR, 1, 1);
    static final int DAYS = (int) ChronoUnit.DAYS.between(FIRST_DAY, LocalDate.of(LAST_YEAR + 1, 1, 1));

    /** Focus areas of private AI investment, roughly by how many deals each sees. */
    static final List<String> SECTORS = List.of(
            "AI infrastructure, research and governance", "Data management and processing", "Healthcare and biotech",
            "Fintech", "Autonomous vehicles", "Semiconductors", "Cybersecurity", "Retail", "Education and learning",
            "Manufacturing", "Marketing and advertising", "Robotics", "Energy", "Agritech", "Media and entertainment");

    private static final int SALT_COUNTRY = 3_000_017;
    private static final int SALT_DAY = 3_000_019;
    private static final int SALT_AMOUNT = 3_000_023;   // and the next salt (two uniforms per gaussian)
    private static final int SALT_SECTOR = 3_000_029;

    private final SeededHash random;
    private final String[] countryCodes;
    private final double[] countryCumulative;
    private final String[] sectors;
    private final double[] sectorCumulative;

    /** @param countryCodes distinct ISO alpha-3 codes, the largest investor first */
    public DealSynthesizer(List<String> countryCodes, CountryMix mix, long seed) {
        if (countryCodes.isEmpty()) {
            throw new IllegalArgumentException("no country codes to draw deals from");
        }
        this.random = new SeededHash(seed);
        this.countryCodes = countryCodes.toArray(String[]::new);
        this.countryCumulative = cumulative(mix == CountryMix.skewed ? skewedWeights(countryCodes.size()) : uniformWeights(countryCodes.size()));
        this.sectors = SECTORS.toArray(String[]::new);
        this.sectorCumulative = cumulative(rankWeights(sectors.length));
    }

    /** Deal {@code id}: country code, days since {@link #FIRST_DAY}, amount in USD, sector. */
    @Override
    public Object[] cells(long id) {
        String country = countryCodes[pick(countryCumulative, random.uniform(id, SALT_COUNTRY))];
        int day = random.below(id, SALT_DAY, DAYS);
        double amount = MEDIAN_AMOUNT_USD * Math.exp(AMOUNT_SIGMA * random.gaussian(id, SALT_AMOUNT));
        double roundedAmount = Math.max(1_000, Math.rint(amount / 1_000) * 1_000);
        String sector = sectors[pick(sectorCumulative, random.uniform(id, SALT_SECTOR))];
        return new Object[] {country, day, roundedAmount, sector};
    }

    /** The first country gets {@link #LARGEST_COUNTRY_SHARE}; the others share the rest by weight 1/rank. */
    static double[] skewedWeights(int countries) {
        if (countries == 1) {
            return new double[] {1};
        }
        double[] tail = rankWeights(countries - 1);
        double[] weights = new double[countries];
        weights[0] = LARGEST_COUNTRY_SHARE;
        for (int i = 1; i < countries; i++) {
            weights[i] = (1 - LARGEST_COUNTRY_SHARE) * tail[i - 1];
        }
        return weights;
    }

    static double[] uniformWeights(int countries) {
        double[] weights = new double[countries];
        Arrays.fill(weights, 1.0 / countries);
        return weights;
    }

    /** Weight 1/rank (Zipf), normalized to sum to 1. */
    private static double[] rankWeights(int n) {
        double[] weights = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            weights[i] = 1.0 / (i + 1);
            sum += weights[i];
        }
        for (int i = 0; i < n; i++) {
            weights[i] /= sum;
        }
        return weights;
    }

    private static double[] cumulative(double[] weights) {
        double[] cumulative = new double[weights.length];
        double sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += weights[i];
            cumulative[i] = sum;
        }
        cumulative[weights.length - 1] = Double.POSITIVE_INFINITY;   // rounding can leave the sum just under 1
        return cumulative;
    }

    /** The first index whose cumulative weight exceeds {@code u}. */
    private static int pick(double[] cumulative, double u) {
        int index = Arrays.binarySearch(cumulative, u);
        return index >= 0 ? index + 1 : -index - 1;
    }
}
