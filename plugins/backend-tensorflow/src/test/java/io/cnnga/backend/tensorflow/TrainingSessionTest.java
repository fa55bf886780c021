package io.cnnga.backend.tensorflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.cnnga.api.ActivationFunction;
import io.cnnga.api.support.BackendOptions;
import io.cnnga.api.support.BatchNormStatistics;
import io.cnnga.api.EpochMetrics;
import io.cnnga.api.Evaluation;
import io.cnnga.api.ImageSet;
import io.cnnga.api.LayerSpec;
import io.cnnga.api.ModelSpec;
import io.cnnga.api.Padding;
import io.cnnga.api.Shape;
import io.cnnga.api.TrainingListener;
import io.cnnga.api.TrainingSession;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Listener stops, seeds and evaluation behave as the TrainingSession contract says. */
class TrainingSessionTest {

    private static TensorFlowBackend backend;

    @BeforeAll
    static void open() {
        backend = Shapes.cpuBackend();
    }

    @AfterAll
    static void close() {
        backend.close();
    }

    static ModelSpec network() {
        return new ModelSpec(Shape.of(12, 12, 1), 4, List.of(
                new LayerSpec.Conv2D(8, 3, 1, Padding.SAME), LayerSpec.Activation.of(ActivationFunction.RELU),
                new LayerSpec.BatchNorm(1e-3), new LayerSpec.MaxPool(2, 2, Padding.SAME), new LayerSpec.Dropout(0.25),
                new LayerSpec.Flatten(), new LayerSpec.Dense(4)));
    }

    @Test
    void aStoppedEpochStillMeasuresValidation() {
        ImageSet data = Shapes.quadrants(160, 12, 1, 1);
        AtomicInteger steps = new AtomicInteger();
        TrainingListener stopAfterThree = new TrainingListener() {
            @Override
            public void onStep(int epoch, int step, int total, double loss, double accuracy) {
                steps.incrementAndGet();
                assertThat(total).isEqualTo(10);
            }

            @Override
            public boolean stopRequested() {
                return steps.get() >= 3;
            }
        };
        try (TrainingSession session = backend.open(network(), Shapes.config(16, 1e-3))) {
            EpochMetrics m = session.trainEpoch(1, data, data, stopAfterThree);
            assertThat(steps).hasValue(3);
            assertThat(m.complete()).isFalse();
            assertThat(m.validationLoss()).isFinite();
            assertThat(m.validationAccuracy()).isBetween(0.0, 1.0);
            assertThat(m.loss()).isFinite();
        }
    }

    @Test
    void sameSeedSameStartOtherSeedOtherStart() {
        ImageSet data = Shapes.quadrants(64, 12, 1, 1);
        Evaluation a;
        Evaluation b;
        Evaluation c;
        try (TrainingSession s = backend.open(network(), Shapes.config(16, 1e-3))) {
            a = s.evaluate(data);
        }
        try (TrainingSession s = backend.open(network(), Shapes.config(16, 1e-3))) {
            b = s.evaluate(data);
        }
        try (TrainingSession s = backend.open(network(), Shapes.config(16, 1e-3).withSeed(8))) {
            c = s.evaluate(data);
        }
        assertThat(b.loss()).isEqualTo(a.loss());
        assertThat(b.predictions()).containsExactly(a.predictions());
        assertThat(c.loss()).isNotEqualTo(a.loss());
        // the backend's seed option replaces the config's
        try (TensorFlowBackend seeded = new TensorFlowBackend(new BackendOptions("cpu", 0, 0.9, BatchNormStatistics.RECOMPUTED, 8L));
             TrainingSession s = seeded.open(network(), Shapes.config(16, 1e-3))) {
            assertThat(s.evaluate(data).loss()).isEqualTo(c.loss());
        }
    }

    @Test
    void evaluationCoversEveryImageInOrder() {
        ImageSet data = Shapes.quadrants(300, 12, 1, 3); // more than one evaluation batch of 256
        try (TrainingSession session = backend.open(network(), Shapes.config(16, 3e-3))) {
            session.trainEpoch(1, data, data, TrainingListener.NONE);
            Evaluation all = session.evaluate(data);
            Evaluation tail = session.evaluate(data.subset(range(256, 300)));
            assertThat(all.predictions()).hasSize(300);
            assertThat(java.util.Arrays.copyOfRange(all.predictions(), 256, 300)).containsExactly(tail.predictions());
            int right = 0;
            for (int i = 0; i < 300; i++) {
                right += all.predictions()[i] == data.label(i) ? 1 : 0;
            }
            assertThat(all.accuracy()).isEqualTo(right / 300.0);
        }
    }

    private static int[] range(int from, int to) {
        int[] r = new int[to - from];
        for (int i = 0; i < r.length; i++) {
            r[i] = from + i;
        }
        return r;
    }
}
