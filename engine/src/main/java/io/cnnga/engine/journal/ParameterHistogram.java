package io.cnnga.engine.journal;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;

import java.util.Arrays;

/**
 * The distribution of one layer variable's values after an epoch, as equal-width bins: what the
 * journal keeps of the final network's conv biases (not the raw values), and what the report
 * draws like the paper's Figures 8-10.
 *
 * <pre>{@code
 * ParameterHistogram h = ParameterHistogram.of("conv2d", "bias", 3, biasValues, 30);
 * h.edges().length;    // 31
 * h.centers();        // the middle of each bin
 * }</pre>
 *
 * @param layer  the layer's name ({@code conv2d}, {@code conv2d_1}, ...)
 * @param kind   the variable ({@code bias}, {@code kernel})
 * @param epoch  1-based epoch after which the values were taken
 * @param edges  bin boundaries, ascending, one more than the bins; in float precision, as the
 *               journal stores them ({@link FloatPrecision}), so a histogram reads back equal
 * @param counts values per bin; the last bin includes its upper edge
 */
@JsonPropertyOrder({"layer", "kind", "epoch", "edges", "counts"})
public record ParameterHistogram(@JsonProperty(required = true) String layer, @JsonProperty(required = true) String kind,
                                 int epoch,
                                 @JsonProperty(required = true) @JsonSerialize(using = FloatPrecision.class) double[] edges,
                                 @JsonProperty(required = true) long[] counts) {

    /** Bins of a histogram of many values (a few thousand); fewer values get fewer (see {@link #binsFor}). */
    public static final int MAX_BINS = 30;
    public static final int MIN_BINS = 5;

    public ParameterHistogram {
        if (edges == null || counts == null || edges.length != counts.length + 1 || counts.length == 0) {
            throw new IllegalArgumentException("edges: a histogram needs one edge more than its bins, and a bin");
        }
        edges = edges.clone();
        counts = counts.clone();
    }

    /**
     * Rice's rule, 2 n^(1/3) bins, within [{@link #MIN_BINS}, {@link #MAX_BINS}]: 16 biases get 6
     * bins, 512 get 16; more bins would leave most of them empty and the curve a comb.
     */
    public static int binsFor(int values) {
        return Math.max(MIN_BINS, Math.min(MAX_BINS, (int) Math.ceil(2 * Math.cbrt(values))));
    }

    /** Bins {@code values} into {@code bins} equal-width bins between their minimum and maximum. */
    public static ParameterHistogram of(String layer, String kind, int epoch, float[] values, int bins) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (float v : values) {
            if (Float.isFinite(v)) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        if (min > max) {
            min = 0;
            max = 0;
        }
        if (max - min < 1e-12) {
            // All values alike (a fresh bias is all zeros): one narrow range around them.
            double half = Math.max(Math.abs(min) * 1e-3, 1e-6);
            min -= half;
            max += half;
        }
        double[] edges = new double[bins + 1];
        for (int i = 0; i <= bins; i++) {
            // float precision, as the journal stores them, so a histogram reads back equal
            edges[i] = FloatPrecision.of(min + (max - min) * i / bins);
        }
        long[] counts = new long[bins];
        double width = (max - min) / bins;
        for (float v : values) {
            if (Float.isFinite(v)) {
                counts[Math.min(bins - 1, (int) ((v - min) / width))]++;
            }
        }
        return new ParameterHistogram(layer, kind, epoch, edges, counts);
    }

    @Override
    public double[] edges() {
        return edges.clone();
    }

    @Override
    public long[] counts() {
        return counts.clone();
    }

    /** The middle of each bin. */
    public double[] centers() {
        double[] c = new double[counts.length];
        for (int i = 0; i < c.length; i++) {
            c[i] = (edges[i] + edges[i + 1]) / 2;
        }
        return c;
    }

    public long total() {
        return Arrays.stream(counts).sum();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ParameterHistogram h && h.layer.equals(layer) && h.kind.equals(kind) && h.epoch == epoch
                && Arrays.equals(h.edges, edges) && Arrays.equals(h.counts, counts);
    }

    @Override
    public int hashCode() {
        return (layer.hashCode() * 31 + kind.hashCode()) * 31 + epoch;
    }

    @Override
    public String toString() {
        return layer + "/" + kind + " epoch " + epoch + " " + Arrays.toString(counts);
    }
}
