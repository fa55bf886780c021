package io.cnnga.backend.tensorflow;

import io.cnnga.api.ActivationFunction;
import io.cnnga.api.support.DeviceChoice;
import io.cnnga.api.LayerSpec;
import io.cnnga.api.LayerSummary;
import io.cnnga.api.ModelSpec;
import io.cnnga.api.Precision;
import io.cnnga.api.Padding;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Operation;
import org.tensorflow.Output;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.nn.FusedBatchNorm;
import org.tensorflow.op.nn.LeakyRelu;
import org.tensorflow.op.random.RandomUniform;
import org.tensorflow.types.TBfloat16;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.family.TNumber;

/**
 * A {@link ModelSpec} built as a TensorFlow graph with {@link Ops}: the variables, a training
 * tower (batch statistics, dropout on) with its loss, accuracy and Adam step, a statistics tower
 * (batch statistics, dropout off) that measures each batch-norm layer's input, and an inference
 * tower (moving statistics, dropout off), all sharing the same variables.
 *
 * <pre>{@code
 * try (Graph g = new Graph()) {
 *     NetworkGraph net = NetworkGraph.training(g, spec, device, true, 0.9, seed, 1e-3, Precision.FP32);
 *     // feed net.images and net.labels, fetch net.trainLoss, target net.trainStep
 * }
 * }</pre>
 *
 * <p>Gradients come from {@link Graph#addGradients} over the trainable variables only (batch
 * norm's moving statistics are updated by assignments, not differentiated), and Adam is applied
 * with the fused {@code ApplyAdam} kernel. A layer's variables are updated as soon as every
 * backward op that reads them has run (their own gradients and the gradient of the layer's
 * input), so updates of the last layers overlap the backward pass of the first ones without ever
 * changing a kernel that is still being read. The loss is softmax cross-entropy on one-hot labels
 * (the runtime has no gradient for the sparse op). Convolution + bias + relu is one fused op in
 * the training tower ({@link FusedConvolution}). In bfloat16 ({@link #training}'s precision) the
 * training tower computes in bfloat16 from the images to the logits; the inference tower, which
 * every evaluation uses, stays float32 like the export, so the
 * validation and test accuracy a run records are those of the network it exports.
 * Variables start uninitialized: run {@link #initOps} feeding {@link #initValues}.
 */
final class NetworkGraph {

    static final String IMAGES = "images";
    static final String LABELS = "labels";
    static final String PROBABILITIES = "probabilities";

    static final float ADAM_BETA1 = 0.9f;
    static final float ADAM_BETA2 = 0.999f;
    /** Keras' Adam epsilon. */
    static final float ADAM_EPSILON = 1e-7f;

    final ModelSpec spec;
    final List<ParameterSpec> params;
    final Map<String, Variable<TFloat32>> variables = new LinkedHashMap<>();
    /** Placeholder feeding each parameter's initial value, by parameter name. */
    final Map<String, Placeholder<TFloat32>> initValues = new LinkedHashMap<>();
    /** Assignments that give every variable (parameters, Adam slots) its first value. */
    final List<Op> initOps = new ArrayList<>();

    final Placeholder<TFloat32> images;
    final Operand<TFloat32> probabilities;
    final Operand<TInt32> predictions;

    // Present in training graphs only.
    Placeholder<TInt32> labels;
    Operand<TFloat32> evalLossSum;
    Operand<TInt32> evalCorrect;
    Operand<TFloat32> trainLoss;
    Operand<TInt32> trainCorrect;
    Op trainStep;

    private final Ops tf;
    private final Map<Integer, Map<ParameterSpec.Role, Variable<TFloat32>>> byLayer = new LinkedHashMap<>();
    private final Operand<TFloat32> inferenceLogits;
    /**
     * Whether the training tower builds convolution + bias + relu as one op ({@link FusedConvolution})
     * and, in float32 on the CPU, each dense layer as one op ({@link FusedDense}).
     */
    private boolean fuseLayers = true;
    /** Whether the training tower computes in bfloat16, reading the float32 variables through casts. */
    private final boolean bf16;
    /** Whether the graph certainly runs on the CPU, where leaky relu and bfloat16 convolutions fuse too. */
    private boolean onCpu;
    /** The input of each weighted layer of the training tower, the images excepted. */
    private final Map<Integer, Operand<?>> trainingInputs = new LinkedHashMap<>();

