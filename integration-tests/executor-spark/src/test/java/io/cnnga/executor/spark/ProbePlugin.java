package io.cnnga.executor.spark;

import io.cnnga.api.Backend;
import io.cnnga.api.BackendFactory;
import io.cnnga.api.EpochMetrics;
import io.cnnga.api.Evaluation;
import io.cnnga.api.ImageSet;
import io.cnnga.api.LayerSpec;
import io.cnnga.api.Options;
import io.cnnga.api.Plugin;
import io.cnnga.api.TrainingListener;
import io.cnnga.api.TrainingSession;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Test helper for tests that care where a trial trains, not what it learns: backend
 * {@code probe} "trains" a network of decoder {@code bits} ({@link ExplodingPlugin}) by sleeping
 * {@code millis}, and first leaves a mark in the folder {@code marks}: an empty file named
 * {@code GENOME.PID.DEVICE.NANOS} — the genome, the JVM that trains it, the device the trial was
 * given ({@code none} without one). Its validation accuracy is the genome's share of ones, so the
 * genetic search goes where it would with a real backend; its training loss is the number of the
 * GPU the trial was given ({@code gpu:N} → N, −1 without one), so the journal shows each trial's
 * device.
 */
public final class ProbePlugin implements Plugin {

    /** One mark: a training that started. */
    record Mark(String genome, long pid, String device) {

        static Mark of(Path file) {
            String[] parts = file.getFileName().toString().split("\\.");
            return new Mark(parts[0], Long.parseLong(parts[1]), parts[2]);
        }
    }

    /** The marks in {@code folder}, oldest first. */
    static List<Mark> marks(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (var files = Files.list(folder)) {
            return files.sorted((a, b) -> Long.compare(nanos(a), nanos(b))).map(Mark::of).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long nanos(Path file) {
        String name = file.getFileName().toString();
        return Long.parseLong(name.substring(name.lastIndexOf('.') + 1));
    }

    @Override
    public List<BackendFactory> backends() {
        return List.of(new BackendFactory() {
            @Override
            public String id() {
                return "probe";
            }

            @Override
            public Backend create(Options options) {
                long millis = options.integer("millis", 0, 0, 600_000);
                Path marks = Path.of(options.string("marks", System.getProperty("java.io.tmpdir")));
                options.finish();
                return (spec, config) -> {
                    List<LayerSpec.Dense> dense = spec.layersOf(LayerSpec.Dense.class);
                    StringBuilder bits = new StringBuilder();
                    dense.subList(0, dense.size() - 1).forEach(d -> bits.append(d.units() == 2 ? '1' : '0'));
                    double fitness = bits.chars().filter(c -> c == '1').count() / (double) bits.length();
                    String device = config.device() == null ? "none" : config.device();
                    double gpu = device.startsWith("gpu:") ? Integer.parseInt(device.substring(4)) : -1;
                    mark(marks, bits + "." + ProcessHandle.current().pid() + "." + device + "." + System.nanoTime());
                    return new TrainingSession() {
                        @Override
                        public EpochMetrics trainEpoch(int epoch, ImageSet train, ImageSet validation, TrainingListener l) {
                            try {
                                Thread.sleep(millis);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                            return new EpochMetrics(epoch, gpu, fitness, 1 - fitness, fitness, millis / 1000.0, 1000, true);
                        }

                        @Override
                        public Evaluation evaluate(ImageSet data) {
                            return new Evaluation(1 - fitness, fitness, new int[data.size()]);
                        }

                        @Override
                        public void export(Path directory) {
                        }

                        @Override
                        public void close() {
                        }
                    };
                };
            }
        });
    }

    private static void mark(Path folder, String name) {
        try {
            Files.createDirectories(folder);
            Files.createFile(folder.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
