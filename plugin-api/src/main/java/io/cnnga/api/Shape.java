package io.cnnga.api;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The shape of one example's activations, without the batch dimension: (H, W, C) for feature
 * maps, (N) after {@code Flatten} and {@code Dense}.
 *
 * <pre>{@code
 * Shape s = Shape.of(32, 32, 3);
 * s.size();       // 3072
 * s.toString();   // "(None, 32, 32, 3)", as Keras prints it
 * }</pre>
 *
 * @param dims the dimensions, each positive
 */
public record Shape(List<Integer> dims) {

    public Shape {
        dims = List.copyOf(dims);
        if (dims.isEmpty() || dims.stream().anyMatch(d -> d < 1)) {
            throw new IllegalArgumentException("shape dimensions must be positive, was " + dims);
        }
    }

    public static Shape of(int... dims) {
        return new Shape(Arrays.stream(dims).boxed().toList());
    }

    public int rank() {
        return dims.size();
    }

    public int dim(int i) {
        return dims.get(i);
    }

    /** Whether this is a feature map (H, W, C). */
    public boolean isImage() {
        return dims.size() == 3;
    }

    /** Elements per example. */
    public long size() {
        long n = 1;
        for (int d : dims) {
            n *= d;
        }
        return n;
    }

    @Override
    public String toString() {
        return dims.stream().map(String::valueOf).collect(Collectors.joining(", ", "(None, ", ")"));
    }
}
