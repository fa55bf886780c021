package io.cnnga.backend.pytorch;

import io.cnnga.api.BatchNormStatistics;
import io.cnnga.api.DeviceChoice;
import io.cnnga.api.InvalidOptionException;
import io.cnnga.api.Options;
import java.util.Objects;

/**
 * The {@code backend.options} of the PyTorch backend; the same keys and meanings as the
 * TensorFlow backend's.
 *
 * <pre>{@code
 * "backend": { "id": "pytorch",
 *              "options": { "device": "cpu", "threads": 2, "batchNormMomentum": 0.9,
 *                          "batchNormStatistics": "recomputed", "seed": 7 } }
 * }</pre>
 *
 * @param device            where networks train unless a trial's config names a device:
 *                          {@code auto} (the first GPU if libtorch has CUDA and sees one, else the
 *                          CPU), {@code cpu} or {@code gpu:N}
 * @param threads           libtorch intra-op threads; 0 keeps libtorch's default (one per core).
 *                          The pool is process-wide: the latest backend created with a positive
 *                          value sets it for every session of the JVM
 * @param batchNormMomentum momentum of batch norm's moving mean and variance in TensorFlow's
 *                          sense ({@code moving = momentum · moving + (1 − momentum) · batch}), in
 *                          [0, 1); 0.9 by default. PyTorch's own momentum is {@code 1 − this}
 * @param batchNormStatistics what batch norm uses at inference after an epoch: the statistics
 *                          {@code recomputed} with the final weights (the default) or the
 *                          {@code moving} averages; see {@link BatchNormStatistics}
 * @param seed              when set, replaces the training config's seed for weights, dropout and
 *                          batch order; null to use the config's
 */
public record PyTorchOptions(String device, int threads, double batchNormMomentum,
        BatchNormStatistics batchNormStatistics, Long seed) {

    public static final String DEFAULT_DEVICE = "auto";
    public static final double DEFAULT_MOMENTUM = 0.9;

    public PyTorchOptions {
        DeviceChoice.parse(device);
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be >= 0, was " + threads);
        }
        if (!(batchNormMomentum >= 0 && batchNormMomentum < 1)) {
            throw new IllegalArgumentException("batchNormMomentum must be in [0, 1), was " + batchNormMomentum);
        }
        Objects.requireNonNull(batchNormStatistics, "batchNormStatistics");
    }

    /** Every option at its default. */
    public static PyTorchOptions defaults() {
        return new PyTorchOptions(DEFAULT_DEVICE, 0, DEFAULT_MOMENTUM, BatchNormStatistics.RECOMPUTED, null);
    }

    /**
     * Reads the options a plan gives and rejects unknown keys.
     *
     * @throws InvalidOptionException naming the JSON path of a bad or unknown option
     */
    public static PyTorchOptions consume(Options options) {
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
        options.finish();
        return new PyTorchOptions(device, threads, momentum, statistics, seed);
    }

    /** The seed a training uses: this backend's when set, else the config's. */
    public long seedFor(long configSeed) {
        return seed != null ? seed : configSeed;
    }
}
