package io.cnnga.decoder.paper;

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
 * The seed paper's decoder: a 20-bit genome becomes stages of convolutions followed by the paper's
 * fixed dense head.
 *
 * <pre>{@code
 * PaperDecoder decoder = PaperDecoder.paper();
 * Genome genome = Genome.of("01010001110010011100");
 * ModelSpec spec = decoder.decode(genome, DataInfo.of("cifar10", 32, 32, 3, 10));
 * spec.layersOf(LayerSpec.Conv2D.class).size();   // 6
 * spec.params();                                   // 5,693,674
 * decoder.explain(genome);   // "filters 24, scale 2, kernel 2, depth 4, dropout 0.4, elu, ..."
 * }</pre>
 *
 * <p>Stage {@code s} (0-based) has {@code min(maxWidth, filters × scale × 2^s)} channels and is
 * {@code [Conv2D(width, kernel, stride 1, SAME) → Activation] × (1 or 2) → BatchNorm(1e-3) →
 * MaxPool(2, 2, SAME) → Dropout(rate)}; the head is {@code Flatten}, then for each width in
 * {@code head} {@code Dense → relu → Dropout(headDropout)}, then {@code Dense(classes)} giving the
 * logits. Bit layout: {@link PaperField}; choice tables: {@link PaperChoices}.
 *
 * @param choices     what each field value stands for
 * @param maxWidth    cap on a stage's channels (the paper: 512)
 * @param head        widths of the hidden dense layers (the paper: 2048, 1024); may be empty
 * @param headDropout dropout after each hidden dense layer (the paper: 0.5), in [0, 1)
 */
public record PaperDecoder(PaperChoices choices, int maxWidth, List<Integer> head, double headDropout)
        implements Decoder {

    public static final int DEFAULT_MAX_WIDTH = 512;
    public static final List<Integer> DEFAULT_HEAD = List.of(2048, 1024);
    public static final double DEFAULT_HEAD_DROPOUT = 0.5;
    /** Keras' default, which the paper's BatchNormalization layers used. */
    public static final double BATCH_NORM_EPSILON = 1e-3;

    /** @throws IllegalArgumentException naming the setting that breaks a rule */
    public PaperDecoder {
        check(choices, maxWidth, head, headDropout, Complaint.ARGUMENT);
        head = List.copyOf(head);
    }

    /** The decoder exactly as the paper describes it. */
    public static PaperDecoder paper() {
        return new PaperDecoder(PaperChoices.PAPER, DEFAULT_MAX_WIDTH, DEFAULT_HEAD, DEFAULT_HEAD_DROPOUT);
    }

    static void check(PaperChoices choices, int maxWidth, List<Integer> head, double headDropout,
                      Complaint complaint) {
        if (choices == null) {
            throw complaint.about("choices", "is required");
        }
        if (maxWidth < 1) {
            throw complaint.about(PaperDecoderFactory.MAX_WIDTH, "must be >= 1, was " + maxWidth);
        }
        if (head == null) {
            throw complaint.about(PaperDecoderFactory.HEAD, "is required");
        }
        for (int i = 0; i < head.size(); i++) {
            Integer width = head.get(i);
            if (width == null || width < 1) {
                throw complaint.about(PaperDecoderFactory.HEAD + "[" + i + "]",
                        "must be a positive integer, was " + width);
            }
        }
        if (!(headDropout >= 0 && headDropout < 1)) {
            throw complaint.about(PaperDecoderFactory.HEAD_DROPOUT,
                    "must be at least 0 and less than 1, was " + headDropout);
        }
    }

    @Override
    public int genomeLength() {
        return PaperField.GENOME_LENGTH;
    }

    /**
     * The choices {@code genome} makes.
     *
     * @throws IllegalArgumentException when the genome does not have {@link #genomeLength()} bits
     */
    public PaperArchitecture architecture(Genome genome) {
        if (genome.length() != PaperField.GENOME_LENGTH) {
            throw new IllegalArgumentException("the paper decoder reads genomes of " + PaperField.GENOME_LENGTH
                    + " bits, got " + genome.length() + " bits: " + genome);
        }
        int filters = choices.filters().get(PaperField.FILTERS.read(genome));
        int scale = choices.scales().get(PaperField.SCALE.read(genome));
        int depth = choices.depths().get(PaperField.DEPTH.read(genome));
        List<Integer> convsPerStage = new ArrayList<>(depth);
        List<Integer> widths = new ArrayList<>(depth);
        for (int stage = 0; stage < depth; stage++) {
            convsPerStage.add(genome.bit(PaperField.convsBit(stage)) ? 1 : 2);
            // long, then capped: large overridden tables must not overflow before the cap applies
            widths.add((int) Math.min(maxWidth, ((long) filters * scale) << stage));
        }
        return new PaperArchitecture(filters, scale,
                choices.kernels().get(PaperField.KERNEL.read(genome)),
                depth,
                choices.dropouts().get(PaperField.DROPOUT.read(genome)),
                choices.activations().get(PaperField.ACTIVATION.read(genome)),
                convsPerStage, widths);
    }

    @Override
    public ModelSpec decode(Genome genome, DataInfo data) {
        PaperArchitecture architecture = architecture(genome);
        List<LayerSpec> layers = new ArrayList<>();
        for (int stage = 0; stage < architecture.depth(); stage++) {
            for (int conv = 0; conv < architecture.convsPerStage().get(stage); conv++) {
                layers.add(new LayerSpec.Conv2D(architecture.widths().get(stage), architecture.kernel(), 1, Padding.SAME));
                layers.add(LayerSpec.Activation.of(architecture.activation()));
            }
            layers.add(new LayerSpec.BatchNorm(BATCH_NORM_EPSILON));
            layers.add(new LayerSpec.MaxPool(2, 2, Padding.SAME));
            layers.add(new LayerSpec.Dropout(architecture.dropout()));
        }
        layers.add(new LayerSpec.Flatten());
        for (int width : head) {
            layers.add(new LayerSpec.Dense(width));
            layers.add(LayerSpec.Activation.of(ActivationFunction.RELU));
            layers.add(new LayerSpec.Dropout(headDropout));
        }
        layers.add(new LayerSpec.Dense(data.classes()));
        return new ModelSpec(ModelSpec.inputOf(data), data.classes(), layers);
    }

    @Override
    public String explain(Genome genome) {
        return architecture(genome).explain();
    }
}
