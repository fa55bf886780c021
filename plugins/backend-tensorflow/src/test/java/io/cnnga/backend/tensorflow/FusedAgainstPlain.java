package io.cnnga.backend.tensorflow;

import java.util.List;
import java.util.Random;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * Test helper: a fused op and the unfused ops it stands for, run on the same random inputs with
 * their gradients under a loss that weighs every output differently.
 */
final class FusedAgainstPlain {

    private FusedAgainstPlain() {
    }

    /**
     * @param inputs placeholders of fully known shapes, fed standard normal values drawn in order
     *               from one generator seeded 4
     * @return {fused output, plain output}, then for each input {its gradient through the fused
     *         op, through the plain ones}
     */
    static float[][] outputsAndGradients(Graph g, Ops tf, Operand<TFloat32> fused, Operand<TFloat32> plain,
                                         List<Placeholder<TFloat32>> inputs) {
        Output<?>[] wrt = inputs.stream().map(Placeholder::asOutput).toArray(Output<?>[]::new);
        Output<?>[] gFused = g.addGradients(weightedSum(tf, fused).asOutput(), wrt);
        Output<?>[] gPlain = g.addGradients(weightedSum(tf, plain).asOutput(), wrt);
        Random random = new Random(4);
        try (Session session = new Session(g)) {
            Session.Runner runner = session.runner();
            TFloat32[] fed = new TFloat32[inputs.size()];
            try {
                for (int i = 0; i < fed.length; i++) {
                    long[] shape = inputs.get(i).shape().asArray();
                    fed[i] = Tensors.floats(gaussians(random, Math.toIntExact(inputs.get(i).shape().size())), shape);
                    runner.feed(inputs.get(i), fed[i]);
                }
                runner.fetch(fused).fetch(plain);
                for (int i = 0; i < wrt.length; i++) {
                    runner.fetch(gFused[i]).fetch(gPlain[i]);
                }
                try (Result r = runner.run()) {
                    float[][] out = new float[r.size()][];
                    for (int i = 0; i < out.length; i++) {
                        out[i] = Tensors.floats(r.get(i));
                    }
                    return out;
                }
            } finally {
                for (TFloat32 t : fed) {
                    if (t != null) {
                        t.close();
                    }
                }
            }
        }
    }

    /** The sum of {@code y}'s elements, each weighed by the sine of its index. */
    private static Operand<TFloat32> weightedSum(Ops tf, Operand<TFloat32> y) {
        Operand<TFloat32> flat = tf.reshape(y, tf.constant(new int[] {-1}));
        Operand<TFloat32> weights = tf.math.sin(tf.dtypes.cast(
                tf.range(tf.constant(0), tf.size(flat), tf.constant(1)), TFloat32.class));
        return tf.reduceSum(tf.math.mul(flat, weights), tf.constant(0));
    }

    private static float[] gaussians(Random random, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return v;
    }
}
