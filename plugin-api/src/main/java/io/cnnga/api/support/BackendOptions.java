package io.cnnga.api.support;

import io.cnnga.api.BackendFactory;
import io.cnnga.api.InvalidOptionException;
import io.cnnga.api.Options;

import java.util.Objects;

/**
 * The {@code backend.options} the built-in backends share: the same keys and meanings whichever
 * backend a plan names, so that a plan switches backend by changing only {@code backend.id}.
 *
 * <pre>{@code
 * "backend": { "id": "tensorflow",
 *              "options": { "device": "gpu:0", "threads": 2, "batchNormMomentum": 0.9,
 *                          "batchNormStatistics": "recomputed", "seed": 7, "precision": "auto" } }
 *
 * BackendOptions o = BackendOptions.consume(options);   // in BackendFactory.create: rejects unknown keys
 * }</pre>
 *
 * @param device            where networks train unless a trial's config names a device:
 *                          {@code auto} (the backend's choice: the first GPU it sees, else the CPU),
 *                          {@code cpu} or {@code gpu:N} ({@link DeviceChoice})
 * @param threads           intra-op threads; 0 lets the framework use every core. Both frameworks
 *                          keep one thread pool per JVM: TensorFlow fixes it with its first
 *                          session, libtorch with the latest backend given a positive value
 * @param batchNormMomentum momentum of batch norm's moving mean and variance in TensorFlow's sense
 *                          ({@code moving = momentum · moving + (1 − momentum) · batch}), in
 *                          [0, 1); 0.9 by default, because Keras' 0.99 leaves the inference
 *                          statistics far from the weights after the one or two epochs a trial
 *                          trains
 * @param batchNormStatistics what batch norm uses at inference after an epoch: the statistics
 *                          {@code recomputed} with the final weights (the default) or the
 *                          {@code moving} averages; see {@link BatchNormStatistics}
 * @param seed              when set, replaces the training config's seed for weights, dropout and
 *                          batch order; null to use the config's
 * @param precision         what convolutions and matrix products compute in: {@code fp32},
 *                          {@code bf16}, or {@code auto} (the default in plans: bfloat16 where the
 *                          device computes it fast); see {@link PrecisionChoice}
 */
public record BackendOptions(String device, int threads, double batchNormMomentum,
        BatchNormStatistics batchNormStatistics, Long seed, PrecisionChoice precision) {

    public static final String DEFAULT_DEVICE = "auto";
    public static final double DEFAULT_MOMENTUM = 0.9;

    public BackendOptions {
        DeviceChoice.parse(device);
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be >= 0, was " + threads);
        }
        if (!(batchNormMomentum >= 0 && batchNormMomentum < 1)) {
            throw new IllegalArgumentException("batchNormMomentum must be in [0, 1), was " + batchNormMomentum);
        }
        Objects.requireNonNull(batchNormStatistics, "batchNormStatistics");
        Objects.requireNonNull(precision, "precision");
    }

    /**
     * Options that train in float32, as every backend did before {@code precision} existed: code
     * that builds its options this way keeps its numbers on a CPU with bfloat16.
     */
    public BackendOptions(String device, int threads, double batchNormMomentum,
                          BatchNormStatistics batchNormStatistics, Long seed) {
        this(device, threads, batchNormMomentum, batchNormStatistics, seed, PrecisionChoice.FP32);
    }

    /** Every option at its default, as a plan that gives none has them ({@code precision: auto}). */
    public static BackendOptions defaults() {
        return new BackendOptions(DEFAULT_DEVICE, 0, DEFAULT_MOMENTUM, BatchNormStatistics.RECOMPUTED, null,
                PrecisionChoice.AUTO);
    }

    /** These options with another precision. */
    public BackendOptions withPrecision(PrecisionChoice newPrecision) {
        return new BackendOptions(device, threads, batchNormMomentum, batchNormStatistics, seed, newPrecision);
    }

    /**
     * Reads the options a plan gives and rejects unknown keys.
     *
     * @throws InvalidOptionException naming the JSON path of a bad or unknown option
     */
    public static BackendOptions consume(Options options) {
        String device = options.string("device", DEFAULT_DEVICE);
        try {
            DeviceChoice.parse(device);
        } catch (IllegalArgumentException e) {
            throw new InvalidOptionException(options.pathOf("device"), e.getMessage());
        }
        int threads = options.integer("threads", 0, 0, 1024);
        double momentum = options.number("batchNormMomentum", DEFAULT_MOMENTUM);
        if (!(momentum >= 0 && momentum < 1)) {
            throw new InvalidOptionException(options.pathOf("batchNormMomentum"),
                    "must be at least 0 and less than 1, was " + momentum);
        }
        BatchNormStatistics statistics = BatchNormStatistics.consume(options);
        Long seed = options.has("seed") ? options.longValue("seed", 0) : null;
        PrecisionChoice precision = PrecisionChoice.consume(options);
        options.finish();
        return new BackendOptions(device, threads, momentum, statistics, seed, precision);
    }

    /** The seed a training uses: this backend's when set, else the config's. */
    public long seedFor(long configSeed) {
        return seed != null ? seed : configSeed;
    }
}
