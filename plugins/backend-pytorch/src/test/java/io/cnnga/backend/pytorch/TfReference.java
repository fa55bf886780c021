package io.cnnga.backend.pytorch;

/**
 * Plain-Java reference implementations of TensorFlow's layer semantics, written from TensorFlow's
 * documented rules (not from the backend's code), for comparing PyTorch's outputs against.
 *
 * <pre>{@code
 * float[] out = TfReference.conv2d(image, 5, 5, 1, kernelKkIO, bias, 2, 4, 1, true);
 * }</pre>
 *
 * <p>SAME: output ceil(in / stride); total padding max((out − 1)·stride + window − in, 0), half
 * (rounded down) before, the rest after. Arrays are NHWC for one image; kernels [k][k][in][out]
 * flattened row-major as TensorFlow stores them.
 */
final class TfReference {

    private TfReference() {
    }

    static int outSize(int in, int window, int stride, boolean same) {
        return same ? (in + stride - 1) / stride : (in - window + stride) / stride;
    }

    static int padBefore(int in, int window, int stride, boolean same) {
        if (!same) {
            return 0;
        }
        int out = outSize(in, window, stride, true);
        return Math.max((out - 1) * stride + window - in, 0) / 2;
    }

    /** Convolution with bias of one HWC image; returns the output HWC. */
    static float[] conv2d(float[] x, int h, int w, int cin, float[] kernel, float[] bias, int k, int cout,
                          int stride, boolean same) {
        int oh = outSize(h, k, stride, same);
        int ow = outSize(w, k, stride, same);
        int top = padBefore(h, k, stride, same);
        int left = padBefore(w, k, stride, same);
        float[] out = new float[oh * ow * cout];
        for (int i = 0; i < oh; i++) {
            for (int j = 0; j < ow; j++) {
                for (int o = 0; o < cout; o++) {
                    double sum = bias[o];
                    for (int dy = 0; dy < k; dy++) {
                        for (int dx = 0; dx < k; dx++) {
                            int y = i * stride + dy - top;
                            int xx = j * stride + dx - left;
                            if (y < 0 || y >= h || xx < 0 || xx >= w) {
                                continue;
                            }
                            for (int c = 0; c < cin; c++) {
                                sum += x[(y * w + xx) * cin + c] * kernel[((dy * k + dx) * cin + c) * cout + o];
                            }
                        }
                    }
                    out[(i * ow + j) * cout + o] = (float) sum;
                }
            }
        }
        return out;
    }

    /** Max pooling of one HWC image; padded positions never win (they are −∞). */
    static float[] maxPool(float[] x, int h, int w, int c, int pool, int stride, boolean same) {
        int oh = outSize(h, pool, stride, same);
        int ow = outSize(w, pool, stride, same);
        int top = padBefore(h, pool, stride, same);
        int left = padBefore(w, pool, stride, same);
        float[] out = new float[oh * ow * c];
        for (int i = 0; i < oh; i++) {
            for (int j = 0; j < ow; j++) {
                for (int ch = 0; ch < c; ch++) {
                    float max = Float.NEGATIVE_INFINITY;
                    for (int dy = 0; dy < pool; dy++) {
                        for (int dx = 0; dx < pool; dx++) {
                            int y = i * stride + dy - top;
                            int xx = j * stride + dx - left;
                            if (y >= 0 && y < h && xx >= 0 && xx < w) {
                                max = Math.max(max, x[(y * w + xx) * c + ch]);
                            }
                        }
                    }
                    out[(i * ow + j) * c + ch] = max;
                }
            }
        }
        return out;
    }
}
