package io.cnnga.backend.tensorflow;

import io.cnnga.api.support.BackendOptions;
import io.cnnga.api.support.BatchNormStatistics;
import io.cnnga.api.ModelSpec;
import io.cnnga.api.TrainingConfig;

/** Configs and a CPU backend for tests (their images: the plugin kit's {@code TestImages}). */
final class Shapes {

    private Shapes() {
    }

    static TrainingConfig config(int batch, double learningRate) {
        return new TrainingConfig(1, batch, learningRate, 7L, null);
    }

    static TensorFlowBackend cpuBackend() {
        return new TensorFlowBackend(new BackendOptions("cpu", 0, 0.9, BatchNormStatistics.RECOMPUTED, null));
    }

    static String describe(ModelSpec spec) {
        return spec.layers().stream().map(l -> l.toString()).reduce((a, b) -> a + ", " + b).orElse("");
    }
}
