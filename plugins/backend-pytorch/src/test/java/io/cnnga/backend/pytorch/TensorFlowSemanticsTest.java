package io.cnnga.backend.pytorch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.cnnga.api.ActivationFunction;
import io.cnnga.api.LayerSpec;
import io.cnnga.api.Padding;
import io.cnnga.api.Shape;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The PyTorch network computes what TensorFlow computes: SAME padding of even kernels at the
 * bottom/right, −∞ padding of max pools, NHWC flatten order, activations with their alphas, and
 * batch norm with TensorFlow's momentum.
 */
class TensorFlowSemanticsTest {

    /** 3×3 input 1..9, kernel 2×2 [[1, 2], [3, 4]], bias 0.5, SAME stride 1: the extra row and column are at the bottom/right. */
    @Test
    void evenKernelSamePaddingGoesBottomRightByHand() {
        float[] image = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        float[] out = TorchTestSupport.layerOutput(new LayerSpec.Conv2D(1, 2, 1, Padding.SAME), Shape.of(3, 3, 1), image,
                net -> {
                    net.assign("conv2d.weight", new float[] {1, 2, 3, 4});   // [out 1, in 1, 2, 2]
                    net.assign("conv2d.bias", new float[] {0.5f});
                }, false);
        // out[i][j] = 1·x[i][j] + 2·x[i][j+1] + 3·x[i+1][j] + 4·x[i+1][j+1], zero beyond the bottom/right edge
        float[] expected = {
            1 + 4 + 12 + 20, 2 + 6 + 15 + 24, 3 + 0 + 18 + 0,
            4 + 10 + 21 + 32, 5 + 12 + 24 + 36, 6 + 0 + 27 + 0,
            7 + 16 + 0 + 0, 8 + 18 + 0 + 0, 9 + 0 + 0 + 0,
        };
        for (int i = 0; i < expected.length; i++) {
            expected[i] += 0.5f;
        }
        assertThat(out).containsExactly(expected, within(1e-4f));
    }

    /** Every kernel size, strides 1–3, odd and even inputs, several channels: against the Java reference. */
    @ParameterizedTest(name = "k={0} stride={1} in={2}x{3}x{4} out={5} {6}")
    @CsvSource({
        "2, 1, 5, 6, 2, 3, SAME", "2, 2, 5, 5, 1, 2, SAME", "3, 1, 4, 4, 3, 2, SAME", "3, 2, 6, 7, 2, 2, SAME",
        "4, 2, 5, 5, 1, 1, SAME", "5, 1, 6, 5, 2, 2, SAME", "5, 3, 7, 8, 1, 2, SAME", "7, 1, 8, 8, 1, 2, SAME",
        "6, 1, 7, 7, 1, 1, SAME", "2, 1, 5, 5, 2, 2, VALID", "3, 2, 7, 6, 1, 2, VALID"})
    void convolutionMatchesTensorFlowRule(int k, int stride, int h, int w, int cin, int cout, Padding padding) {
        SplittableRandom random = new SplittableRandom(k * 100L + stride);
        float[] image = randoms(h * w * cin, random);
        float[] kernelTf = randoms(k * k * cin * cout, random);
        float[] bias = randoms(cout, random);
        float[] out = TorchTestSupport.layerOutput(new LayerSpec.Conv2D(cout, k, stride, padding), Shape.of(h, w, cin), image,
                net -> {
                    net.assign("conv2d.weight", TorchLayouts.convToTorch(kernelTf, k, cin, cout));
                    net.assign("conv2d.bias", bias);
                }, false);
        float[] expected = TfReference.conv2d(image, h, w, cin, kernelTf, bias, k, cout, stride, padding == Padding.SAME);
        assertThat(out).containsExactly(expected, within(1e-4f));
    }

    /** 3×3 of negatives, pool 2×2 stride 2 SAME: the bottom/right windows see only real pixels, never a 0. */
    @Test
    void maxPoolPadsWithMinusInfinityAtBottomRight() {
        float[] image = {-9, -8, -7, -6, -5, -4, -3, -2, -1};
        float[] out = TorchTestSupport.layerOutput(new LayerSpec.MaxPool(2, 2, Padding.SAME), Shape.of(3, 3, 1), image,
                null, false);
        assertThat(out).containsExactly(-5, -4, -2, -1);
    }

    @ParameterizedTest(name = "pool={0} stride={1} in={2}x{3} {4}")
    @CsvSource({"2, 2, 7, 7, SAME", "2, 2, 6, 5, SAME", "2, 1, 5, 5, SAME", "3, 1, 5, 4, SAME", "3, 2, 7, 6, SAME",
        "3, 3, 7, 7, SAME", "2, 2, 5, 5, VALID"})
    void maxPoolMatchesTensorFlowRule(int pool, int stride, int h, int w, Padding padding) {
        float[] image = randoms(h * w * 2, new SplittableRandom(pool * 10L + stride));
        for (int i = 0; i < image.length; i++) {
            image[i] -= 2;   // all negative: a zero pad would win
        }
        float[] out = TorchTestSupport.layerOutput(new LayerSpec.MaxPool(pool, stride, padding), Shape.of(h, w, 2), image,
                null, false);
        assertThat(out).containsExactly(TfReference.maxPool(image, h, w, 2, pool, stride, padding == Padding.SAME),
                within(0f));
    }

