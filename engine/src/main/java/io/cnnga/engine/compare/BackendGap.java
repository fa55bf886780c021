package io.cnnga.engine.compare;

import java.util.List;
import java.util.Locale;

/**
 * How far one backend's results are from the first backend's, over the genomes both trained.
 *
 * <pre>{@code
 * BackendGap gap = BackendGap.between("tensorflow", "pytorch", comparison.rows());
 * gap.describe();   // "pytorch vs tensorflow over 4 genomes: test accuracy differs by 0.9 points on average (at most 1.6), ..."
 * }</pre>
 *
 * @param reference                 the first backend's id
 * @param other                     the backend compared with it
 * @param genomes                   genomes both completed
 * @param meanTestPoints            mean |test accuracy difference|, in percentage points
 * @param maxTestPoints             largest |test accuracy difference|, in percentage points
 * @param meanValidationPoints      mean |validation accuracy difference|, in percentage points
 * @param speedRatio                geometric mean of other's training images/s over reference's
 */
public record BackendGap(String reference, String other, int genomes, double meanTestPoints, double maxTestPoints,
                         double meanValidationPoints, double speedRatio) {

    public static BackendGap between(String reference, String other, List<ComparisonRow> rows) {
        int n = 0;
        double test = 0;
        double max = 0;
        double validation = 0;
        int validated = 0;
        double logSpeed = 0;
        for (ComparisonRow row : rows) {
            BackendOutcome a = row.outcome(reference);
            BackendOutcome b = row.outcome(other);
            if (!a.ok() || !b.ok()) {
                continue;
            }
            n++;
            double d = Math.abs(a.testAccuracy() - b.testAccuracy()) * 100;
            test += d;
            max = Math.max(max, d);
            if (!Double.isNaN(a.validationAccuracy()) && !Double.isNaN(b.validationAccuracy())) {
                validation += Math.abs(a.validationAccuracy() - b.validationAccuracy()) * 100;
                validated++;
            }
            logSpeed += Math.log(b.trainImagesPerSecond() / a.trainImagesPerSecond());
        }
        return new BackendGap(reference, other, n, n == 0 ? Double.NaN : test / n, n == 0 ? Double.NaN : max,
                validated == 0 ? Double.NaN : validation / validated, n == 0 ? Double.NaN : Math.exp(logSpeed / n));
    }

    /** One sentence for people. */
    public String describe() {
        if (genomes == 0) {
            return other + " vs " + reference + ": no genome completed on both";
        }
        return String.format(Locale.ROOT, "%s vs %s over %d genome%s: test accuracy differs by %.1f points on average "
                        + "(at most %.1f), validation accuracy by %.1f; %s trains %.2fx as many images/s",
                other, reference, genomes, genomes == 1 ? "" : "s", meanTestPoints, maxTestPoints,
                meanValidationPoints, other, speedRatio);
    }
}
