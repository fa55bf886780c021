package io.cnnga.backend.tensorflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cnnga.api.support.CpuFeatures;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.nn.LeakyRelu;
import org.tensorflow.types.TBfloat16;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TNumber;

/**
 * The fused convolution + bias + activation and its hand-written gradient give the same values
 * and gradients (input, kernel, bias) as the unfused float32 ops with the runtime's gradients: to
 * 1e-4 in float32, and in bfloat16 (the oneDNN op, on bfloat16 copies of the operands) to within
 * 2% of the float32 values' norm, which is bfloat16's precision.
 */
class FusedConvolutionTest {

    @ParameterizedTest(name = "{0}, stride {1}, {2}, {3}")
    @CsvSource({"Relu,1,SAME,float32", "Relu,2,VALID,float32", "LeakyRelu,1,SAME,float32", "LeakyRelu,2,SAME,float32",
            "Relu,1,SAME,bfloat16", "Relu,2,VALID,bfloat16", "LeakyRelu,1,SAME,bfloat16"})
    void sameValuesAndGradientsAsUnfusedOps(String activation, int stride, String padding, String type) {
        boolean bf16 = type.equals("bfloat16");
        if (bf16) {
            assumeTrue(CpuFeatures.current().fastBf16(), "this CPU has no avx512_bf16 or amx_bf16");
        }
        float alpha = 0.2f;
        long s = stride;
        try (Graph g = new Graph()) {
            Ops tf = Ops.create(g);
            Placeholder<TFloat32> x = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(3, 9, 9, 2)));
            Placeholder<TFloat32> k = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(3, 3, 2, 5)));
            Placeholder<TFloat32> b = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(5)));
            Operand<TFloat32> fused = bf16
                    ? tf.dtypes.cast(fused(tf, tf.dtypes.cast(x, TBfloat16.class), tf.dtypes.cast(k, TBfloat16.class),
                            tf.dtypes.cast(b, TBfloat16.class), activation, s, padding, alpha), TFloat32.class)
                    : fused(tf, x, k, b, activation, s, padding, alpha);
            Operand<TFloat32> pre = tf.nn.biasAdd(tf.nn.conv2d(x, k, List.of(1L, s, s, 1L), padding), b);
            Operand<TFloat32> plain = activation.equals("Relu") ? tf.nn.relu(pre)
                    : tf.nn.leakyRelu(pre, LeakyRelu.alpha(alpha));
            float[][] r = FusedAgainstPlain.outputsAndGradients(g, tf, fused, plain, List.of(x, k, b));
            for (int i = 0; i < r.length; i += 2) {
                float[] a = r[i];
                float[] e = r[i + 1];
                assertThat(a).hasSameSizeAs(e);
                if (bf16) {
                    assertThat(distance(a, e)).as("output %d", i).isLessThan(0.02 * norm(e));
                    continue;
                }
                for (int j = 0; j < a.length; j++) {
                    assertThat(a[j]).as("output %d element %d", i, j).isCloseTo(e[j], within(1e-4f));
                }
            }
        }
    }

    private static <T extends TNumber> Operand<T> fused(Ops tf, Operand<T> x, Operand<T> k, Operand<T> b,
                                                         String activation, long stride, String padding, float alpha) {
        return activation.equals("Relu")
                ? FusedConvolution.convBiasRelu(tf, x, k, b, stride, padding)
                : FusedConvolution.convBiasLeakyRelu(tf, x, k, b, stride, padding, alpha);
    }

    private static double distance(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (a[i] - b[i]) * (double) (a[i] - b[i]);
        }
        return Math.sqrt(sum);
    }

    private static double norm(float[] a) {
        return distance(a, new float[a.length]);
    }
}
