package org.modelcensus.generate;

import java.io.Serializable;

/**
 * The generators' source of randomness: 64 well-mixed bits from (seed, row id, salt), SplitMix64's finalizer applied
 * in a chain. A row's draws depend on nothing else, so any executor builds the same row whatever the partitioning
 * and task order (a stateful generator per partition would tie the rows to the partitioning).
 */
final class SeededHash implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private final long seed;

    SeededHash(long seed) {
        this.seed = seed;
    }

    long bits(long id, int salt) {
        return mix(mix(mix(seed) ^ id) ^ (salt * GOLDEN));
    }

    /** In [0, 1). */
    double uniform(long id, int salt) {
        return (bits(id, salt) >>> 11) * 0x1.0p-53;
    }

    /** In [0, bound). */
    int below(long id, int salt, int bound) {
        return (int) Long.remainderUnsigned(bits(id, salt), bound);
    }

    /** Standard normal (Box-Muller), from the uniforms of {@code salt} and {@code salt + 1}. */
    double gaussian(long id, int salt) {
        double u1 = uniform(id, salt);
        double u2 = uniform(id, salt + 1);
        return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
