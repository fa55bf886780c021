package io.cnnga.testkit;

import io.cnnga.api.ActivationFunction;
import io.cnnga.api.DataInfo;
import io.cnnga.api.Decoder;
import io.cnnga.api.DecoderFactory;
import io.cnnga.api.Genome;
import io.cnnga.api.LayerSpec;
import io.cnnga.api.ModelSpec;
import io.cnnga.api.Options;
import io.cnnga.api.Padding;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A 6-bit decoder for the kit's own tests, correct or with one deliberate bug ({@link Mutation}),
 * so that the mutation tests can show that {@link DecoderContract} catches each bug.
 *
 * <p>Bits 0–1 choose 4, 8, 12 or 16 filters, bits 2–3 a kernel of 1, 3, 5 or 7 (SAME), bits 4–5
 * one to four conv–relu–max-pool blocks; then Flatten and Dense(classes).
 */
final class SubjectDecoderFactory implements DecoderFactory {

    /** The bug this decoder has. */
    enum Mutation {
        /** None: the decoder keeps the contract. */
        NONE,
        /** Throws IllegalStateException for a quarter of the genomes. */
        THROWS,
        /** Decodes the same genome to a different network on each call. */
        FORGETS,
        /** Always builds ten logits, whatever the data's classes. */
        TEN_CLASSES,
        /** Reads genomes of any length. */
        ANY_LENGTH,
        /** Never calls {@code options.finish()}, so a misspelt option passes silently. */
        LAX_OPTIONS
    }

    private static final AtomicInteger CALLS = new AtomicInteger();

    private final String id;
    private final Mutation mutation;

    SubjectDecoderFactory(String id, Mutation mutation) {
        this.id = id;
        this.mutation = mutation;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String description() {
        return "a 6-bit test decoder (" + mutation + ")";
    }

    @Override
    public Decoder create(Options options) {
        int scale = options.integer("scale", 1, 1, 4);
        if (mutation != Mutation.LAX_OPTIONS) {
            options.finish();
        }
        return new Decoder() {
            @Override
            public int genomeLength() {
                return 6;
            }

            @Override
            public ModelSpec decode(Genome genome, DataInfo data) {
                if (genome.length() != 6 && mutation != Mutation.ANY_LENGTH) {
                    throw new IllegalArgumentException("this decoder reads 6 bits, got " + genome.length());
                }
                if (mutation == Mutation.THROWS && genome.field(0, 2) == 3) {
                    throw new IllegalStateException("16 filters are not implemented");
                }
                int filters = 4 * (genome.field(0, 2) + 1) * scale;
                if (mutation == Mutation.FORGETS) {
                    filters += CALLS.incrementAndGet() % 2;
                }
                int kernel = 2 * genome.field(2, 2) + 1;
                int classes = mutation == Mutation.TEN_CLASSES ? 10 : data.classes();
                List<LayerSpec> layers = new ArrayList<>();
                for (int block = 0; block <= genome.field(4, 2); block++) {
                    layers.add(new LayerSpec.Conv2D(filters << block, kernel, 1, Padding.SAME));
                    layers.add(LayerSpec.Activation.of(ActivationFunction.RELU));
                    layers.add(new LayerSpec.MaxPool(2, 2, Padding.SAME));
                }
                layers.add(new LayerSpec.Flatten());
                layers.add(new LayerSpec.Dense(classes));
                return new ModelSpec(ModelSpec.inputOf(data), classes, layers);
            }

            @Override
            public String explain(Genome genome) {
                return "filters " + 4 * (genome.field(0, 2) + 1) * scale + ", kernel " + (2 * genome.field(2, 2) + 1)
                        + ", blocks " + (genome.field(4, 2) + 1);
            }
        };
    }
}
