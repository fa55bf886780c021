package io.cnnga.backend.pytorch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cnnga.api.Backend;
import io.cnnga.api.support.BackendOptions;
import io.cnnga.api.support.BatchNormStatistics;
import io.cnnga.api.EpochMetrics;
import io.cnnga.api.Evaluation;
import io.cnnga.api.ImageSet;
import io.cnnga.api.TrainingConfig;
import io.cnnga.api.TrainingListener;
import io.cnnga.api.TrainingSession;
import io.cnnga.backend.tensorflow.TensorFlowBackend;
import io.cnnga.api.support.ReferenceNetworks;
import io.cnnga.testkit.FashionMnistSample;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * {@code ref-a} ({@link io.cnnga.api.support.ReferenceNetworks}) trained for one epoch on the
 * first 6,000 Fashion-MNIST training images (batch 32, Adam 0.001, seed 42) by each backend, then
 * tested on all 10,000 test images: the two test accuracies differ by at most {@value #MAX_GAP},
 * and both learned ({@value #MIN_ACCURACY} or better). Skipped when the dataset folder is absent.
 *
 * <p>Both backends start from the same weights and see the same batches; their dropout masks
 * differ (each framework's own generator), which is the noise the gap allows for. Measured here
 * (2 CPU cores, repeatably): TensorFlow 0.7941, PyTorch 0.7848, training losses 1.6100 and 1.5993.
 */
class RefAAgreesWithTensorFlowTest {

    static final double MAX_GAP = 0.03;
    static final double MIN_ACCURACY = 0.74;

    private record Outcome(EpochMetrics epoch, Evaluation test) {
    }

    @Test
    void oneEpochOnSixThousandImagesGivesTheSameTestAccuracyWithinThreePoints() {
        assumeTrue(FashionMnistSample.available(), "Fashion-MNIST not found in " + FashionMnistSample.FOLDER);
        ImageSet train = FashionMnistSample.train(6000);
        ImageSet test = FashionMnistSample.test(0);
        TrainingConfig config = new TrainingConfig(1, 32, 0.001, 42L, null);
        Outcome tf;
        try (Backend backend = new TensorFlowBackend(new BackendOptions("cpu", 0, 0.9, BatchNormStatistics.RECOMPUTED, null))) {
            tf = train(backend, config, train, test);
        }
        Outcome torch;
        try (Backend backend = new PyTorchBackend(new BackendOptions("cpu", 0, 0.9, BatchNormStatistics.RECOMPUTED, null))) {
            torch = train(backend, config, train, test);
        }
        System.out.printf(Locale.ROOT, "ref-a, 1 epoch on 6,000 Fashion-MNIST images, seed 42, tested on %,d: "
                        + "tensorflow train loss %.4f, %.0f images/s, test accuracy %.4f; "
                        + "pytorch train loss %.4f, %.0f images/s, test accuracy %.4f%n", test.size(),
                tf.epoch().loss(), tf.epoch().imagesPerSecond(), tf.test().accuracy(),
                torch.epoch().loss(), torch.epoch().imagesPerSecond(), torch.test().accuracy());
        assertThat(tf.test().accuracy()).as("tensorflow test accuracy").isGreaterThanOrEqualTo(MIN_ACCURACY);
        assertThat(torch.test().accuracy()).as("pytorch test accuracy").isGreaterThanOrEqualTo(MIN_ACCURACY);
        assertThat(Math.abs(tf.test().accuracy() - torch.test().accuracy())).as("|tensorflow - pytorch| test accuracy")
                .isLessThanOrEqualTo(MAX_GAP);
    }

    private static Outcome train(Backend backend, TrainingConfig config, ImageSet train, ImageSet test) {
        try (TrainingSession session = backend.open(ReferenceNetworks.refA(), config)) {
            EpochMetrics epoch = session.trainEpoch(1, train, null, TrainingListener.NONE);
            return new Outcome(epoch, session.evaluate(test));
        }
    }
}
