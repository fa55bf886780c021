package io.cnnga.api;

/**
 * One layer of a sequential network: what it is, never how a framework builds it.
 *
 * <pre>{@code
 * List<LayerSpec> stage = List.of(
 *         new LayerSpec.Conv2D(48, 3, 1, Padding.SAME),
 *         LayerSpec.Activation.of(ActivationFunction.ELU),
 *         new LayerSpec.BatchNorm(1e-3),
 *         new LayerSpec.MaxPool(2, 2, Padding.SAME),
 *         new LayerSpec.Dropout(0.25));
 * }</pre>
 *
 * <p>Each layer computes, from the shape of one example going in, the shape coming out, its
 * parameter count (as Keras counts them) and its forward FLOPs. FLOPs count arithmetic only:
 * a multiply-add is 2 FLOPs (convolutions, dense layers, batch norm's scale and shift); max-pool,
 * activations, dropout and flatten are memory-bound and count 0. Shapes that do not fit (a
 * {@code Dense} on a feature map, a kernel larger than a VALID input) throw
 * {@link IllegalArgumentException}.
 */
public sealed interface LayerSpec {

    /** The Keras class name, e.g. {@code Conv2D}. */
    String type();

    /** The prefix of this layer's name in a summary, as Keras names it, e.g. {@code conv2d}. */
    String namePrefix();

    Shape outputShape(Shape input);

    /** All parameters, trainable or not (Keras' "Param #"). */
    default long params(Shape input) {
        return 0;
    }

    /** Parameters not trained by the optimizer (batch norm's moving mean and variance). */
    default long nonTrainableParams(Shape input) {
        return 0;
    }

    default long forwardFlops(Shape input) {
        return 0;
    }

    private static void requireImage(LayerSpec layer, Shape input) {
        if (!input.isImage()) {
            throw new IllegalArgumentException(layer.type() + " needs a (H, W, C) input, got " + input);
        }
    }

    /**
     * 2-D convolution with bias.
     *
     * @param filters    output channels
     * @param kernelSize square kernel side
     * @param stride     stride in both directions
     * @param padding    SAME or VALID
     */
    record Conv2D(int filters, int kernelSize, int stride, Padding padding) implements LayerSpec {
        public Conv2D {
            if (filters < 1 || kernelSize < 1 || stride < 1 || padding == null) {
                throw new IllegalArgumentException("Conv2D needs filters, kernel size and stride >= 1 and a padding");
            }
        }

        @Override
        public String type() {
            return "Conv2D";
        }

        @Override
        public String namePrefix() {
            return "conv2d";
        }

        @Override
        public Shape outputShape(Shape input) {
            requireImage(this, input);
            if (padding == Padding.VALID && (input.dim(0) < kernelSize || input.dim(1) < kernelSize)) {
                throw new IllegalArgumentException("Conv2D kernel " + kernelSize + " larger than VALID input " + input);
            }
            return Shape.of(padding.outputSize(input.dim(0), kernelSize, stride),
                    padding.outputSize(input.dim(1), kernelSize, stride), filters);
        }

        @Override
        public long params(Shape input) {
            return (long) kernelSize * kernelSize * input.dim(2) * filters + filters;
        }

        @Override
        public long forwardFlops(Shape input) {
            Shape out = outputShape(input);
            return 2L * out.dim(0) * out.dim(1) * kernelSize * kernelSize * input.dim(2) * filters;
        }
    }

    /**
     * Element-wise activation.
     *
     * @param function which non-linearity
     * @param alpha    slope or scale for {@code elu} (Keras 1.0) and {@code leaky_relu} (the paper 0.2);
     *                 ignored by the others
     */
    record Activation(ActivationFunction function, double alpha) implements LayerSpec {
        public Activation {
            if (function == null || !Double.isFinite(alpha)) {
                throw new IllegalArgumentException("Activation needs a function and a finite alpha");
            }
        }

        /** The function with its usual alpha: 1.0 for elu, 0.2 for leaky_relu (the paper's), 0 otherwise. */
        public static Activation of(ActivationFunction function) {
            double alpha = switch (function) {
                case ELU -> 1.0;
                case LEAKY_RELU -> 0.2;
                default -> 0.0;
            };
            return new Activation(function, alpha);
        }

