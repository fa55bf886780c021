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
        float[] gradient = {1e-5f, -2e-6f, 0.5f};
        double lr = 0.01;
        try (NDManager manager = TorchTestSupport.engine().newBaseManager(Device.cpu())) {
            PtNDArray w = TorchUpload.floats(manager, new float[] {1f, 2f, 3f}, new Shape(3));
            w.setRequiresGradient(true);
            KerasAdam adam = new KerasAdam(List.of(new TorchParameter("w", io.cnnga.api.LayerParameter.KERNEL, w, true)), lr, manager);
            double[] expected = {1, 2, 3};
            double[] m = new double[3];
            double[] v = new double[3];
            for (int t = 1; t <= 3; t++) {
                boolean grad = JniUtils.isGradMode();
                JniUtils.setGradMode(true);
                try (NDManager step = manager.newSubManager()) {
                    NDArray c = TorchUpload.floats(step, gradient, new Shape(3));
                    NDArray loss = w.mul(c).sum();
                    loss.attach(step);
                    JniUtils.backward((PtNDArray) loss, (PtNDArray) step.ones(loss.getShape()), false, false);
                    adam.step(step);
                } finally {
                    JniUtils.setGradMode(grad);
                }
                double stepSize = lr * Math.sqrt(1 - Math.pow(0.999, t)) / (1 - Math.pow(0.9, t));
                for (int i = 0; i < 3; i++) {
                    m[i] = 0.9 * m[i] + 0.1 * gradient[i];
                    v[i] = 0.999 * v[i] + 0.001 * gradient[i] * gradient[i];
                    expected[i] -= stepSize * m[i] / (Math.sqrt(v[i]) + 1e-7);
                }
                float[] actual = w.toFloatArray();
                for (int i = 0; i < 3; i++) {
                    assertThat((double) actual[i]).as("w[%d] after step %d", i, t).isCloseTo(expected[i], within(1e-6));
                }
            }
            assertThat(adam.steps()).isEqualTo(3);
            // torch.optim.Adam would have moved w[0] by about lr per step; Keras' ε holds it to about 0.81·lr a step.
            assertThat(1 - w.toFloatArray()[0]).isLessThan((float) (0.9 * 3 * lr));
        }
    }
}