    /** Which pass a tower of the graph computes. */
    private enum Tower {
        /** Batch statistics, dropout on: what the Adam step differentiates. */
        TRAINING,
        /** Batch statistics, dropout off: measures the statistics the inference tower should use. */
        STATISTICS,
        /** Moving statistics, dropout off. */
        INFERENCE
    }

    /**
     * One batch-norm layer as the statistics tower sees it: the mean and the (Bessel-corrected)
     * variance per channel of the batch fed, and the assignment of new moving statistics fed to
     * {@code mean} and {@code variance}.
     *
     * @param valuesPerImage values per channel each image contributes (height × width of the map)
     */
    record MeasuredStatistics(int channels, long valuesPerImage, Operand<TFloat32> batchMean,
                              Operand<TFloat32> batchVariance, Placeholder<TFloat32> mean,
                              Placeholder<TFloat32> variance, Op assign) {
    }

    /** Every batch-norm layer, in order, in training graphs; empty in inference graphs. */
    final List<MeasuredStatistics> statistics = new ArrayList<>();

    private NetworkGraph(Graph graph, ModelSpec spec, DeviceChoice device, boolean bf16) {
        this.spec = spec;
        this.bf16 = bf16;
        this.params = ParameterSpec.of(spec);
        this.tf = DevicePlacement.on(Ops.create(graph), device);
        for (ParameterSpec p : params) {
            Variable<TFloat32> v = tf.withName(p.name()).variable(Shape.of(p.shape()), TFloat32.class);
            Placeholder<TFloat32> value = tf.withName(p.name() + "_initial_value")
                    .placeholder(TFloat32.class, Placeholder.shape(Shape.of(p.shape())));
            variables.put(p.name(), v);
            initValues.put(p.name(), value);
            initOps.add(tf.withName(p.name() + "_initialize").assign(v, value));
            byLayer.computeIfAbsent(p.layer(), k -> new LinkedHashMap<>()).put(p.role(), v);
        }
        Shape in = Shape.of(-1, spec.input().dim(0), spec.input().dim(1), spec.input().dim(2));
        this.images = tf.withName(IMAGES).placeholder(TFloat32.class, Placeholder.shape(in));
        Operand<TFloat32> logits = forward(tf.withSubScope("inference"), images, Tower.INFERENCE, null);
        this.probabilities = tf.withName(PROBABILITIES).nn.softmax(logits);
        this.predictions = tf.withName("predictions").math.argMax(logits, tf.constant(1), TInt32.class);
        this.inferenceLogits = logits;
    }

    /** Only the inference tower, in float32: what a SavedModel holds. */
    static NetworkGraph inference(Graph graph, ModelSpec spec, DeviceChoice device) {
        return new NetworkGraph(graph, spec, device, false);
    }

    /**
     * Both towers, the loss, accuracy and the Adam step.
     *
     * @param onCpu     whether the graph certainly runs on the CPU, where convolution + bias + leaky
     *                  relu, and bfloat16 convolutions, may be fused (float32 relu is fused everywhere)
     * @param precision {@link Precision#BF16}: the training tower casts the images to bfloat16 and
     *                  computes every layer in bfloat16, each kernel and bias read through a cast
     *                  of its float32 variable, and casts the logits back to float32; the loss,
     *                  the variables, their gradients (autograd carries them back through the
     *                  casts), the Adam update and batch norm's statistics stay float32, and so do
     *                  the inference and statistics towers, as the export computes. On the CPU
     *                  convolution + bias + relu is one oneDNN op in bfloat16 too. With
     *                  {@link SessionConfig#bf16ByRewrite()} the graph is float32, unfused, and
     *                  Grappler's rewrite brings the bfloat16 in
     */
    static NetworkGraph training(Graph graph, ModelSpec spec, DeviceChoice device, boolean onCpu, double momentum,
                                 long seed, double learningRate, Precision precision) {
        NetworkGraph net = new NetworkGraph(graph, spec, device,
                precision == Precision.BF16 && !SessionConfig.bf16ByRewrite());
        net.onCpu = onCpu;
        // the rewrite would leave a fused layer in float32
        net.fuseLayers = !(precision == Precision.BF16 && SessionConfig.bf16ByRewrite());
        net.addTraining(graph, momentum, seed, learningRate);
        return net;
    }

