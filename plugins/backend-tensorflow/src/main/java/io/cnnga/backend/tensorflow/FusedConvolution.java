package io.cnnga.backend.tensorflow;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Operation;
import org.tensorflow.Output;
import org.tensorflow.op.Ops;
import org.tensorflow.op.data.LeakyReluGrad;
import org.tensorflow.OperationBuilder;
import org.tensorflow.proto.DataType;
import org.tensorflow.types.family.TNumber;

/**
 * Convolution + bias + relu (or leaky relu) as one fused op, with a gradient written here.
 *
 * <pre>{@code
 * Operand<TFloat32> y = FusedConvolution.convBiasRelu(tf, x, kernel, bias, 1, "SAME");
 * }</pre>
 *
 * <p>Why: the runtime's gradients of {@code Relu} and {@code LeakyRelu} read the activation's
 * input, so in a training graph the bias-add output has two consumers and Grappler will not fuse
 * the activation into the convolution (for leaky relu it tries, fails and logs an error); the
 * separate relu costs about 5% of a step on a CPU in float32, and more in bfloat16, whose
 * unfused relu is not a oneDNN kernel. The gradient registered here reads the fused op's output
 * instead (relu's output is positive exactly where its input is): dy → ReluGrad →
 * {Conv2DBackpropInput, Conv2DBackpropFilter, BiasAddGrad}, which Grappler fuses as usual.
 *
 * <p>Float32 operands build {@code _FusedConv2D}. Its definition refuses bfloat16, so bfloat16
 * operands build the op oneDNN's own graph rewrite turns {@code _FusedConv2D} into on the CPU,
 * {@code _MklNativeFusedConv2D}, labelled with the kernel that rewrite selects: callers fuse
 * bfloat16 only on the CPU (TensorFlow's x86 builds register that kernel; a GPU has none).
 *
 * @implSpec thread-safe; the gradient is registered once per JVM, before the first graph that
 *           uses either op is differentiated.
 */
final class FusedConvolution {

    static final String OP = "_FusedConv2D";
    /** The oneDNN op {@code _FusedConv2D} becomes on the CPU, which also computes in bfloat16. */
    static final String ONEDNN_OP = "_MklNativeFusedConv2D";
    /** The kernel label oneDNN's rewrite gives {@link #ONEDNN_OP}; without it no kernel matches. */
    private static final String ONEDNN_KERNEL = "MklNameChangeOp";

    private FusedConvolution() {
    }

    static <T extends TNumber> Operand<T> convBiasRelu(Ops op, Operand<T> x, Operand<T> kernel, Operand<T> bias,
                                                       long stride, String padding) {
        return build(op, x, kernel, bias, stride, padding, "Relu", 0f);
    }

    /**
     * Convolution + bias + leaky relu; {@code alpha} must be >= 0 (the gradient then reads the
     * sign of the output, which is the sign of the input).
     */
    static <T extends TNumber> Operand<T> convBiasLeakyRelu(Ops op, Operand<T> x, Operand<T> kernel, Operand<T> bias,
                                                            long stride, String padding, float alpha) {
        if (!(alpha >= 0)) {
            throw new IllegalArgumentException("fused leaky relu needs alpha >= 0, was " + alpha);
        }
        return build(op, x, kernel, bias, stride, padding, "LeakyRelu", alpha);
    }

    private static <T extends TNumber> Operand<T> build(Ops op, Operand<T> x, Operand<T> kernel, Operand<T> bias,
                                                        long stride, String padding, String activation, float alpha) {
        JavaGradients.registerOnce(OP, FusedConvolution::gradient);
        JavaGradients.registerOnce(ONEDNN_OP, FusedConvolution::gradient);
        DataType type = x.asOutput().dataType();
        if (type != DataType.DT_FLOAT && type != DataType.DT_BFLOAT16) {
            throw new IllegalArgumentException("a fused convolution computes in float32 or bfloat16, not " + type);
        }
        OperationBuilder builder = op.scope().opBuilder(type == DataType.DT_FLOAT ? OP : ONEDNN_OP, "FusedConv2D");
        if (type == DataType.DT_BFLOAT16) {
            builder.setAttr("_kernel", ONEDNN_KERNEL);
        }
        Operation fused = builder
                .addInput(x.asOutput())
                .addInput(kernel.asOutput())
                .addInputList(new Output<?>[] {bias.asOutput()})
                .addInputList(new Output<?>[0])
                .setAttr("num_args", 1L)
                .setAttr("strides", new long[] {1, stride, stride, 1})
                .setAttr("padding", padding)
                .setAttr("data_format", "NHWC")
                .setAttr("fused_ops", new String[] {"BiasAdd", activation})
                .setAttr("leakyrelu_alpha", alpha)
                .build();
        return fused.<T>output(0);
    }

    @SuppressWarnings("unchecked")
    private static List<Operand<?>> gradient(Ops tf, GraphOperation op, List<Output<?>> gradients) {
        String[] fusedOps = fusedOps(op);
        if (fusedOps.length != 2 || !"BiasAdd".equals(fusedOps[0])
                || !("Relu".equals(fusedOps[1]) || "LeakyRelu".equals(fusedOps[1]))) {
            throw new IllegalStateException("no gradient for " + OP + " with fused ops " + String.join(",", fusedOps));
        }
        Operand<TNumber> dy = (Operand<TNumber>) gradients.get(0);
        Operand<TNumber> y = op.output(0);
        Operand<TNumber> x = (Operand<TNumber>) op.input(0);
        Operand<TNumber> kernel = (Operand<TNumber>) op.input(1);
        List<Long> strides = new ArrayList<>();
        for (long s : op.attributes().getAttrIntList("strides")) {
            strides.add(s);
        }
        String padding = op.attributes().getAttrString("padding");
        Operand<TNumber> g = "Relu".equals(fusedOps[1]) ? tf.nn.reluGrad(dy, y)
                : tf.data.leakyReluGrad(dy, y, LeakyReluGrad.alpha(op.attributes().getAttrFloat("leakyrelu_alpha")));
        List<Operand<?>> out = new ArrayList<>(3);
        out.add(tf.nn.conv2dBackpropInput(tf.shape(x), kernel, g, strides, padding));
        out.add(tf.nn.conv2dBackpropFilter(x, tf.shape(kernel), g, strides, padding));
        out.add(tf.nn.biasAddGrad(g));
        return out;
    }

    private static String[] fusedOps(GraphOperation op) {
        try {
            return op.attributes().getAttrStringList("fused_ops");
        } catch (RuntimeException e) {
            return new String[0];
        }
    }
}
