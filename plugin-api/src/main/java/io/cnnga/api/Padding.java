package io.cnnga.api;

/**
 * Padding of convolutions and pools, with TensorFlow's meaning.
 *
 * <pre>{@code
 * new LayerSpec.Conv2D(32, 3, 1, Padding.SAME);   // output keeps the input's height and width
 * }</pre>
 *
 * <p>{@code SAME}: output size is {@code ceil(in / stride)}; when the total padding is odd, the
 * extra row and column go at the bottom and right (TensorFlow's rule, which another backend must
 * reproduce). {@code VALID}: no padding, output {@code ceil((in - window + 1) / stride)}.
 */
public enum Padding {
    SAME,
    VALID;

    /** Output length along one axis. */
    public int outputSize(int in, int window, int stride) {
        return switch (this) {
            case SAME -> (in + stride - 1) / stride;
            case VALID -> (in - window + stride) / stride;
        };
    }
}
