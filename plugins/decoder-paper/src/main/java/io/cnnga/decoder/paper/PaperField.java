package io.cnnga.decoder.paper;

import io.cnnga.api.Genome;

/**
 * Where each choice of the paper's 20-bit chromosome sits, and the option that overrides its table.
 *
 * <pre>{@code
 * Genome genome = Genome.of("01010001110010011100");
 * PaperField.DEPTH.read(genome);        // 3, bits 6-8 read most significant first
 * PaperField.DEPTH.entries();           // 8: a 3-bit field picks one of 8 table entries
 * PaperField.DEPTH.option();            // "depths", as in decoder.options.depths
 * PaperField.convsBit(2);               // 15: bit 15 says whether stage 2 has one conv or two
 * }</pre>
 *
 * <p>The table-driven fields come first (bits 0-12); bits 13-19 hold one bit per stage, so a
 * network has at most {@link #MAX_DEPTH} stages whatever the depth table says.
 */
public enum PaperField {
    /** Bits 0-1: output channels of the first stage, before the scale. */
    FILTERS(0, 2, "filters"),
    /** Bits 2-3: multiplier of the first stage's channels. */
    SCALE(2, 2, "scales"),
    /** Bits 4-5: side of every square convolution kernel. */
    KERNEL(4, 2, "kernels"),
    /** Bits 6-8: number of feature-extraction stages. */
    DEPTH(6, 3, "depths"),
    /** Bits 9-10: dropout rate after each stage. */
    DROPOUT(9, 2, "dropouts"),
    /** Bits 11-12: activation after each convolution. */
    ACTIVATION(11, 2, "activations");

    /** Bits in a genome of the paper decoder. */
    public static final int GENOME_LENGTH = 20;

    /** First of the one-bit-per-stage fields: 1 → one convolution in the stage, 0 → two. */
    public static final int CONVS_PER_STAGE_FROM = 13;

    /** Stages a genome can describe: one convs-per-stage bit each. */
    public static final int MAX_DEPTH = GENOME_LENGTH - CONVS_PER_STAGE_FROM;

    private final int from;
    private final int bits;
    private final String option;

    PaperField(int from, int bits, String option) {
        this.from = from;
        this.bits = bits;
        this.option = option;
    }

    /** Index of the field's first (most significant) bit. */
    public int from() {
        return from;
    }

    public int bits() {
        return bits;
    }

    /** Entries its choice table must have: one per value of its bits. */
    public int entries() {
        return 1 << bits;
    }

    /** The key in {@code decoder.options} that overrides its choice table. */
    public String option() {
        return option;
    }

    /** The field's value in {@code genome}: an index into its choice table. */
    public int read(Genome genome) {
        return genome.field(from, bits);
    }

    /** The bit that tells whether stage {@code stage} (0-based) has one convolution or two. */
    public static int convsBit(int stage) {
        if (stage < 0 || stage >= MAX_DEPTH) {
            throw new IndexOutOfBoundsException("stage " + stage + " outside [0, " + MAX_DEPTH + ")");
        }
        return CONVS_PER_STAGE_FROM + stage;
    }

    /** Bit positions as a person reads them, e.g. "bits 6-8". */
    String bitRange() {
        return "bits " + from + "-" + (from + bits - 1);
    }
}
