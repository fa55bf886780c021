package io.cnnga.backend.tensorflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

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
            // a loss that weighs every output differently
            Operand<TFloat32> weights = tf.math.sin(tf.dtypes.cast(
                    tf.reshape(tf.range(tf.constant(0), tf.size(plain), tf.constant(1)), tf.shape(plain)), TFloat32.class));
            Operand<TInt32> all = tf.constant(new int[] {0, 1});
            Operand<TFloat32> lossFused = tf.reduceSum(tf.math.mul(fused, weights), all);
            Operand<TFloat32> lossPlain = tf.reduceSum(tf.math.mul(plain, weights), all);
            Output<?>[] wrt = {x.asOutput(), k.asOutput(), b.asOutput()};
            Output<?>[] gFused = g.addGradients(lossFused.asOutput(), wrt);
            Output<?>[] gPlain = g.addGradients(lossPlain.asOutput(), wrt);
            Random random = new Random(4);
            try (Session session = new Session(g);
                 TFloat32 xv = Tensors.floats(randoms(random, batch * in), new long[] {batch, in});
                 TFloat32 kv = Tensors.floats(randoms(random, in * out), new long[] {in, out});
                 TFloat32 bv = Tensors.floats(randoms(random, out), new long[] {out});
                 Result r = session.runner().feed(x, xv).feed(k, kv).feed(b, bv)
                         .fetch(fused).fetch(plain)
                         .fetch(gFused[0]).fetch(gPlain[0]).fetch(gFused[1]).fetch(gPlain[1])
                         .fetch(gFused[2]).fetch(gPlain[2]).run()) {
                for (int i = 0; i < 8; i += 2) {
                    float[] a = Tensors.floats(r.get(i));
                    float[] e = Tensors.floats(r.get(i + 1));
                    assertThat(a).as("output %d", i).hasSameSizeAs(e);
                    for (int j = 0; j < a.length; j++) {
                        assertThat(a[j]).as("output %d element %d", i, j).isCloseTo(e[j], within(1e-4f));
                    }
                }
                if (relu) {
                    // the relu cut some outputs, so the gradients differ from the product's alone
                    assertThat(Tensors.floats(r.get(0))).contains(0f);
                }
            }
        }
    }

    private static float[] randoms(Random random, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return v;
    }
}