    private void addTraining(Graph graph, double momentum, long seed, double learningRate) {
        labels = tf.withName(LABELS).placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
        Operand<TFloat32> oneHot = tf.oneHot(labels, tf.constant(spec.classes()), tf.constant(1f), tf.constant(0f));

        Ops eval = tf.withSubScope("evaluation");
        evalLossSum = eval.withName("loss_sum").reduceSum(
                eval.nn.softmaxCrossEntropyWithLogits(inferenceLogits, oneHot).loss(), eval.constant(0));
        evalCorrect = correct(eval, predictions);

        Ops train = tf.withSubScope("training");
        List<Op> updates = new ArrayList<>();
        Dropouts dropouts = new Dropouts(seed, momentum, updates);
        Operand<TFloat32> logits = bf16
                ? train.dtypes.cast(forward(train, train.dtypes.cast(images, TBfloat16.class), TBfloat16.class,
                        Tower.TRAINING, dropouts), TFloat32.class)
                : forward(train, images, Tower.TRAINING, dropouts);
        if (spec.layers().stream().anyMatch(LayerSpec.BatchNorm.class::isInstance)) {
            forward(tf.withSubScope("statistics"), images, Tower.STATISTICS, null);
        }
        trainLoss = train.withName("loss").math.mean(
                train.nn.softmaxCrossEntropyWithLogits(logits, oneHot).loss(), train.constant(0));
        trainCorrect = correct(train, train.math.argMax(logits, train.constant(1), TInt32.class));

        // Gradients of the trainable variables, and of each weighted layer's input: computing the
        // latter reads the layer's kernel, so the kernel's update must wait for it.
        List<ParameterSpec> trainable = params.stream().filter(ParameterSpec::trainable).toList();
        List<Integer> inputLayers = new ArrayList<>(trainingInputs.keySet());
        Output<?>[] xs = new Output<?>[trainable.size() + inputLayers.size()];
        for (int i = 0; i < trainable.size(); i++) {
            xs[i] = variables.get(trainable.get(i).name()).asOutput();
        }
        for (int i = 0; i < inputLayers.size(); i++) {
            xs[trainable.size() + i] = trainingInputs.get(inputLayers.get(i)).asOutput();
        }
        Output<?>[] grads = graph.addGradients(trainLoss.asOutput(), xs);
        Map<Integer, Set<Operation>> readers = new LinkedHashMap<>();
        for (int i = 0; i < trainable.size(); i++) {
            readers.computeIfAbsent(trainable.get(i).layer(), k -> new LinkedHashSet<>()).add(grads[i].op());
        }
        for (int i = 0; i < inputLayers.size(); i++) {
            readers.computeIfAbsent(inputLayers.get(i), k -> new LinkedHashSet<>()).add(grads[trainable.size() + i].op());
        }

        Ops adam = tf.withSubScope("adam");
        Variable<TFloat32> beta1Power = scalarVariable("adam_beta1_power", ADAM_BETA1);
        Variable<TFloat32> beta2Power = scalarVariable("adam_beta2_power", ADAM_BETA2);
        Operand<TFloat32> lr = adam.constant((float) learningRate);
        Operand<TFloat32> b1 = adam.constant(ADAM_BETA1);
        Operand<TFloat32> b2 = adam.constant(ADAM_BETA2);
        Operand<TFloat32> eps = adam.constant(ADAM_EPSILON);
        List<Op> applied = new ArrayList<>();
        for (int i = 0; i < trainable.size(); i++) {
            ParameterSpec p = trainable.get(i);
            Variable<TFloat32> m = zeroVariable(p.name() + "_adam_m", p.shape());
            Variable<TFloat32> v = zeroVariable(p.name() + "_adam_v", p.shape());
            @SuppressWarnings("unchecked")
            Operand<TFloat32> g = (Operand<TFloat32>) grads[i];
            // A variable changes only once every backward op that reads it has run.
            Ops apply = adam.withControlDependencyOps(readers.get(p.layer()));
            applied.add(apply.withName(p.name() + "_apply_adam").train.applyAdam(
                    variables.get(p.name()), m, v, beta1Power, beta2Power, lr, b1, b2, eps, g));
        }
        Ops after = adam.withControlDependencies(applied);
        updates.add(after.assign(beta1Power, after.math.mul(beta1Power, b1)));
        updates.add(after.assign(beta2Power, after.math.mul(beta2Power, b2)));
        trainStep = tf.withControlDependencies(updates).withName("train_step").noOp();
    }

