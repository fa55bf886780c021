package io.cnnga.executor.spark;

import io.cnnga.api.Backend;
import io.cnnga.api.BackendFactory;
import io.cnnga.api.DataInfo;
import io.cnnga.api.Decoder;
import io.cnnga.api.DecoderFactory;
import io.cnnga.api.EpochMetrics;
import io.cnnga.api.Evaluation;
import io.cnnga.api.Genome;
import io.cnnga.api.ImageSet;
import io.cnnga.api.LayerSpec;
import io.cnnga.api.ModelSpec;
import io.cnnga.api.Options;
import io.cnnga.api.Plugin;
import io.cnnga.api.TrainingListener;
import io.cnnga.api.TrainingSession;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Test helper, found on the test class path by the driver and by every Spark task: decoder
 * {@code bits} turns each bit into a Dense layer of 1 or 2 units; backend {@code exploding}
 * "trains" instantly to the genome's share of ones, except that a genome whose first bit is 1
 * throws an {@link Explosion} — an {@link Error}, which no training runner catches — from inside
 * its Spark task.
 */
public final class ExplodingPlugin implements Plugin {

    /** What a trial throws; its message is what the journal must show. */
    static final class Explosion extends Error {
        private static final long serialVersionUID = 1L;

        Explosion(String genome) {
            super("exploded on purpose training " + genome);
        }
    }

    @Override
    public List<DecoderFactory> decoders() {
        return List.of(new DecoderFactory() {
            @Override
            public String id() {
                return "bits";
            }

            @Override
            public Decoder create(Options options) {
                int length = options.integer("length", 8);
                options.finish();
                return new Decoder() {
                    @Override
                    public int genomeLength() {
                        return length;
                    }

                    @Override
                    public ModelSpec decode(Genome genome, DataInfo data) {
                        List<LayerSpec> layers = new ArrayList<>();
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
                return "exploding";
            }

            @Override
            public Backend create(Options options) {
                options.finish();
                return (spec, config) -> {
                    List<LayerSpec.Dense> dense = spec.layersOf(LayerSpec.Dense.class);
                    StringBuilder bits = new StringBuilder();
                    dense.subList(0, dense.size() - 1).forEach(d -> bits.append(d.units() == 2 ? '1' : '0'));
                    if (bits.charAt(0) == '1') {
                        throw new Explosion(bits.toString());
                    }
                    double fitness = bits.chars().filter(c -> c == '1').count() / (double) bits.length();
                    return new TrainingSession() {
                        @Override
                        public EpochMetrics trainEpoch(int epoch, ImageSet train, ImageSet validation, TrainingListener l) {
                            return new EpochMetrics(epoch, 1 - fitness, fitness, 1 - fitness, fitness, 0.001, 1000, true);
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
}
