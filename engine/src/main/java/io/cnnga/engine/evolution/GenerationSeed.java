package io.cnnga.engine.evolution;

/**
 * The seed of one generation's random stream, from the plan's seed and the generation number
 * alone, so that a resumed run draws exactly what an uninterrupted one would.
 *
 * <pre>{@code
 * long s = GenerationSeed.of(42, 3);
 * }</pre>
 */
public final class GenerationSeed {

    private GenerationSeed() {
    }

    /** SplitMix64 of the two: neighbouring seeds and generations give unrelated streams. */
    public static long of(long planSeed, int generation) {
        long z = planSeed + 0x9E3779B97F4A7C15L * (generation + 1L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
