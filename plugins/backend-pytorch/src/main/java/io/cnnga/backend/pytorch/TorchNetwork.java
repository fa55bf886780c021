package io.cnnga.backend.pytorch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import io.cnnga.api.support.ChannelMoments;
import io.cnnga.api.support.GlorotUniform;
import io.cnnga.api.LayerParameter;
import io.cnnga.api.LayerSpec;
import io.cnnga.api.LayerSummary;
import io.cnnga.api.ModelSpec;
import io.cnnga.api.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * A {@link ModelSpec} as PyTorch tensors and a forward pass with TensorFlow's semantics, computed
 * in PyTorch's NCHW layout.
 *
 * <pre>{@code
 * try (NDManager manager = engine.newBaseManager(Device.cpu())) {
 *     TorchNetwork net = TorchNetwork.build(spec, manager, 42L, 0.9);
 *     NDArray logits = net.forward(nchwImages, false);   // [N, classes]
 * }
 * }</pre>
 *
 * <p>What is TensorFlow's here: SAME padding puts the odd row and column at the bottom and right
 * (explicit zero padding before an unpadded convolution, −∞ before an unpadded max pool, unless a
 * symmetric or ceil-mode pass gives the same result); {@code Flatten} reads the feature map in
 * H, W, C order (the NCHW tensor is permuted to NHWC first), so a dense kernel's rows mean what
 * they mean in TensorFlow; batch norm's momentum is TensorFlow's (PyTorch gets {@code 1 − m});
 * kernels are Glorot-uniform from the TensorFlow backend's own generator, then reordered.
 * Tensors are in PyTorch's layouts: conv weights [out, in, k, k], dense weights [out, in].
 *
 * <p>Every tensor the network holds belongs to the manager given to {@link #build}; every tensor
 * a forward pass makes belongs to the input's manager, so a per-batch sub-manager frees them.
 */
final class TorchNetwork {

    /** One layer's forward computation. */
    @FunctionalInterface
    private interface Layer {
        PtNDArray apply(PtNDArray x, boolean training);
    }

    private final ModelSpec spec;
    private final List<TorchParameter> parameters;
    private final List<Layer> layers;

    private TorchNetwork(ModelSpec spec, List<TorchParameter> parameters, List<Layer> layers) {
        this.spec = spec;
        this.parameters = List.copyOf(parameters);
        this.layers = List.copyOf(layers);
    }

    /**
     * Creates every tensor of {@code spec} in {@code manager} with Keras' initial values: Glorot
     * uniform kernels (drawn in layer order from one generator seeded by {@code seed}), zero
     * biases and betas, unit gammas, running mean 0 and running variance 1.
     *
     * @param momentum batch norm's momentum in TensorFlow's sense
     */
    static TorchNetwork build(ModelSpec spec, NDManager manager, long seed, double momentum) {
        SplittableRandom random = new SplittableRandom(seed);
        return build(spec, manager, momentum, shape -> GlorotUniform.sample(shape, random));
    }

    /**
     * Every tensor of {@code spec} as {@link #build} makes it, but the kernels zero: for a network
     * whose weights are loaded next, or whose shapes alone matter. Drawing Glorot values in Java
     * takes seconds for a network of a hundred million weights; zeros are one native fill.
     */
    static TorchNetwork withZeroKernels(ModelSpec spec, NDManager manager, double momentum) {
        return build(spec, manager, momentum, null);
    }

    /** {@code kernels}: a kernel's values in TensorFlow's layout for its TensorFlow shape; null: zeros. */
    private static TorchNetwork build(ModelSpec spec, NDManager manager, double momentum,
                                      Function<long[], float[]> kernels) {
        List<TorchParameter> params = new ArrayList<>();
        List<Layer> layers = new ArrayList<>();
        for (LayerSummary row : spec.summary()) {
            LayerSpec layer = row.layer();
            String name = row.name();
            Shape in = row.input();
            if (layer instanceof LayerSpec.Conv2D c) {
                int k = c.kernelSize();
                int channels = in.dim(2);
                PtNDArray w = kernels == null ? zeros(manager, c.filters(), channels, k, k)
                        : tensor(manager, TorchLayouts.convToTorch(kernels.apply(new long[] {k, k, channels, c.filters()}),
                                k, channels, c.filters()), c.filters(), channels, k, k);
                PtNDArray b = zeros(manager, c.filters());
                params.add(trainable(name, LayerParameter.KERNEL, w));
                params.add(trainable(name, LayerParameter.BIAS, b));
                layers.add(conv(c, in, w, b));
            } else if (layer instanceof LayerSpec.Dense d) {
                int features = in.dim(0);
                PtNDArray w = kernels == null ? zeros(manager, d.units(), features)
                        : tensor(manager, TorchLayouts.denseToTorch(kernels.apply(new long[] {features, d.units()}),
                                features, d.units()), d.units(), features);
                PtNDArray b = zeros(manager, d.units());
                params.add(trainable(name, LayerParameter.KERNEL, w));
                params.add(trainable(name, LayerParameter.BIAS, b));
                layers.add((x, training) -> JniUtils.linear(x, w, b));
            } else if (layer instanceof LayerSpec.BatchNorm bn) {
                int channels = in.dim(in.rank() - 1);
                PtNDArray gamma = ones(manager, channels);
                PtNDArray beta = zeros(manager, channels);
                PtNDArray mean = zeros(manager, channels);
                PtNDArray variance = ones(manager, channels);
                params.add(trainable(name, LayerParameter.GAMMA, gamma));
                params.add(trainable(name, LayerParameter.BETA, beta));
                params.add(new TorchParameter(name, LayerParameter.MOVING_MEAN, mean, false));
                params.add(new TorchParameter(name, LayerParameter.MOVING_VARIANCE, variance, false));
                layers.add(new BatchNormLayer(bn, gamma, beta, mean, variance, momentum));
            } else if (layer instanceof LayerSpec.Activation a) {
                layers.add(activation(a));
            } else if (layer instanceof LayerSpec.MaxPool p) {
                layers.add(maxPool(p, in));
            } else if (layer instanceof LayerSpec.Dropout d) {
                double rate = d.rate();
                layers.add((x, training) -> training && rate > 0 ? JniUtils.dropout(x, rate, true) : x);
            } else if (layer instanceof LayerSpec.Flatten) {
                layers.add((x, training) -> x.getShape().dimension() == 4
                        ? (PtNDArray) x.transpose(0, 2, 3, 1).reshape(x.getShape().get(0), -1)
                        : x);
            } else {
                throw new IllegalArgumentException("layer type " + layer.type() + " is not supported by the PyTorch backend");
            }
        }
        return new TorchNetwork(spec, params, layers);
    }

    ModelSpec spec() {
        return spec;
    }

    /** Every tensor, in layer order: weights, biases, gammas, betas and running statistics. */
    List<TorchParameter> parameters() {
        return parameters;
    }

    /** Elements in all tensors: what {@link ModelSpec#params()} counts (running statistics included). */
    long parameterCount() {
        return parameters.stream().mapToLong(TorchParameter::size).sum();
    }

    /**
     * Overwrites the tensor called {@code name} with {@code values} (row-major, PyTorch layout),
     * e.g. to load trained weights or to set known ones in a test.
     *
     * @throws IllegalArgumentException for an unknown name or a wrong number of values
     */
    void assign(String name, float[] values) {
        TorchParameter p = parameters.stream().filter(q -> q.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no tensor \"" + name + "\"; known: "
                        + parameters.stream().map(TorchParameter::name).toList()));
        boolean grad = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try (NDArray value = TorchUpload.floats(p.value().getManager(), values, p.value().getShape())) {
            p.value().set(new ai.djl.ndarray.index.NDIndex("..."), value);
        } finally {
            JniUtils.setGradMode(grad);
        }
    }

    /**
     * The logits [N, classes] of a batch of NCHW images; batch statistics and dropout when
     * {@code training}, running statistics and no dropout otherwise.
     */
    PtNDArray forward(PtNDArray nchw, boolean training) {
        PtNDArray x = nchw;
        for (Layer layer : layers) {
            x = layer.apply(x, training);
        }
        return x;
    }

    /** One accumulator per batch-norm layer, in order, for {@link #measureBatchNorm}. */
    List<ChannelMoments> newBatchNormMoments() {
        return layers.stream().filter(BatchNormLayer.class::isInstance)
                .map(l -> new ChannelMoments(((BatchNormLayer) l).channels())).toList();
    }

    /**
     * Passes a batch of NCHW images through the network up to its last batch-norm layer with
     * dropout off, each batch-norm layer normalizing with the batch's statistics and adding them to
     * its accumulator in {@code moments} (from {@link #newBatchNormMoments}). Call with autograd off.
     */
    void measureBatchNorm(PtNDArray nchw, List<ChannelMoments> moments) {
        PtNDArray x = nchw;
        int measured = 0;
        for (Layer layer : layers) {
            if (measured == moments.size()) {
                break;
            }
            x = layer instanceof BatchNormLayer bn ? bn.measure(x, moments.get(measured++)) : layer.apply(x, false);
        }
    }

    /** Makes each batch-norm layer's accumulated moments its running mean and variance. */
    void setBatchNormStatistics(List<ChannelMoments> moments) {
        List<BatchNormLayer> norms = layers.stream().filter(BatchNormLayer.class::isInstance)
                .map(BatchNormLayer.class::cast).toList();
        boolean grad = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try {
            for (int i = 0; i < norms.size(); i++) {
                norms.get(i).setRunning(moments.get(i));
            }
        } finally {
            JniUtils.setGradMode(grad);
        }
    }

    /**
     * Every layer's output shape for {@code nchw} in inference mode, without the batch dimension
     * and in the spec's order (H, W, C for feature maps, [features] after Flatten): the network
     * as PyTorch really runs it, which tests compare layer by layer with the TensorFlow backend's
     * graph. Call with autograd off; the activations belong to the input's manager.
     */
    List<long[]> outputShapes(PtNDArray nchw) {
        List<long[]> shapes = new ArrayList<>();
        PtNDArray x = nchw;
        for (Layer layer : layers) {
            x = layer.apply(x, false);
            long[] s = x.getShape().getShape();
            shapes.add(s.length == 4 ? new long[] {s[2], s[3], s[1]} : Arrays.copyOfRange(s, 1, s.length));
        }
        return shapes;
    }

    private static TorchParameter trainable(String layer, String kind, PtNDArray value) {
        value.setRequiresGradient(true);
        return new TorchParameter(layer, kind, value, true);
    }

    private static PtNDArray tensor(NDManager manager, float[] values, long... shape) {
        return TorchUpload.floats(manager, values, new ai.djl.ndarray.types.Shape(shape));
    }

    private static PtNDArray zeros(NDManager manager, long... shape) {
        return (PtNDArray) manager.zeros(new ai.djl.ndarray.types.Shape(shape), DataType.FLOAT32);
    }

    private static PtNDArray ones(NDManager manager, int n) {
        return (PtNDArray) manager.ones(new ai.djl.ndarray.types.Shape(n), DataType.FLOAT32);
    }

    private static ai.djl.ndarray.types.Shape pair(long a, long b) {
        return new ai.djl.ndarray.types.Shape(a, b);
    }

    /**
     * Convolution with TensorFlow's padding: PyTorch's own (symmetric) padding when TensorFlow's
     * is symmetric, else explicit zeros (left, right, top, bottom) and no padding in the conv.
     */
    private static Layer conv(LayerSpec.Conv2D c, Shape in, PtNDArray w, PtNDArray b) {
        SamePadding ph = SamePadding.of(c.padding(), in.dim(0), c.kernelSize(), c.stride());
        SamePadding pw = SamePadding.of(c.padding(), in.dim(1), c.kernelSize(), c.stride());
        var stride = pair(c.stride(), c.stride());
        var dilation = pair(1, 1);
        if (ph.symmetric() && pw.symmetric()) {
            var padding = pair(ph.before(), pw.before());
            return (x, training) -> JniUtils.convolution(x, w, b, stride, padding, dilation, 1);
        }
        var explicit = new ai.djl.ndarray.types.Shape(pw.before(), pw.after(), ph.before(), ph.after());
        var none = pair(0, 0);
        return (x, training) -> JniUtils.convolution((PtNDArray) x.pad(explicit, 0), w, b, stride, none, dilation, 1);
    }

    /**
     * Max pooling with TensorFlow's padding, which pads with −∞ at the bottom and right. When all of
     * it goes after and is less than a stride, PyTorch's ceil mode takes exactly those partial
     * windows; otherwise the −∞ padding is explicit.
     */
    private static Layer maxPool(LayerSpec.MaxPool p, Shape in) {
        SamePadding ph = SamePadding.of(p.padding(), in.dim(0), p.poolSize(), p.stride());
        SamePadding pw = SamePadding.of(p.padding(), in.dim(1), p.poolSize(), p.stride());
        var window = pair(p.poolSize(), p.poolSize());
        var stride = pair(p.stride(), p.stride());
        var none = pair(0, 0);
        if (ph.none() && pw.none()) {
            return (x, training) -> JniUtils.maxPool(x, window, stride, none, false);
        }
        if (ph.before() == 0 && pw.before() == 0 && ph.after() < p.stride() && pw.after() < p.stride()) {
            return (x, training) -> JniUtils.maxPool(x, window, stride, none, true);
        }
        var explicit = new ai.djl.ndarray.types.Shape(pw.before(), pw.after(), ph.before(), ph.after());
        return (x, training) -> JniUtils.maxPool((PtNDArray) x.pad(explicit, Double.NEGATIVE_INFINITY),
                window, stride, none, false);
    }

    private static Layer activation(LayerSpec.Activation a) {
        double alpha = a.alpha();
        return switch (a.function()) {
            case RELU -> (x, training) -> JniUtils.relu(x);
            case ELU -> (x, training) -> JniUtils.elu(x, alpha);
            case LEAKY_RELU -> (x, training) -> JniUtils.leakyRelu(x, alpha);
            case SWISH -> (x, training) -> x.mul(JniUtils.sigmoid(x));
        };
    }

    /**
     * Batch normalization over the channel axis (1 in NCHW, the last of a flat input). PyTorch
     * refuses training statistics of a single value per channel (a batch of one 1×1 map);
     * TensorFlow then normalizes to beta with zero variance, and so does this.
     */
    private static final class BatchNormLayer implements Layer {

        private final PtNDArray gamma;
        private final PtNDArray beta;
        private final PtNDArray mean;
        private final PtNDArray variance;
        private final double momentum;
        private final double eps;

        BatchNormLayer(LayerSpec.BatchNorm bn, PtNDArray gamma, PtNDArray beta, PtNDArray mean, PtNDArray variance,
                       double momentum) {
            this.gamma = gamma;
            this.beta = beta;
            this.mean = mean;
            this.variance = variance;
            this.momentum = momentum;
            this.eps = bn.epsilon();
        }

        int channels() {
            return Math.toIntExact(mean.getShape().get(0));
        }

        @Override
        public PtNDArray apply(PtNDArray x, boolean training) {
            if (training && valuesPerChannel(x) == 1) {
                return singleValueBatchNorm(x, gamma, beta, mean, variance, momentum, eps);
            }
            // JniUtils names these arguments gamma, beta, mean, variance, but libtorch receives them as
            // running mean, running variance, weight, bias: the order below is libtorch's.
            return JniUtils.batchNorm(x, mean, variance, gamma, beta, training, 1 - momentum, eps);
        }

        /**
         * Normalizes {@code x} with its own statistics, as in training, and adds them to
         * {@code moments}; the running statistics stay as they are.
         */
        PtNDArray measure(PtNDArray x, ChannelMoments moments) {
            long values = valuesPerChannel(x);
            NDManager batch = x.getManager();
            if (values == 1) {
                float[] only = x.reshape(x.getShape().get(1)).toFloatArray();
                moments.add(only, new float[only.length], 1);
                NDArray b = beta.reshape(channelShape(x));
                b.attach(batch); // a view of a network tensor belongs to the network's manager
                return (PtNDArray) x.sub(x).add(b);
            }
            // libtorch updates running statistics as (1 − m)·running + m·batch: with m = 1, scratch
            // buffers receive the batch's mean and (Bessel-corrected) variance.
            PtNDArray batchMean = (PtNDArray) batch.zeros(mean.getShape(), DataType.FLOAT32);
            PtNDArray batchVariance = (PtNDArray) batch.ones(variance.getShape(), DataType.FLOAT32);
            PtNDArray y = JniUtils.batchNorm(x, batchMean, batchVariance, gamma, beta, true, 1.0, eps);
            float[] v = batchVariance.toFloatArray();
            for (int c = 0; c < v.length; c++) {
                v[c] = (float) (v[c] * ((values - 1) / (double) values));
            }
            moments.add(batchMean.toFloatArray(), v, values);
            return y;
        }

        /** Makes {@code moments} the running statistics. */
        void setRunning(ChannelMoments moments) {
            try (NDArray m = TorchUpload.floats(mean.getManager(), moments.mean(), mean.getShape());
                 NDArray v = TorchUpload.floats(variance.getManager(), moments.variance(), variance.getShape())) {
                mean.set(new ai.djl.ndarray.index.NDIndex("..."), m);
                variance.set(new ai.djl.ndarray.index.NDIndex("..."), v);
            }
        }

        private static long valuesPerChannel(PtNDArray x) {
            long[] shape = x.getShape().getShape();
            long n = shape[0];
            for (int i = 2; i < shape.length; i++) {
                n *= shape[i];
            }
            return n;
        }

        private static ai.djl.ndarray.types.Shape channelShape(NDArray x) {
            long[] broadcast = new long[x.getShape().dimension()];
            Arrays.fill(broadcast, 1);
            broadcast[1] = x.getShape().get(1);
            return new ai.djl.ndarray.types.Shape(broadcast);
        }
    }

    private static PtNDArray singleValueBatchNorm(PtNDArray x, PtNDArray gamma, PtNDArray beta, PtNDArray mean,
                                                  PtNDArray variance, double momentum, double eps) {
        var channelShape = BatchNormLayer.channelShape(x);
        boolean grad = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try (NDArray batch = x.stopGradient().reshape(x.getShape().get(1))) {
            mean.muli(momentum).addi(batch.mul((float) (1 - momentum)));
            variance.muli(momentum);
        } finally {
            JniUtils.setGradMode(grad);
        }
        NDArray g = gamma.reshape(channelShape);
        NDArray b = beta.reshape(channelShape);
        // Views of network tensors belong to the network's manager: hand them to the batch's.
        g.attach(x.getManager());
        b.attach(x.getManager());
        NDArray centered = x.sub(x);
        return (PtNDArray) centered.mul(g).div((float) Math.sqrt(eps)).add(b);
    }
}
