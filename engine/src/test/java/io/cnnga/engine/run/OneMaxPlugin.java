package io.cnnga.engine.run;

import io.cnnga.api.Backend;
import io.cnnga.api.BackendFactory;
import io.cnnga.api.Checkpoint;
import io.cnnga.api.DataInfo;
import io.cnnga.api.Decoder;
import io.cnnga.api.DecoderFactory;
import io.cnnga.api.EpochMetrics;
import io.cnnga.api.EventLog;
import io.cnnga.api.Evaluation;
import io.cnnga.api.Genome;
import io.cnnga.api.ImageSet;
import io.cnnga.api.LayerParameter;
import io.cnnga.api.LayerSpec;
import io.cnnga.api.LayerSummary;
import io.cnnga.api.ModelSpec;
import io.cnnga.api.Options;
import io.cnnga.api.Padding;
import io.cnnga.api.Plugin;
import io.cnnga.api.TrainingConfig;
import io.cnnga.api.TrainingListener;
import io.cnnga.api.TrainingSession;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;

/**
 * Test helper for code that does not care what trains: decoder {@code onemax} turns each bit
 * into a Dense layer of 1 or 2 units (so every genome is its own network), after option
 * {@code convs} Conv2D layers (default none); with option {@code unbuildable} N, genomes starting
 * with N ones are refused (the decoder throws, as one that cannot build a genome does). Backend
 * {@code onemax} "trains" one instantly, its validation accuracy being the share of ones after
 * every epoch; at a configured checkpoint {@code f} it reports {@code share × (0.5 + 0.5 f)}, and
 * stops there if asked. Its sessions expose made-up {@link TrainingSession#parameters()} whose
 * spread grows with the epoch. Its TensorBoard logs go nowhere unless {@link #standInEventFiles}
 * is set: then it has none, and the engine's stand-in (TensorFlow) writes them, as for a backend
 * without event files — one TensorFlow session per trial, which made the tests of this fake three
 * times slower.
 */
public final class OneMaxPlugin implements Plugin {

    public final AtomicInteger trainings = new AtomicInteger();
    public final List<String> trainedGenomes = new ArrayList<>();
    /** Training number k (1-based) crashes the "process" when this says so. */
    public volatile IntPredicate crashAt = k -> false;
    /** Whether the backend has no event log, so that the engine's stand-in writes the event files. */
    public volatile boolean standInEventFiles;

    /** Sets {@link #standInEventFiles}. */
    public OneMaxPlugin withStandInEventFiles() {
        standInEventFiles = true;
        return this;
    }

    static final class SimulatedCrash extends Error {
        private static final long serialVersionUID = 1L;

        SimulatedCrash() {
            super("simulated kill");
        }
    }

    @Override
    public List<DecoderFactory> decoders() {
        return List.of(new DecoderFactory() {
            @Override
            public String id() {
                return "onemax";
            }

            @Override
            public Decoder create(Options options) {
                int length = options.integer("length", 12);
                int convs = options.integer("convs", 0);
                int unbuildable = options.integer("unbuildable", 0);
                options.finish();
                return new Decoder() {
                    @Override
                    public int genomeLength() {
                        return length;
                    }

                    @Override
                    public ModelSpec decode(Genome genome, DataInfo data) {
                        if (unbuildable > 0 && genome.bits().startsWith("1".repeat(unbuildable))) {
                            throw new IllegalArgumentException("genomes starting with " + unbuildable + " ones have no network");
                        }
                        List<LayerSpec> layers = new ArrayList<>();
                        for (int c = 0; c < convs; c++) {
                            layers.add(new LayerSpec.Conv2D(8, 3, 1, Padding.SAME));
                        }
                        layers.add(new LayerSpec.Flatten());
                        for (int i = 0; i < genome.length(); i++) {
                            layers.add(new LayerSpec.Dense(genome.bit(i) ? 2 : 1));
                        }
                        layers.add(new LayerSpec.Dense(data.classes()));
                        return new ModelSpec(ModelSpec.inputOf(data), data.classes(), layers);
                    }
                };
            }
        });
    }