        @Override
        public String type() {
            return "Activation";
        }

        @Override
        public String namePrefix() {
            return "activation";
        }

        @Override
        public Shape outputShape(Shape input) {
            return input;
        }
    }

    /**
     * Batch normalization over the last axis. The moving-average momentum is a backend option: it
     * changes training, not the network.
     *
     * @param epsilon added to the variance (Keras: 0.001)
     */
    record BatchNorm(double epsilon) implements LayerSpec {
        public BatchNorm {
            if (!(epsilon > 0) || !Double.isFinite(epsilon)) {
                throw new IllegalArgumentException("BatchNorm epsilon must be > 0, was " + epsilon);
            }
        }

        @Override
        public String type() {
            return "BatchNormalization";
        }

        @Override
        public String namePrefix() {
            return "batch_normalization";
        }

        @Override
        public Shape outputShape(Shape input) {
            return input;
        }

        private static int channels(Shape input) {
            return input.dim(input.rank() - 1);
        }

        @Override
        public long params(Shape input) {
            return 4L * channels(input);
        }

        @Override
        public long nonTrainableParams(Shape input) {
            return 2L * channels(input);
        }

        @Override
        public long forwardFlops(Shape input) {
            return 2L * input.size();
        }
    }

    /**
     * Max pooling.
     *
     * @param poolSize square window side
     * @param stride   stride in both directions
     * @param padding  SAME or VALID
     */
    record MaxPool(int poolSize, int stride, Padding padding) implements LayerSpec {
        public MaxPool {
            if (poolSize < 1 || stride < 1 || padding == null) {
                throw new IllegalArgumentException("MaxPool needs pool size and stride >= 1 and a padding");
            }
        }

        @Override
        public String type() {
            return "MaxPooling2D";
        }

        @Override
        public String namePrefix() {
            return "max_pooling2d";
        }

        @Override
        public Shape outputShape(Shape input) {
            requireImage(this, input);
            if (padding == Padding.VALID && (input.dim(0) < poolSize || input.dim(1) < poolSize)) {
                throw new IllegalArgumentException("MaxPool window " + poolSize + " larger than VALID input " + input);
            }
            return Shape.of(padding.outputSize(input.dim(0), poolSize, stride),
                    padding.outputSize(input.dim(1), poolSize, stride), input.dim(2));
        }
    }

    /**
     * Dropout, active only while training.
     *
     * @param rate fraction of units dropped, in [0, 1)
     */
    record Dropout(double rate) implements LayerSpec {
        public Dropout {
            if (!(rate >= 0 && rate < 1)) {
                throw new IllegalArgumentException("Dropout rate must be in [0, 1), was " + rate);
            }
        }

        @Override
        public String type() {
            return "Dropout";
        }

        @Override
        public String namePrefix() {
            return "dropout";
        }

        @Override
        public Shape outputShape(Shape input) {
            return input;
        }
    }

    /** Flattens (H, W, C) to (H·W·C), row-major as TensorFlow's reshape does. */
    record Flatten() implements LayerSpec {
        @Override
        public String type() {
            return "Flatten";
        }

        @Override
        public String namePrefix() {
            return "flatten";
        }

        @Override
        public Shape outputShape(Shape input) {
            long size = input.size();
            if (size > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("Flatten output too large: " + size);
            }
            return Shape.of((int) size);
        }
    }

    /**
     * Fully connected layer with bias; its activation, if any, is a separate {@link Activation}.
     *
     * @param units output features
     */
    record Dense(int units) implements LayerSpec {
        public Dense {
            if (units < 1) {
                throw new IllegalArgumentException("Dense needs units >= 1, was " + units);
            }
        }

        @Override
        public String type() {
            return "Dense";
        }

        @Override
        public String namePrefix() {
            return "dense";
        }

        @Override
        public Shape outputShape(Shape input) {
            if (input.rank() != 1) {
                throw new IllegalArgumentException("Dense needs a flat input (add Flatten), got " + input);
            }
            return Shape.of(units);
        }

        @Override
        public long params(Shape input) {
            return (long) input.dim(0) * units + units;
        }

        @Override
        public long forwardFlops(Shape input) {
            return 2L * input.dim(0) * units;
        }
    }
}