    private Variable<TFloat32> zeroVariable(String name, long[] shape) {
        Variable<TFloat32> v = tf.withName(name).variable(Shape.of(shape), TFloat32.class);
        initOps.add(tf.withName(name + "_initialize").assign(v, tf.fill(tf.constant(shape), tf.constant(0f))));
        return v;
    }

    private Variable<TFloat32> scalarVariable(String name, float value) {
        Variable<TFloat32> v = tf.withName(name).variable(Shape.scalar(), TFloat32.class);
        initOps.add(tf.withName(name + "_initialize").assign(v, tf.constant(value)));
        return v;
    }

    private Operand<TInt32> correct(Ops ops, Operand<TInt32> predicted) {
        return ops.withName("correct").reduceSum(
                ops.dtypes.cast(ops.math.equal(predicted, labels), TInt32.class), ops.constant(0));
    }

    /** What the training tower needs beyond the inference one. */
    private record Dropouts(long seed, double momentum, List<Op> updates) {
    }

    private Operand<TFloat32> forward(Ops ops, Operand<TFloat32> x, Tower tower, Dropouts extra) {
        return forward(ops, x, TFloat32.class, tower, extra);
    }

    /**
     * The layers from {@code x} to the logits, computing in {@code type}: every kernel and bias is
     * read through a cast to it when that is not float32; batch norm's statistics stay float32
     * whatever {@code type} is.
     */
    private <T extends TNumber> Operand<T> forward(Ops ops, Operand<T> x, Class<T> type, Tower tower, Dropouts extra) {
        boolean training = tower == Tower.TRAINING;
        boolean float32 = type == TFloat32.class;
        Operand<T> input = x;
        List<LayerSummary> rows = spec.summary();
        for (int i = 0; i < rows.size(); i++) {
            LayerSummary row = rows.get(i);
            LayerSpec layer = row.layer();
            Map<ParameterSpec.Role, Variable<TFloat32>> v = byLayer.get(row.index());
            Ops op = ops.withSubScope(row.name());
            if (training && v != null && x != input) {
                trainingInputs.put(row.index(), x);
            }
            LayerSpec.Activation next = i + 1 < rows.size() && rows.get(i + 1).layer() instanceof LayerSpec.Activation a
                    ? a : null;
            Operand<TFloat32> kernel = v == null ? null : v.get(ParameterSpec.Role.KERNEL);
            Operand<TFloat32> bias = v == null ? null : v.get(ParameterSpec.Role.BIAS);
            // bfloat16's fused convolution is a oneDNN kernel: the CPU's alone
            boolean fuse = (float32 || onCpu) && tower != Tower.INFERENCE && fuseLayers && next != null;
            if (layer instanceof LayerSpec.Conv2D c && fuse && next.function() == ActivationFunction.RELU) {
                x = FusedConvolution.convBiasRelu(op, x, cast(op, kernel, type), cast(op, bias, type), c.stride(),
                        padding(c.padding()));
                i++; // the activation is done
            } else if (layer instanceof LayerSpec.Conv2D c && fuse && onCpu
                    && next.function() == ActivationFunction.LEAKY_RELU && next.alpha() >= 0) {
                x = FusedConvolution.convBiasLeakyRelu(op, x, cast(op, kernel, type), cast(op, bias, type), c.stride(),
                        padding(c.padding()), (float) next.alpha());
                i++;
            } else if (layer instanceof LayerSpec.Conv2D c) {
                long s = c.stride();
                x = op.nn.biasAdd(op.nn.conv2d(x, cast(op, kernel, type), List.of(1L, s, s, 1L), padding(c.padding())),
                        cast(op, bias, type));
            } else if (layer instanceof LayerSpec.Activation a) {
                x = activation(op, x, type, a);
            } else if (layer instanceof LayerSpec.BatchNorm b) {
                x = batchNorm(op, x, b, row, v, tower, extra);
            } else if (layer instanceof LayerSpec.MaxPool p) {
                x = maxPool(op, x, p);
            } else if (layer instanceof LayerSpec.Dropout d) {
                if (training && d.rate() > 0) {
                    float keep = (float) (1 - d.rate());
                    Operand<TFloat32> u = op.random.randomUniform(op.shape(x), TFloat32.class,
                            RandomUniform.seed(extra.seed()), RandomUniform.seed2((long) row.index() + 1));
                    Operand<TFloat32> mask = op.math.mul(
                            op.dtypes.cast(op.math.greaterEqual(u, op.constant((float) d.rate())), TFloat32.class),
                            op.constant(1f / keep));
                    x = op.math.mul(x, op.stopGradient(cast(op, mask, type)));
                }
            } else if (layer instanceof LayerSpec.Flatten) {
                x = op.reshape(x, op.constant(new int[] {-1, row.output().dim(0)}));
            } else if (layer instanceof LayerSpec.Dense && float32 && onCpu && training && fuseLayers) {
                // a gradient whose input product oneDNN need not repack the kernel for (FusedDense)
                boolean relu = next != null && next.function() == ActivationFunction.RELU;
                Operand<TFloat32> in = (Operand<TFloat32>) x;
                x = (Operand<T>) (relu ? FusedDense.denseBiasRelu(op, in, kernel, bias)
                        : FusedDense.denseBias(op, in, kernel, bias));
                if (relu) {
                    i++; // the activation is done
                }
            } else if (layer instanceof LayerSpec.Dense) {
                x = op.nn.biasAdd(op.linalg.matMul(x, cast(op, kernel, type)), cast(op, bias, type));
            } else {
                throw new IllegalArgumentException("layer type " + layer.type() + " is not supported by TensorFlow backend");
            }
        }
        return x;
    }

