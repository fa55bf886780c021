package io.cnnga.backend.pytorch;

import java.util.SplittableRandom;

/**
 * Glorot (Xavier) uniform initial weights drawn exactly as the TensorFlow backend draws them, so
 * that one seed gives both backends the same starting network: uniform in [-limit, limit],
 * limit = sqrt(6 / (fanIn + fanOut)), values in TensorFlow's row-major kernel order.
 *
 * <pre>{@code
 * float[] tfOrder = GlorotUniform.sample(new long[] {3, 3, 1, 32}, new SplittableRandom(42));
 * }</pre>
 *
 * <p>For a convolution kernel [k, k, in, out] the fans are k·k·in and k·k·out; for a dense
 * kernel [in, out] they are in and out. Callers reorder the values into PyTorch's layouts.
 */
final class GlorotUniform {

    private GlorotUniform() {
    }

    /** The limit of the uniform range for a kernel of this (TensorFlow-ordered) shape. */
    static double limit(long[] shape) {
        long[] fans = fans(shape);
        return Math.sqrt(6.0 / (fans[0] + fans[1]));
    }

    /** {fanIn, fanOut} of a dense ([in, out]) or convolution ([k, k, in, out]) kernel. */
    static long[] fans(long[] shape) {
        if (shape.length < 2) {
            throw new IllegalArgumentException("a kernel has at least 2 dimensions, got " + shape.length);
        }
        long receptive = 1;
        for (int i = 0; i < shape.length - 2; i++) {
            receptive *= shape[i];
        }
        return new long[] {receptive * shape[shape.length - 2], receptive * shape[shape.length - 1]};
    }

    /** Weights for a kernel of {@code shape}, in row-major TensorFlow order. */
    static float[] sample(long[] shape, SplittableRandom random) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("kernel too large: " + n + " weights");
        }
        double limit = limit(shape);
        float[] w = new float[(int) n];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) ((random.nextDouble() * 2 - 1) * limit);
        }
        return w;
    }

    /** Side of the tiles the reorderings copy, so that reads and writes both stay in cache. */
    private static final int TILE = 64;

    /** A TensorFlow conv kernel [k, k, in, out] reordered as PyTorch's [out, in, k, k]. */
    static float[] convToTorch(float[] tf, int k, int in, int out) {
        int kk = k * k;
        float[] torch = new float[tf.length];
        for (int i = 0; i < in; i++) {
            for (int o0 = 0; o0 < out; o0 += TILE) {
                int o1 = Math.min(out, o0 + TILE);
                for (int p = 0; p < kk; p++) {
                    int from = (p * in + i) * out;
                    for (int o = o0; o < o1; o++) {
                        torch[(o * in + i) * kk + p] = tf[from + o];
                    }
                }
            }
        }
        return torch;
    }

    /** A TensorFlow dense kernel [in, out] reordered as PyTorch's linear weight [out, in]. */
    static float[] denseToTorch(float[] tf, int in, int out) {
        float[] torch = new float[tf.length];
        for (int i0 = 0; i0 < in; i0 += TILE) {
            int i1 = Math.min(in, i0 + TILE);
            for (int o0 = 0; o0 < out; o0 += TILE) {
                int o1 = Math.min(out, o0 + TILE);
                for (int i = i0; i < i1; i++) {
                    int from = i * out;
                    for (int o = o0; o < o1; o++) {
                        torch[o * in + i] = tf[from + o];
                    }
                }
            }
        }
        return torch;
    }
}
