package io.cnnga.api;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The number format a network's convolutions and matrix products compute in. Weights, the loss,
 * softmax and batch norm's statistics stay float32 either way.
 *
 * <pre>{@code
 * try (TrainingSession s = backend.open(spec, config)) {
 *     s.precision().id();   // "fp32" or "bf16": what this training computes in
 * }
 * }</pre>
 */
public enum Precision {

    /** Everything in float32. */
    FP32,

    /**
     * Convolutions and matrix products in bfloat16 (8 exponent bits like float32, 8 significand
     * bits), with float32 master weights, loss, softmax and batch-norm statistics: mixed precision.
     */
    BF16;

    /** {@code fp32} or {@code bf16}, as plans, journals and {@code bench --json} spell it. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The precision whose {@link #id()} is {@code id}; empty for any other text. */
    public static Optional<Precision> ofId(String id) {
        return Arrays.stream(values()).filter(p -> p.id().equals(id)).findFirst();
    }
}
