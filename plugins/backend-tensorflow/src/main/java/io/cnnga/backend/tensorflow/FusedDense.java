package io.cnnga.backend.tensorflow;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Operation;
import org.tensorflow.Output;
import org.tensorflow.op.Ops;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.types.TFloat32;

/**
 * A float32 dense layer (matrix product + bias, optionally + relu) as one fused op, with a
 * gradient written here.
 *
 * <pre>{@code
 * Operand<TFloat32> y = FusedDense.denseBiasRelu(tf, x, kernel, bias);  // x [N, in], kernel [in, out]
 * }</pre>
 *
 * <p>Why: the runtime's gradient of {@code MatMul} computes the input's gradient as
 * {@code MatMul(dy, kernel, transpose_b)}, for which oneDNN repacks the whole kernel every step:
 * 6.0 ms for a 3136 × 2048 kernel at batch 32 on 2 cores, where the same product written as
 * {@code transpose(MatMul(kernel, dy, transpose_b))} takes 1.7 ms (the transpose is of the small
 * {@code [in, N]} result). The gradient registered here computes it that way; the kernel's and the
 * bias's gradients are the runtime's ({@code MatMul(x, dy, transpose_a)}, {@code BiasAddGrad}).
 * With relu fused, the gradient reads the op's output (positive exactly where the relu's input
 * is), as {@link FusedConvolution} does, which also saves the separate relu.
 *
 * <p>Float32 training on the CPU only. In bfloat16 the rewritten product is slower than the
 * runtime's (4.1 against 3.4 ms), and a bfloat16 step whose dense layers compute in float32 through
 * this op was no faster ({@code ref-b}) or slower ({@code ref-a}) than one with bfloat16 dense
 * layers; on a GPU the op's kernels were never run.
 *
 * @implSpec thread-safe; the gradient is registered once per JVM, before the first graph that
 *           uses the op is differentiated.
 */
final class FusedDense {

    static final String OP = "_FusedMatMul";

    private FusedDense() {
    }

    /** {@code x · kernel + bias}. */
    static Operand<TFloat32> denseBias(Ops op, Operand<TFloat32> x, Operand<TFloat32> kernel, Operand<TFloat32> bias) {
        return build(op, x, kernel, bias, new String[] {"BiasAdd"});
    }

    /** {@code relu(x · kernel + bias)}. */
    static Operand<TFloat32> denseBiasRelu(Ops op, Operand<TFloat32> x, Operand<TFloat32> kernel,
                                           Operand<TFloat32> bias) {
        return build(op, x, kernel, bias, new String[] {"BiasAdd", "Relu"});
    }

    private static Operand<TFloat32> build(Ops op, Operand<TFloat32> x, Operand<TFloat32> kernel,
                                           Operand<TFloat32> bias, String[] fusedOps) {
        JavaGradients.registerOnce(OP, FusedDense::gradient);
        Operation fused = op.scope().opBuilder(OP, "FusedMatMul")
                .addInput(x.asOutput())
                .addInput(kernel.asOutput())
                .addInputList(new Output<?>[] {bias.asOutput()})
                .setAttr("transpose_a", false)
                .setAttr("transpose_b", false)
                .setAttr("num_args", 1L)
                .setAttr("fused_ops", fusedOps)
                .build();
        return fused.output(0);
    }

    @SuppressWarnings("unchecked")
    private static List<Operand<?>> gradient(Ops tf, GraphOperation op, List<Output<?>> gradients) {
        String[] fusedOps = op.attributes().getAttrStringList("fused_ops");
        boolean relu = fusedOps.length == 2 && "Relu".equals(fusedOps[1]);
        if (!(fusedOps.length == 1 || relu) || !"BiasAdd".equals(fusedOps[0])
                || op.attributes().getAttrBool("transpose_a") || op.attributes().getAttrBool("transpose_b")) {
            throw new IllegalStateException("no gradient for " + OP + " with fused ops " + String.join(",", fusedOps)
                    + " or transposed operands");
        }
        Operand<TFloat32> dy = (Operand<TFloat32>) gradients.get(0);
        Operand<TFloat32> g = relu ? tf.nn.reluGrad(dy, op.<TFloat32>output(0)) : dy;
        Operand<TFloat32> x = (Operand<TFloat32>) op.input(0);
        Operand<TFloat32> kernel = (Operand<TFloat32>) op.input(1);
        List<Operand<?>> out = new ArrayList<>(3);
        out.add(tf.linalg.transpose(tf.linalg.matMul(kernel, g, MatMul.transposeB(true)), tf.constant(new int[] {1, 0})));
        out.add(tf.linalg.matMul(x, g, MatMul.transposeA(true)));
        out.add(tf.nn.biasAddGrad(g));
        return out;
    }
}
