package io.cnnga.backend.pytorch;

/**
 * TensorFlow-ordered kernels (as {@link io.cnnga.api.support.GlorotUniform} draws them) reordered into
 * PyTorch's layouts, so that both backends start from the same weights.
 *
 * <pre>{@code
 * float[] tf = GlorotUniform.sample(new long[] {3, 3, 1, 32}, random);   // [k, k, in, out]
 * float[] torch = TorchLayouts.convToTorch(tf, 3, 1, 32);                  // [out, in, k, k]
 * }</pre>
 */
final class TorchLayouts {

    private TorchLayouts() {
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