    /** A 1×1 convolution that copies channel c to channel c: Flatten must then read (h, w, c) order. */
    @Test
    void flattenReadsHeightWidthChannels() {
        float[] image = new float[2 * 3 * 2];
        for (int i = 0; i < image.length; i++) {
            image[i] = i;
        }
        float[] out = TorchTestSupport.layerOutput(new LayerSpec.Conv2D(2, 1, 1, Padding.SAME), Shape.of(2, 3, 2), image,
                net -> net.assign("conv2d.weight", new float[] {1, 0, 0, 1}), false);
        assertThat(out).containsExactly(image, within(0f));
    }

    @ParameterizedTest
    @CsvSource({"RELU, 0", "ELU, 1.0", "ELU, 0.5", "LEAKY_RELU, 0.2", "SWISH, 0"})
    void activationsUseTheirAlpha(ActivationFunction function, double alpha) {
        float[] x = {-3f, -1f, -0.25f, 0f, 0.5f, 2f};
        float[] out = TorchTestSupport.layerOutput(new LayerSpec.Activation(function, alpha), Shape.of(1, 3, 2), x,
                null, false);
        for (int i = 0; i < x.length; i++) {
            double v = x[i];
            double expected = switch (function) {
                case RELU -> Math.max(v, 0);
                case ELU -> v > 0 ? v : alpha * (Math.exp(v) - 1);
                case LEAKY_RELU -> v > 0 ? v : alpha * v;
                case SWISH -> v / (1 + Math.exp(-v));
            };
            assertThat(out[i]).as("%s(%s)", function, v).isCloseTo((float) expected, within(1e-5f));
        }
    }

    /**
     * Training normalizes with the batch's statistics and moves the running ones by TensorFlow's
     * momentum 0.9 (Bessel-corrected variance, as TensorFlow's fused kernel and PyTorch both use);
     * inference then normalizes with the running ones and epsilon.
     */
    @Test
    void batchNormUsesBatchStatisticsInTrainingAndTensorFlowMomentum() {
        Shape input = Shape.of(2, 2, 1);
        float[] x = {1, 2, 3, 6};   // mean 3, biased variance 3.5, unbiased 14/3
        LayerSpec.BatchNorm bn = new LayerSpec.BatchNorm(1e-3);
        float[][] running = new float[2][];
        float[] trained = TorchTestSupport.layerOutput(bn, input, x, net -> {
            net.assign("batch_normalization.weight", new float[] {2f});
            net.assign("batch_normalization.bias", new float[] {0.5f});
        }, true);
        for (int i = 0; i < x.length; i++) {
            assertThat(trained[i]).isCloseTo((float) (2 * (x[i] - 3) / Math.sqrt(3.5 + 1e-3) + 0.5), within(1e-4f));
        }
        // The running statistics after that one step, read through an inference pass.
        float[] inferred = TorchTestSupport.layerOutput(bn, input, x, net -> {
            net.assign("batch_normalization.running_mean", new float[] {0f});
            net.assign("batch_normalization.running_var", new float[] {1f});
            boolean grad = ai.djl.pytorch.jni.JniUtils.isGradMode();
            ai.djl.pytorch.jni.JniUtils.setGradMode(false);
            try (var m = TorchTestSupport.engine().newBaseManager()) {
                net.forward(TorchBatches.images(m, net.spec(), x, 1), true);
            } finally {
                ai.djl.pytorch.jni.JniUtils.setGradMode(grad);
            }
            running[0] = net.parameters().get(2).value().toFloatArray();
            running[1] = net.parameters().get(3).value().toFloatArray();
        }, false);
        assertThat(running[0][0]).isCloseTo(0.9f * 0 + 0.1f * 3, within(1e-5f));
        assertThat(running[1][0]).isCloseTo((float) (0.9 * 1 + 0.1 * 14.0 / 3), within(1e-5f));
        for (int i = 0; i < x.length; i++) {
            assertThat(inferred[i]).isCloseTo((float) ((x[i] - running[0][0]) / Math.sqrt(running[1][0] + 1e-3)),
                    within(1e-4f));
        }
    }

    /** A batch of one image of 1×1 maps: TensorFlow normalizes to beta; PyTorch alone would refuse. */
    @Test
    void batchNormOfASingleValuePerChannelGivesBeta() {
        float[] out = TorchTestSupport.layerOutput(new LayerSpec.BatchNorm(1e-3), Shape.of(1, 1, 2), new float[] {5, -7},
                net -> net.assign("batch_normalization.bias", new float[] {0.25f, -1f}), true);
        assertThat(out).containsExactly(new float[] {0.25f, -1f}, within(1e-6f));
    }

    @Test
    void dropoutIsActiveOnlyInTraining() {
        float[] x = new float[200];
        java.util.Arrays.fill(x, 1f);
        LayerSpec dropout = new LayerSpec.Dropout(0.5);
        float[] inference = TorchTestSupport.layerOutput(dropout, Shape.of(10, 10, 2), x, null, false);
        float[] training = TorchTestSupport.layerOutput(dropout, Shape.of(10, 10, 2), x, null, true);
        assertThat(inference).containsOnly(1f);
        assertThat(training).containsOnly(0f, 2f).contains(0f, 2f);   // inverted dropout: survivors scaled by 1/keep
    }

    private static float[] randoms(int n, SplittableRandom random) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (random.nextDouble() * 2 - 1);
        }
        return a;
    }
}
