package com.example.cnnga;

import io.cnnga.api.ActivationFunction;
import io.cnnga.api.DataInfo;
import io.cnnga.api.Decoder;
import io.cnnga.api.Genome;
import io.cnnga.api.LayerSpec;
import io.cnnga.api.ModelSpec;
import io.cnnga.api.Padding;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads 12 bits, most significant first:
 * <ul>
 *   <li>bits 0–2: filters of the first block, 8 × (1 + value), at most {@code maxFilters};</li>
 *   <li>bits 3–4: kernel 1, 3, 5 or 7;</li>
 *   <li>bits 5–6: 1 to 4 blocks, each {@code Conv2D → [BatchNorm] → activation → MaxPool 2×2},
 *       doubling the filters (up to {@code maxFilters});</li>
 *   <li>bit 7: batch norm in every block;</li>
 *   <li>bits 8–9: activation relu, elu, leaky_relu or swish;</li>
 *   <li>bits 10–11: a hidden dense layer of 0 (none), 32, 64 or 128 units before the logits.</li>
 * </ul>
 * A genome whose blocks pool the image below 1×1 is refused with an
 * {@link IllegalArgumentException}, as the API asks: the search then never trains it.
 */
final class TwelveBitDecoder implements Decoder {

    static final int LENGTH = 12;
    private static final int[] KERNELS = {1, 3, 5, 7};
    private static final int[] HEAD = {0, 32, 64, 128};

    private final int maxFilters;

    TwelveBitDecoder(int maxFilters) {
        this.maxFilters = maxFilters;
    }

    @Override
    public int genomeLength() {
        return LENGTH;
    }

    @Override
    public ModelSpec decode(Genome genome, DataInfo data) {
        if (genome.length() != LENGTH) {
            throw new IllegalArgumentException("the twelve-bit decoder reads 12 bits, got " + genome.length());
        }
        int blocks = blocks(genome);
        int smallest = Math.min(data.height(), data.width());
        if (smallest >> (blocks - 1) < 2) {
            throw new IllegalArgumentException(blocks + " blocks pool " + data.height() + "x" + data.width()
                    + " images below 1x1; use fewer blocks");
        }
        List<LayerSpec> layers = new ArrayList<>();
        int filters = filters(genome);
        for (int block = 0; block < blocks; block++) {
            layers.add(new LayerSpec.Conv2D(filters, kernel(genome), 1, Padding.SAME));
            if (genome.bit(7)) {
                layers.add(new LayerSpec.BatchNorm(1e-3));
            }
            layers.add(LayerSpec.Activation.of(activation(genome)));
            layers.add(new LayerSpec.MaxPool(2, 2, Padding.VALID));
            filters = Math.min(maxFilters, filters * 2);
        }
        layers.add(new LayerSpec.Flatten());
        int head = HEAD[genome.field(10, 2)];
        if (head > 0) {
            layers.add(new LayerSpec.Dense(head));
            layers.add(LayerSpec.Activation.of(activation(genome)));
        }
        layers.add(new LayerSpec.Dense(data.classes()));
        return new ModelSpec(ModelSpec.inputOf(data), data.classes(), layers);
    }

    @Override
    public String explain(Genome genome) {
        return "filters " + filters(genome) + ", kernel " + kernel(genome) + ", blocks " + blocks(genome)
                + (genome.bit(7) ? ", batch norm" : "") + ", " + activation(genome).id()
                + ", dense " + HEAD[genome.field(10, 2)];
    }

    private int filters(Genome genome) {
        return Math.min(maxFilters, 8 * (1 + genome.field(0, 3)));
    }

    private static int kernel(Genome genome) {
        return KERNELS[genome.field(3, 2)];
    }

    private static int blocks(Genome genome) {
        return 1 + genome.field(5, 2);
    }

    private static ActivationFunction activation(Genome genome) {
        return ActivationFunction.values()[genome.field(8, 2)];
    }
}
