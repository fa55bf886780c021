package io.cnnga.backend.tensorflow;

import io.cnnga.api.support.BackendOptions;
import io.cnnga.api.support.BatchNormStatistics;
import io.cnnga.api.DataInfo;
import io.cnnga.api.ImageSet;
import io.cnnga.api.ModelSpec;
import io.cnnga.api.TrainingConfig;
import java.util.Random;

/** Small learnable data and configs for tests. */
final class Shapes {

    private Shapes() {
    }

    /**
     * {@code count} images of {@code size}×{@code size}×{@code channels}, class c (of 4) being a
     * bright square in quadrant c over dim noise: easy to learn, so a falling loss is a real signal.
     */
    static ImageSet quadrants(int count, int size, int channels, long seed) {
        DataInfo info = DataInfo.of("quadrants", size, size, channels, 4);
        Random random = new Random(seed);
        byte[] pixels = new byte[count * info.pixelsPerImage()];
        int[] labels = new int[count];
        int half = size / 2;
        for (int i = 0; i < count; i++) {
            int c = random.nextInt(4);
            labels[i] = c;
            int y0 = (c / 2) * half;
            int x0 = (c % 2) * half;
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    boolean inside = y >= y0 && y < y0 + half && x >= x0 && x < x0 + half;
                    for (int ch = 0; ch < channels; ch++) {
                        int v = random.nextInt(60) + (inside ? 150 : 0);
                        pixels[((i * size + y) * size + x) * channels + ch] = (byte) v;
                    }
                }
            }
        }
        return new ImageSet(info, pixels, labels);
    }

    static TrainingConfig config(int batch, double learningRate) {
        return new TrainingConfig(1, batch, learningRate, 7L, null);
    }

    static TensorFlowBackend cpuBackend() {
        return new TensorFlowBackend(new BackendOptions("cpu", 0, 0.9, BatchNormStatistics.RECOMPUTED, null));
    }

    static long rssKilobytes() {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }

    static String describe(ModelSpec spec) {
        return spec.layers().stream().map(l -> l.toString()).reduce((a, b) -> a + ", " + b).orElse("");
    }
}
