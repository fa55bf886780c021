package io.cnnga.api;

import java.util.List;

/**
 * How to train one network: the plan's {@code training} section, the seed, the device, and where
 * to measure it on the way.
 *
 * <pre>{@code
 * TrainingConfig config = new TrainingConfig(2, 32, 0.001, 42L, null);   // backend's own device
 * TrainingConfig onGpu1 = config.withDevice("gpu:1");
 * TrainingConfig watched = config.withCheckpoints(List.of(0.25, 0.5));   // measured after 1/4 and 1/2 of the steps
 * }</pre>
 *
 * @param epochs       passes over the training split
 * @param batchSize    images per step
 * @param learningRate Adam's learning rate
 * @param seed         seeds initial weights, dropout and batch order
 * @param device       {@code cpu}, {@code gpu:N}, or null for the backend's configured device;
 *                     executors set it when they spread trials over devices
 * @param checkpoints  fractions of the whole training's steps ({@code epochs × stepsPerEpoch}),
 *                     strictly ascending, each in (0, 1): after step {@code ceil(f × total)} the
 *                     session measures the network and reports a {@link Checkpoint} to its
 *                     listener; empty for none (null is read as empty)
 */
public record TrainingConfig(int epochs, int batchSize, double learningRate, long seed, String device,
                             List<Double> checkpoints) {

    public TrainingConfig {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be >= 1, was " + epochs);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1, was " + batchSize);
        }
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException("learningRate must be > 0, was " + learningRate);
        }
        if (checkpoints == null) {
            checkpoints = List.of();
        }
        double previous = 0;
        for (Double f : checkpoints) {
            if (f == null || !(f > 0 && f < 1)) {
                throw new IllegalArgumentException("checkpoints must be fractions in (0, 1), was " + f);
            }
            if (!(f > previous)) {
                throw new IllegalArgumentException("checkpoints must be strictly ascending, were " + checkpoints);
            }
            previous = f;
        }
        checkpoints = List.copyOf(checkpoints);
    }

    /** A training without checkpoints. */
    public TrainingConfig(int epochs, int batchSize, double learningRate, long seed, String device) {
        this(epochs, batchSize, learningRate, seed, device, List.of());
    }

    public TrainingConfig withDevice(String newDevice) {
        return new TrainingConfig(epochs, batchSize, learningRate, seed, newDevice, checkpoints);
    }

    public TrainingConfig withEpochs(int newEpochs) {
        return new TrainingConfig(newEpochs, batchSize, learningRate, seed, device, checkpoints);
    }

    public TrainingConfig withSeed(long newSeed) {
        return new TrainingConfig(epochs, batchSize, learningRate, newSeed, device, checkpoints);
    }

    public TrainingConfig withCheckpoints(List<Double> newCheckpoints) {
        return new TrainingConfig(epochs, batchSize, learningRate, seed, device, newCheckpoints);
    }
}
