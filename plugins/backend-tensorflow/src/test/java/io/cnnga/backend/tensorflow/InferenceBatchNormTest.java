package io.cnnga.backend.tensorflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.cnnga.api.LayerSpec;
import io.cnnga.api.ModelSpec;
import io.cnnga.api.Shape;
import io.cnnga.api.support.DeviceChoice;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.types.TFloat32;

/**
 * The inference tower (validation, test, latency, the export) normalizes with the stored
 * statistics: {@code (x − mean) / √(variance + ε) · γ + β} per channel, on feature maps and on
 * flat vectors alike.
 */
class InferenceBatchNormTest {

    private static final double EPSILON = 1e-3;
    private static final float[] GAMMA = {1.5f, -0.5f, 2f};
    private static final float[] BETA = {0.25f, -1f, 0f};
    private static final float[] MEAN = {0.4f, -0.2f, 3f};
    private static final float[] VARIANCE = {0.09f, 4f, 0.5f};

    @Test
    void featureMapsAreNormalizedPerChannelWithTheStoredStatistics() {
        // batch norm of 2x2x3 maps, flattened, through an identity dense layer: the logits are its output
        ModelSpec spec = new ModelSpec(Shape.of(2, 2, 3), 12, List.of(
                new LayerSpec.BatchNorm(EPSILON), new LayerSpec.Flatten(), new LayerSpec.Dense(12)));
        assertNormalized(spec, false);
    }

    @Test
    void flatVectorsAreNormalizedPerUnitWithTheStoredStatistics() {
        ModelSpec spec = new ModelSpec(Shape.of(2, 2, 3), 12, List.of(
                new LayerSpec.Flatten(), new LayerSpec.Dense(3), new LayerSpec.BatchNorm(EPSILON), new LayerSpec.Dense(12)));
        assertNormalized(spec, true);
    }

    /**
     * Feeds two images and checks the network's probabilities against the formula's, computed here.
     *
     * @param flat whether batch norm follows a dense layer of three units (else it takes the images)
     */
    private static void assertNormalized(ModelSpec spec, boolean flat) {
        int inputs = spec.input().dim(0) * spec.input().dim(1) * spec.input().dim(2);
        String batchNorm = "batch_normalization";
        String identityDense = flat ? "dense_1" : "dense";
        float[] pixels = new float[2 * inputs];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (float) Math.sin(1.7 * i + 0.3);
        }
        Map<String, float[]> values = new HashMap<>();
        values.put(batchNorm + "_gamma", GAMMA);
        values.put(batchNorm + "_beta", BETA);
        values.put(batchNorm + "_moving_mean", MEAN);
        values.put(batchNorm + "_moving_variance", VARIANCE);
        values.put(identityDense + "_kernel", identity(flat ? 3 : 12, 12));
        values.put(identityDense + "_bias", new float[12]);
        if (flat) {
            // the first dense layer passes the first three pixels on as the three units
            values.put("dense_kernel", identity(inputs, 3));
            values.put("dense_bias", new float[3]);
        }
        try (Graph graph = new Graph();
             Session session = new Session(graph, SessionConfig.of(DeviceChoice.CPU, 0))) {
            NetworkGraph net = NetworkGraph.inference(graph, spec, DeviceChoice.CPU);
            TensorFlowTrainingSteps.initialize(session, net, values);
            try (TFloat32 x = Tensors.floats(pixels, new long[] {2, 2, 2, 3});
                 Result r = session.runner().feed(net.images, x).fetch(net.probabilities).run()) {
                float[] probabilities = Tensors.floats(r.get(0));
                for (int image = 0; image < 2; image++) {
                    double[] logits = new double[12];
                    for (int i = 0; i < (flat ? 3 : 12); i++) {
                        int c = i % 3;
                        double v = pixels[image * inputs + i];
                        logits[i] = (v - MEAN[c]) / Math.sqrt(VARIANCE[c] + EPSILON) * GAMMA[c] + BETA[c];
                    }
                    double[] expected = softmax(logits);
                    for (int k = 0; k < 12; k++) {
                        assertThat((double) probabilities[image * 12 + k]).as("image %d class %d", image, k)
                                .isCloseTo(expected[k], within(1e-6));
                    }
                }
            }
        }
    }

    private static float[] identity(int rows, int columns) {
        float[] out = new float[rows * columns];
        for (int i = 0; i < Math.min(rows, columns); i++) {
            out[i * columns + i] = 1f;
        }
        return out;
    }

    private static double[] softmax(double[] logits) {
        double max = Double.NEGATIVE_INFINITY;
        for (double l : logits) {
            max = Math.max(max, l);
        }
        double sum = 0;
        double[] out = new double[logits.length];
        for (int i = 0; i < logits.length; i++) {
            out[i] = Math.exp(logits[i] - max);
            sum += out[i];
        }
        for (int i = 0; i < out.length; i++) {
            out[i] /= sum;
        }
        return out;
    }
}
