package io.cnnga.backend.pytorch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Adam's update is TensorFlow's: {@code w −= lr·sqrt(1 − β₂ᵗ)/(1 − β₁ᵗ) · m / (sqrt(v) + 1e-7)}.
 * Tiny gradients tell it apart from {@code torch.optim.Adam}, whose bias-corrected denominator
 * makes every first step about {@code lr}.
 */
class KerasAdamTest {

    @Test
    void followsTensorFlowsApplyAdamForThreeSteps() {
        double lr = 0.01;
        float[] w = followApplyAdam(new float[] {1f, 2f, 3f}, new float[] {1e-5f, -2e-6f, 0.5f}, lr, 3);
        // torch.optim.Adam would have moved w[0] by about lr per step; Keras' ε holds it to about 0.81·lr a step.
        assertThat(1 - w[0]).isLessThan((float) (0.9 * 3 * lr));
    }

    @Test
    void aTensorOfSeveralChunksIsUpdatedAcrossItsChunkBoundaries() {
        int n = 2 * KerasAdam.CHUNK + 3;
        float[] initial = new float[n];
        float[] gradient = new float[n];
        for (int i = 0; i < n; i++) {
            initial[i] = i % 5;
            gradient[i] = ((i % 7) - 3) * 1e-3f;
        }
        followApplyAdam(initial, gradient, 0.01, 2);
    }

    /**
     * Runs {@code steps} updates of a tensor whose loss gradient is {@code gradient}, asserting
     * after each that every element is where TensorFlow's formula, computed here, puts it.
     *
     * @return the tensor's final values
     */
    private static float[] followApplyAdam(float[] initial, float[] gradient, double lr, int steps) {
        int n = initial.length;
        try (NDManager manager = TorchTestSupport.engine().newBaseManager(Device.cpu())) {
            PtNDArray w = TorchUpload.floats(manager, initial, new Shape(n));
            w.setRequiresGradient(true);
            KerasAdam adam = new KerasAdam(List.of(new TorchParameter("w", io.cnnga.api.LayerParameter.KERNEL, w, true)), lr, manager);
            double[] expected = new double[n];
            for (int i = 0; i < n; i++) {
                expected[i] = initial[i];
            }
            double[] m = new double[n];
            double[] v = new double[n];
            float[] actual = initial;
            for (int t = 1; t <= steps; t++) {
                boolean grad = JniUtils.isGradMode();
                JniUtils.setGradMode(true);
                try (NDManager step = manager.newSubManager()) {
                    NDArray c = TorchUpload.floats(step, gradient, new Shape(n));
                    NDArray loss = w.mul(c).sum();
                    loss.attach(step);
                    JniUtils.backward((PtNDArray) loss, (PtNDArray) step.ones(loss.getShape()), false, false);
                    adam.step(step);
                } finally {
                    JniUtils.setGradMode(grad);
                }
                double stepSize = lr * Math.sqrt(1 - Math.pow(0.999, t)) / (1 - Math.pow(0.9, t));
                for (int i = 0; i < n; i++) {
                    m[i] = 0.9 * m[i] + 0.1 * gradient[i];
                    v[i] = 0.999 * v[i] + 0.001 * gradient[i] * gradient[i];
                    expected[i] -= stepSize * m[i] / (Math.sqrt(v[i]) + 1e-7);
                }
                actual = w.toFloatArray();
                int worst = 0;
                for (int i = 1; i < n; i++) {
                    if (Math.abs(actual[i] - expected[i]) > Math.abs(actual[worst] - expected[worst])) {
                        worst = i;
                    }
                }
                assertThat((double) actual[worst]).as("w[%d] after step %d", worst, t).isCloseTo(expected[worst], within(1e-6));
            }
            assertThat(adam.steps()).isEqualTo(steps);
            return actual;
        }
    }
}
