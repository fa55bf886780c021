package io.cnnga.api.support;

/**
 * The mean and variance per channel of a layer's input over many batches, pooled from each
 * batch's own mean and variance: what {@link BatchNormStatistics#RECOMPUTED} sets a batch-norm
 * layer's moving statistics to.
 *
 * <pre>{@code
 * ChannelMoments moments = new ChannelMoments(64);
 * moments.add(batchMean, batchVariance, 256 * 14 * 14);   // once per batch
 * float[] mean = moments.mean();
 * float[] variance = moments.variance();
 * }</pre>
 *
 * <p>The pooled variance is the mean of the batches' second moments minus the square of the
 * pooled mean, so that it includes how much the batches' means differ, with Bessel's correction
 * over all values as TensorFlow's moving variance has it. Sums are kept in double.
 */
public final class ChannelMoments {

    private final double[] sum;
    private final double[] sumOfSquares;
    private long count;

    public ChannelMoments(int channels) {
        if (channels < 1) {
            throw new IllegalArgumentException("channels must be >= 1, was " + channels);
        }
        sum = new double[channels];
        sumOfSquares = new double[channels];
    }

    /**
     * Adds one batch.
     *
     * @param mean     the batch's mean per channel
     * @param variance the batch's variance per channel, divided by {@code values} (not by
     *                 {@code values − 1})
     * @param values   how many values per channel the batch held (images × height × width)
     */
    public void add(float[] mean, float[] variance, long values) {
        if (mean.length != sum.length || variance.length != sum.length) {
            throw new IllegalArgumentException("expected " + sum.length + " channels, got a mean of " + mean.length
                    + " and a variance of " + variance.length);
        }
        if (values < 1) {
            throw new IllegalArgumentException("values must be >= 1, was " + values);
        }
        for (int c = 0; c < sum.length; c++) {
            sum[c] += (double) mean[c] * values;
            sumOfSquares[c] += ((double) variance[c] + (double) mean[c] * mean[c]) * values;
        }
        count += values;
    }

    /** How many values per channel were added. */
    public long count() {
        return count;
    }

    public float[] mean() {
        requireValues();
        float[] out = new float[sum.length];
        for (int c = 0; c < out.length; c++) {
            out[c] = (float) (sum[c] / count);
        }
        return out;
    }

    /** The unbiased variance per channel (divided by count − 1; 0 for a single value). */
    public float[] variance() {
        requireValues();
        float[] out = new float[sum.length];
        for (int c = 0; c < out.length; c++) {
            double mean = sum[c] / count;
            double biased = Math.max(0, sumOfSquares[c] / count - mean * mean);
            out[c] = (float) (count > 1 ? biased * count / (count - 1) : 0);
        }
        return out;
    }

    private void requireValues() {
        if (count == 0) {
            throw new IllegalStateException("no batch was added");
        }
    }
}
