package io.cnnga.backend.pytorch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.cnnga.api.ActivationFunction;
import io.cnnga.api.Backend;
import io.cnnga.api.support.BackendOptions;
import io.cnnga.api.support.BatchNormStatistics;
import io.cnnga.api.ImageSet;
import io.cnnga.api.LayerParameter;
import io.cnnga.api.LayerSpec;
import io.cnnga.api.ModelSpec;
import io.cnnga.api.Padding;
import io.cnnga.api.Shape;
import io.cnnga.api.TrainingConfig;
import io.cnnga.api.TrainingListener;
import io.cnnga.api.TrainingSession;
import io.cnnga.backend.tensorflow.TensorFlowBackend;
import io.cnnga.testkit.TestImages;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * After an epoch, batch norm's statistics are the mean and variance of its input over the training
 * images with dropout off (the default), or the moving averages training kept
 * ({@code batchNormStatistics: moving}); and they are what the TensorFlow backend measures.
 */
class RecomputedBatchNormStatisticsTest {

    /** Dropout straight before batch norm, whose input is then the pixels themselves. */
    private static final ModelSpec DROPOUT_THEN_BATCH_NORM = new ModelSpec(Shape.of(12, 12, 2), 2, List.of(
            new LayerSpec.Dropout(0.5), new LayerSpec.BatchNorm(1e-3), new LayerSpec.Flatten(), new LayerSpec.Dense(2)));

    /** Two batch-norm layers, the second behind a convolution, a pool and a dropout. */
    private static final ModelSpec TWO_STAGES = new ModelSpec(Shape.of(12, 12, 2), 2, List.of(
            new LayerSpec.Conv2D(4, 3, 1, Padding.SAME), LayerSpec.Activation.of(ActivationFunction.RELU),
            new LayerSpec.BatchNorm(1e-3), new LayerSpec.MaxPool(2, 2, Padding.SAME), new LayerSpec.Dropout(0.5),
            new LayerSpec.Conv2D(6, 3, 1, Padding.SAME), LayerSpec.Activation.of(ActivationFunction.ELU),
            new LayerSpec.BatchNorm(1e-3), new LayerSpec.Flatten(), new LayerSpec.Dense(2)));

    private static final ImageSet TRAIN = TestImages.stripes(12, 12, 2, 600, 5); // several batches of 256

    @Test
    void recomputedStatisticsAreTheMeanAndVarianceOfThePixelsWithDropoutOff() {
        double[][] expected = pixelMoments(TRAIN);
        List<LayerParameter> got = statisticsAfterOneEpoch(pytorch(BatchNormStatistics.RECOMPUTED),
                DROPOUT_THEN_BATCH_NORM, 1e-3);
        for (int c = 0; c < 2; c++) {
            assertThat((double) find(got, LayerParameter.MOVING_MEAN, 0)[c]).isCloseTo(expected[0][c], within(1e-5));
            assertThat((double) find(got, LayerParameter.MOVING_VARIANCE, 0)[c]).isCloseTo(expected[1][c], within(1e-5));
        }
    }

    @Test
    void movingStatisticsKeepTheVarianceDropoutAdds() {
        double[][] expected = pixelMoments(TRAIN);
        List<LayerParameter> got = statisticsAfterOneEpoch(pytorch(BatchNormStatistics.MOVING),
                DROPOUT_THEN_BATCH_NORM, 1e-3);
        for (int c = 0; c < 2; c++) {
            // inverted dropout at rate 0.5 doubles E[x²] in training: the variance more than doubles
            assertThat((double) find(got, LayerParameter.MOVING_VARIANCE, 0)[c]).isGreaterThan(2 * expected[1][c]);
        }
    }

    @Test
    void everyLayerMeasuresWhatTensorFlowMeasures() {
        // A learning rate this small leaves the shared initial weights as they are, so both backends
        // measure the same network.
        List<LayerParameter> torch = statisticsAfterOneEpoch(pytorch(BatchNormStatistics.RECOMPUTED), TWO_STAGES, 1e-12);
        List<LayerParameter> tf = statisticsAfterOneEpoch(
                new TensorFlowBackend(new BackendOptions("cpu", 0, 0.9, BatchNormStatistics.RECOMPUTED, null)),
                TWO_STAGES, 1e-12);
        for (int layer = 0; layer < 2; layer++) {
            for (String kind : List.of(LayerParameter.MOVING_MEAN, LayerParameter.MOVING_VARIANCE)) {
                float[] expected = find(tf, kind, layer);
                float[] actual = find(torch, kind, layer);
                assertThat(actual).hasSameSizeAs(expected);
                for (int c = 0; c < expected.length; c++) {
                    assertThat(actual[c]).as("%s %d channel %d", kind, layer, c)
                            .isCloseTo(expected[c], within(1e-4f + 1e-4f * Math.abs(expected[c])));
                }
            }
        }
    }

    private static Backend pytorch(BatchNormStatistics mode) {
        return new PyTorchBackend(new BackendOptions("cpu", 0, 0.9, mode, null));
    }

    /** Every batch-norm layer's running statistics after one epoch on {@link #TRAIN}; closes {@code backend}. */
    private static List<LayerParameter> statisticsAfterOneEpoch(Backend backend, ModelSpec spec, double learningRate) {
        try (backend; TrainingSession session = backend.open(spec, new TrainingConfig(1, 16, learningRate, 7L, null))) {
            session.trainEpoch(1, TRAIN, null, TrainingListener.NONE);
            return session.parameters().stream()
                    .filter(p -> p.kind().equals(LayerParameter.MOVING_MEAN) || p.kind().equals(LayerParameter.MOVING_VARIANCE))
                    .toList();
        }
    }

    /** The {@code index}-th batch-norm layer's tensor of that kind. */
    private static float[] find(List<LayerParameter> params, String kind, int index) {
        return params.stream().filter(p -> p.kind().equals(kind)).skip(index).findFirst().orElseThrow().values();
    }

    /** {mean, unbiased variance} per channel of all pixels (in [0, 1]) of {@code data}. */
    private static double[][] pixelMoments(ImageSet data) {
        int channels = data.info().channels();
        int h = data.info().height();
        int w = data.info().width();
        double[][] out = new double[2][channels];
        for (int c = 0; c < channels; c++) {
            double sum = 0;
            long n = 0;
            for (int i = 0; i < data.size(); i++) {
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        sum += data.pixel(i, y, x, c) / 255.0;
                        n++;
                    }
                }
            }
            double mean = sum / n;
            double squares = 0;
            for (int i = 0; i < data.size(); i++) {
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        double d = data.pixel(i, y, x, c) / 255.0 - mean;
                        squares += d * d;
                    }
                }
            }
            out[0][c] = mean;
            out[1][c] = squares / (n - 1);
        }
        return out;
    }
}
