package io.cnnga.api.support;

import java.util.SplittableRandom;

/**
 * Glorot (Xavier) uniform initial weights, as Keras draws them: uniform in [-limit, limit] with
 * limit = sqrt(6 / (fanIn + fanOut)). For a convolution kernel [k, k, in, out] the fans are
 * k·k·in and k·k·out; for a dense kernel [in, out] they are in and out.
 *
 * <pre>{@code
 * float[] kernel = GlorotUniform.sample(new long[] {3, 3, 1, 32}, new SplittableRandom(42));
 * }</pre>
 *
 * <p>It lives in the plugin API so that every backend draws the same numbers: a backend that draws
 * its kernels from one {@code new SplittableRandom(seed)}, in layer order, each in TensorFlow's
 * row-major layout, starts from the same network as every other backend for that seed, which is
 * what makes {@code engine compare} a comparison of frameworks rather than of initial weights.
 * (Written by hand also because tensorflow-framework 1.1.0's initializer is never negative and
 * takes the wrong fans for convolution kernels.)
 */
public final class GlorotUniform {

    private GlorotUniform() {
    }

    /** The limit of the uniform range for a kernel of this shape. */
    public static double limit(long[] shape) {
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

    /** Weights for a kernel of {@code shape}, in row-major (TensorFlow) order. */
    public static float[] sample(long[] shape, SplittableRandom random) {
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
}
