package io.cnnga.backend.tensorflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * The fused dense layer (product + bias, with or without relu) and its hand-written gradient give
 * the same values and gradients (input, kernel, bias) as {@code MatMul} + {@code BiasAdd}
 * (+ {@code Relu}) with the runtime's gradients, to 1e-4.
 */
class FusedDenseTest {

    @ParameterizedTest(name = "relu {0}")
    @ValueSource(booleans = {false, true})
    void sameValuesAndGradientsAsUnfusedOps(boolean relu) {
        int batch = 5;
        int in = 37;
        int out = 11;
        try (Graph g = new Graph()) {
            Ops tf = Ops.create(g);
            Placeholder<TFloat32> x = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(batch, in)));
            Placeholder<TFloat32> k = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(in, out)));
            Placeholder<TFloat32> b = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(out)));
            Operand<TFloat32> fused = relu ? FusedDense.denseBiasRelu(tf, x, k, b) : FusedDense.denseBias(tf, x, k, b);
            Operand<TFloat32> pre = tf.nn.biasAdd(tf.linalg.matMul(x, k), b);
            Operand<TFloat32> plain = relu ? tf.nn.relu(pre) : pre;
            float[][] r = FusedAgainstPlain.outputsAndGradients(g, tf, fused, plain, List.of(x, k, b));
            for (int i = 0; i < r.length; i += 2) {
                assertThat(r[i]).as("output %d", i).hasSameSizeAs(r[i + 1]);
                for (int j = 0; j < r[i].length; j++) {
                    assertThat(r[i][j]).as("output %d element %d", i, j).isCloseTo(r[i + 1][j], within(1e-4f));
                }
            }
            if (relu) {
                // the relu cut some outputs, so the gradients differ from the product's alone
                assertThat(r[0]).contains(0f);
            }
        }
    }
}