    /** {@code x} in {@code type}: itself when that is float32, else a cast copy. */
    @SuppressWarnings("unchecked")
    private static <T extends TNumber> Operand<T> cast(Ops op, Operand<TFloat32> x, Class<T> type) {
        return type == TFloat32.class ? (Operand<T>) x : op.dtypes.cast(x, type);
    }

    /**
     * The v1 {@code MaxPool} op, window and strides as attributes: unlike {@code MaxPoolV2} (what
     * {@code Ops.nn.maxPool} builds) it has oneDNN kernels for the pass and its gradient.
     */
    private static <T extends TNumber> Operand<T> maxPool(Ops op, Operand<T> x, LayerSpec.MaxPool p) {
        Operation pool = op.scope().opBuilder("MaxPool", "MaxPool")
                .addInput(x.asOutput())
                .setAttr("ksize", new long[] {1, p.poolSize(), p.poolSize(), 1})
                .setAttr("strides", new long[] {1, p.stride(), p.stride(), 1})
                .setAttr("padding", padding(p.padding()))
                .setAttr("data_format", "NHWC")
                .build();
        return pool.<T>output(0);
    }

    private static String padding(Padding p) {
        return p == Padding.SAME ? "SAME" : "VALID";
    }

    private static <T extends TNumber> Operand<T> activation(Ops op, Operand<T> x, Class<T> type,
                                                            LayerSpec.Activation a) {
        ActivationFunction f = a.function();
        return switch (f) {
            case RELU -> op.nn.relu(x);
            case ELU -> a.alpha() == 1.0 ? op.nn.elu(x)
                    : op.select(op.math.greater(x, cast(op, op.constant(0f), type)), x,
                            op.math.mul(cast(op, op.constant((float) a.alpha()), type), op.nn.elu(x)));
            case LEAKY_RELU -> op.nn.leakyRelu(x, LeakyRelu.alpha((float) a.alpha()));
            case SWISH -> op.math.mul(x, op.math.sigmoid(x));
        };
    }

