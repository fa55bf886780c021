package io.cnnga.backend.pytorch;

import io.cnnga.api.Padding;

/**
 * TensorFlow's padding of one axis of a convolution or pool, which PyTorch has no flag for.
 *
 * <pre>{@code
 * SamePadding p = SamePadding.of(Padding.SAME, 28, 2, 1);   // before 0, after 1: the extra row goes last
 * }</pre>
 *
 * <p>SAME: output {@code ceil(in / stride)}, total padding
 * {@code max((out − 1)·stride + window − in, 0)}, of which {@code total / 2} go before and the rest
 * (one more when odd) after — at the bottom and right. VALID: none.
 *
 * @param before rows (or columns) added at the top (left)
 * @param after  rows (or columns) added at the bottom (right)
 */
record SamePadding(int before, int after) {

    static SamePadding of(Padding padding, int in, int window, int stride) {
        if (padding == Padding.VALID) {
            return new SamePadding(0, 0);
        }
        int out = padding.outputSize(in, window, stride);
        int total = Math.max((out - 1) * stride + window - in, 0);
        return new SamePadding(total / 2, total - total / 2);
    }

    boolean symmetric() {
        return before == after;
    }

    boolean none() {
        return before == 0 && after == 0;
    }
}