    @Override
    public List<BackendFactory> backends() {
        return List.of(new BackendFactory() {
            @Override
            public String id() {
                return "onemax";
            }

            @Override
            public Backend create(Options options) {
                options.finish();
                return new Backend() {
                    @Override
                    public TrainingSession open(ModelSpec spec, TrainingConfig config) {
                        return session(spec, config);
                    }

                    @Override
                    public Optional<EventLog> eventLog(Path directory) {
                        return standInEventFiles ? Optional.empty() : Optional.of(DISCARDED_EVENTS);
                    }
                };
            }
        });
    }

    private static final EventLog DISCARDED_EVENTS = new EventLog() {
        @Override
        public void scalar(String tag, long step, double value) {
        }

        @Override
        public void histogram(String tag, long step, float[] values) {
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private TrainingSession session(ModelSpec spec, TrainingConfig config) {
        int k = trainings.incrementAndGet();
        if (crashAt.test(k)) {
            throw new SimulatedCrash();
        }
        List<LayerSpec.Dense> dense = spec.layersOf(LayerSpec.Dense.class);
        long ones = dense.subList(0, dense.size() - 1).stream().filter(d -> d.units() == 2).count();
        double fitness = (double) ones / (dense.size() - 1);
        StringBuilder bits = new StringBuilder();
        dense.subList(0, dense.size() - 1).forEach(d -> bits.append(d.units() == 2 ? '1' : '0'));
        synchronized (trainedGenomes) {
            trainedGenomes.add(bits.toString());
        }
        return new TrainingSession() {
            private int epochs;

            @Override
            public EpochMetrics trainEpoch(int epoch, ImageSet train, ImageSet validation, TrainingListener listener) {
                epochs = epoch;
                // checkpoints of this epoch: the share of ones, reached gradually (half of it at the start)
                List<Checkpoint> checkpoints = new ArrayList<>();
                int total = config.epochs() * 100;
                for (double f : config.checkpoints()) {
                    int step = (int) Math.ceil(f * total);
                    if (step > (epoch - 1) * 100 && step <= epoch * 100) {
                        double value = fitness * (0.5 + 0.5 * f);
                        Checkpoint c = new Checkpoint(epoch, step, step / (double) total, 1 - value, value, 100, 0.001);
                        checkpoints.add(c);
                        listener.onCheckpoint(c);
                        if (listener.stopRequested()) {
                            return new EpochMetrics(epoch, 1 - value, value, 1 - value, value, 0.001, 1000, false, checkpoints);
                        }
                    }
                }
                return new EpochMetrics(epoch, 1 - fitness, fitness, 1 - fitness, fitness, 0.001, 1000, true, checkpoints);
            }

            @Override
            public List<LayerParameter> parameters() {
                List<LayerParameter> out = new ArrayList<>();
                for (LayerSummary row : spec.summary()) {
                    if (row.layer() instanceof LayerSpec.Conv2D || row.layer() instanceof LayerSpec.Dense) {
                        int units = row.output().dim(row.output().rank() - 1);
                        int kernel = (int) row.params() - units;
                        out.add(new LayerParameter(row.name(), LayerParameter.KERNEL, spread(kernel, row.index())));
                        out.add(new LayerParameter(row.name(), LayerParameter.BIAS, spread(units, row.index())));
                    }
                }
                return out;
            }

            /** n values around the layer's index, wider with each epoch trained. */
            private float[] spread(int n, int layer) {
                float[] v = new float[n];
                for (int i = 0; i < n; i++) {
                    v[i] = (float) (0.01 * layer + 0.05 * epochs * (i - n / 2.0) / Math.max(1, n));
                }
                return v;
            }

            @Override
            public Evaluation evaluate(ImageSet data) {
                return new Evaluation(1 - fitness, fitness, new int[data.size()]);
            }

            @Override
            public void export(Path directory) {
                try {
                    Files.createDirectories(directory);
                    Files.writeString(directory.resolve("onemax.txt"), bits + "\n");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public void close() {
            }
        };
    }
}