    private <T extends TNumber> Operand<T> batchNorm(Ops op, Operand<T> x, LayerSpec.BatchNorm b, LayerSummary row,
                                        Map<ParameterSpec.Role, Variable<TFloat32>> v, Tower tower, Dropouts training) {
        Variable<TFloat32> mean = v.get(ParameterSpec.Role.MOVING_MEAN);
        Variable<TFloat32> variance = v.get(ParameterSpec.Role.MOVING_VARIANCE);
        if (tower == Tower.INFERENCE) {
            // FusedBatchNorm's inference mode computes the same, but its oneDNN kernel (bnorm_tbb_jit,
            // forward_inference, NHWC) took 91 of the 116 ms of a ref-a evaluation batch
            Operand<TFloat32> scale = op.math.mul(v.get(ParameterSpec.Role.GAMMA),
                    op.math.rsqrt(op.math.add(variance, op.constant((float) b.epsilon()))));
            Operand<TFloat32> shift = op.math.sub(v.get(ParameterSpec.Role.BETA), op.math.mul(mean, scale));
            return op.nn.biasAdd(op.math.mul(x, cast(op, scale, x.type())), cast(op, shift, x.type()));
        }
        boolean flat = row.input().rank() != 3;
        int channels = row.input().dim(row.input().rank() - 1);
        Operand<T> in = flat ? op.reshape(x, op.constant(new int[] {-1, 1, 1, channels})) : x;
        FusedBatchNorm<T, TFloat32> bn;
        if (tower == Tower.STATISTICS) {
            Operand<TFloat32> empty = op.constant(new float[0]);
            bn = op.nn.fusedBatchNorm(in, v.get(ParameterSpec.Role.GAMMA), v.get(ParameterSpec.Role.BETA), empty, empty,
                    FusedBatchNorm.epsilon((float) b.epsilon()), FusedBatchNorm.isTraining(true));
            Shape shape = Shape.of(channels);
            Placeholder<TFloat32> newMean = op.withName("new_moving_mean").placeholder(TFloat32.class, Placeholder.shape(shape));
            Placeholder<TFloat32> newVariance = op.withName("new_moving_variance")
                    .placeholder(TFloat32.class, Placeholder.shape(shape));
            Op assign = op.withControlDependencies(List.of(op.assign(mean, newMean), op.assign(variance, newVariance)))
                    .withName("assign_moving_statistics").noOp();
            long valuesPerImage = flat ? 1 : (long) row.input().dim(0) * row.input().dim(1);
            statistics.add(new MeasuredStatistics(channels, valuesPerImage, bn.batchMean(), bn.batchVariance(), newMean,
                    newVariance, assign));
        } else { // the training tower
            Operand<TFloat32> empty = op.constant(new float[0]);
            bn = op.nn.fusedBatchNorm(in, v.get(ParameterSpec.Role.GAMMA), v.get(ParameterSpec.Role.BETA), empty, empty,
                    FusedBatchNorm.epsilon((float) b.epsilon()), FusedBatchNorm.isTraining(true));
            Operand<TFloat32> rate = op.constant((float) (1 - training.momentum()));
            // moving -= (moving - batch) * (1 - momentum)
            training.updates().add(op.assignSub(mean, op.math.mul(op.math.sub(mean, bn.batchMean()), rate)));
            training.updates().add(op.assignSub(variance, op.math.mul(op.math.sub(variance, bn.batchVariance()), rate)));
        }
        return flat ? op.reshape(bn.y(), op.constant(new int[] {-1, channels})) : bn.y();
    }
}
