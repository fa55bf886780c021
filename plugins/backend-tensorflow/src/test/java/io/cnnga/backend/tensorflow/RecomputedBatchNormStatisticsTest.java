package io.cnnga.backend.tensorflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.cnnga.api.support.BackendOptions;
import io.cnnga.api.support.BatchNormStatistics;
import io.cnnga.api.ImageSet;
import io.cnnga.api.LayerParameter;
import io.cnnga.api.LayerSpec;
import io.cnnga.api.ModelSpec;
import io.cnnga.api.Shape;
import io.cnnga.api.TrainingListener;
import io.cnnga.api.TrainingSession;
import io.cnnga.testkit.TestImages;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * After an epoch, batch norm's statistics are the mean and variance of its input over the training
 * images with dropout off (the default), or the moving averages training kept, which carry the
 * variance dropout adds ({@code batchNormStatistics: moving}).
 */
class RecomputedBatchNormStatisticsTest {

    /** Dropout straight before batch norm, whose input is then the pixels themselves. */
    private static final ModelSpec DROPOUT_THEN_BATCH_NORM = new ModelSpec(Shape.of(12, 12, 2), 4, List.of(
            new LayerSpec.Dropout(0.5), new LayerSpec.BatchNorm(1e-3), new LayerSpec.Flatten(), new LayerSpec.Dense(4)));

    private static final ImageSet TRAIN = TestImages.quadrants(600, 12, 2, 5); // several measuring batches of 256

    @Test
    void recomputedStatisticsAreTheMeanAndVarianceOfThePixelsWithDropoutOff() {
        double[][] expected = pixelMoments(TRAIN);
        float[][] got = statisticsAfterOneEpoch(BatchNormStatistics.RECOMPUTED);
        for (int c = 0; c < 2; c++) {
            assertThat((double) got[0][c]).isCloseTo(expected[0][c], within(1e-5));
            assertThat((double) got[1][c]).isCloseTo(expected[1][c], within(1e-5));
        }
    }

    @Test
    void movingStatisticsKeepTheVarianceDropoutAdds() {
        double[][] expected = pixelMoments(TRAIN);
        float[][] got = statisticsAfterOneEpoch(BatchNormStatistics.MOVING);
        for (int c = 0; c < 2; c++) {
            // inverted dropout at rate 0.5 doubles E[x²] in training: the variance more than doubles
            assertThat((double) got[1][c]).isGreaterThan(2 * expected[1][c]);
        }
    }

    /** {moving mean, moving variance} of the batch-norm layer after one epoch on {@link #TRAIN}. */
    private static float[][] statisticsAfterOneEpoch(BatchNormStatistics mode) {
        String layer = DROPOUT_THEN_BATCH_NORM.summary().get(1).name();
        try (TensorFlowBackend backend = new TensorFlowBackend(new BackendOptions("cpu", 0, 0.9, mode, null));
             TrainingSession session = backend.open(DROPOUT_THEN_BATCH_NORM, Shapes.config(16, 1e-3))) {
            session.trainEpoch(1, TRAIN, null, TrainingListener.NONE);
            List<LayerParameter> params = session.parameters(Set.of(layer));
            return new float[][] {find(params, LayerParameter.MOVING_MEAN), find(params, LayerParameter.MOVING_VARIANCE)};
        }
    }

    private static float[] find(List<LayerParameter> params, String kind) {
        return params.stream().filter(p -> p.kind().equals(kind)).findFirst().orElseThrow().values();
    }

    /** {mean, unbiased variance} per channel of all pixels (in [0, 1]) of {@code data}. */
    private static double[][] pixelMoments(ImageSet data) {
        int channels = data.info().channels();
        double[][] out = new double[2][channels];
        for (int c = 0; c < channels; c++) {
            double sum = 0;
            long n = 0;
            for (int i = 0; i < data.size(); i++) {
                for (int y = 0; y < 12; y++) {
                    for (int x = 0; x < 12; x++) {
                        sum += data.pixel(i, y, x, c) / 255.0;
                        n++;
                    }
                }
            }
            double mean = sum / n;
            double squares = 0;
            for (int i = 0; i < data.size(); i++) {
                for (int y = 0; y < 12; y++) {
                    for (int x = 0; x < 12; x++) {
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
