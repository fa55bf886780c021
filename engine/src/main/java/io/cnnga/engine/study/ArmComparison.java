package io.cnnga.engine.study;

import com.fasterxml.jackson.annotation.JsonValue;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.Locale;
import java.util.Map;

/**
 * Two arms of a study compared seed by seed at equal cost: on how many seeds the first arm's best
 * validation accuracy was above the second's, below it, or the same, and the exact two-sided sign
 * test of that split.
 *
 * <pre>{@code
 * ArmComparison c = ArmComparison.of("ga", "random", Basis.NETWORKS, gaBestBySeed, randomBestBySeed);
 * c.wins();     // 6: the seeds on which ga's best was higher
 * c.pValue();   // 0.03125: how often two equally good arms split at least this unevenly
 * }</pre>
 *
 * <p>Runs of two arms with the same seed share generation 0 (the same seeded draw), so the seeds
 * pair them. The sign test asks only which arm did better on each seed, not by how much, and so
 * assumes nothing about how accuracies are distributed; ties count for neither arm and are left
 * out. It needs seeds: with n of them the smallest p-value it can give is 2 / 2^n, so it takes six
 * seeds, every one won, to go below 0.05.
 *
 * @param arm     the first arm
 * @param against the arm it is compared with
 * @param basis   what each run's best is taken over: its first {@code budget} trained networks, or
 *                its first {@code secondsBudget} seconds of training
 * @param wins    seeds on which {@code arm}'s best was higher
 * @param losses  seeds on which it was lower
 * @param ties    seeds on which both were the same
 * @param pValue  the two-sided sign test: the chance of a split at least as uneven as
 *                {@code wins : losses} if each seed were a fair coin; 1 with no untied seed
 */
public record ArmComparison(String arm, String against, Basis basis, int wins, int losses, int ties, double pValue) {

    /** What the runs of two arms are compared at: the same cost, counted in networks or in seconds. */
    public enum Basis {
        /** The best among each run's first {@code budget} trained networks. */
        NETWORKS,
        /** The best within each run's first {@code secondsBudget} seconds of training. */
        SECONDS;

        /** Its name in {@code study.json}: {@code networks}, {@code seconds}. */
        @JsonValue
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public ArmComparison {
        if (basis == null) {
            throw new IllegalArgumentException("a comparison needs its basis");
        }
        if (wins < 0 || losses < 0 || ties < 0) {
            throw new IllegalArgumentException("seed counts are >= 0, were " + wins + ", " + losses + ", " + ties);
        }
        if (!(pValue > 0 && pValue <= 1)) {
            throw new IllegalArgumentException("a p-value lies in (0, 1], was " + pValue);
        }
    }

    /** {@code arm} against {@code against}, on the seeds both have a best for (by seed). */
    public static ArmComparison of(String arm, String against, Basis basis, Map<Long, Double> armBest,
                                   Map<Long, Double> againstBest) {
        int wins = 0;
        int losses = 0;
        int ties = 0;
        for (Map.Entry<Long, Double> e : armBest.entrySet()) {
            Double other = againstBest.get(e.getKey());
            if (other == null) {
                continue;
            }
            int c = Double.compare(e.getValue(), other);
            if (c > 0) {
                wins++;
            } else if (c < 0) {
                losses++;
            } else {
                ties++;
            }
        }
        return new ArmComparison(arm, against, basis, wins, losses, ties, signTest(wins, losses));
    }

    /** The exact two-sided sign test of {@code a : b}: 2 P(X <= min(a, b)) for X ~ Binomial(a + b, 1/2), at most 1. */
    static double signTest(int a, int b) {
        int n = a + b;
        BigInteger tail = BigInteger.ZERO;
        BigInteger choose = BigInteger.ONE;   // C(n, k), k = 0 first
        for (int k = 0; k <= Math.min(a, b); k++) {
            tail = tail.add(choose);
            choose = choose.multiply(BigInteger.valueOf(n - k)).divide(BigInteger.valueOf(k + 1));
        }
        double p = 2 * new BigDecimal(tail).divide(new BigDecimal(BigInteger.TWO.pow(n)), MathContext.DECIMAL64)
                .doubleValue();
        return Math.min(1, p);
    }

    /** The split and its p-value, e.g. {@code 6 wins, 0 losses, 0 ties (p = 0.0313)}. */
    String split() {
        return String.format(Locale.ROOT, "%d win%s, %d loss%s, %d tie%s (p = %.3g)", wins, wins == 1 ? "" : "s",
                losses, losses == 1 ? "" : "es", ties, ties == 1 ? "" : "s", pValue);
    }
}
