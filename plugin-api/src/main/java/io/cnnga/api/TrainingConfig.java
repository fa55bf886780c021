package io.cnnga.api;

/**
 * How to train one network: the plan's {@code training} section, the seed, and the device.
 *
 * <pre>{@code
 * TrainingConfig config = new TrainingConfig(2, 32, 0.001, 42L, null);   // backend's own device
 * TrainingConfig onGpu1 = config.withDevice("gpu:1");
 * }</pre>
 *
 * @param epochs       passes over the training split
 * @param batchSize    images per step
 * @param learningRate Adam's learning rate
 * @param seed         seeds initial weights, dropout and batch order
 * @param device       {@code cpu}, {@code gpu:N}, or null for the backend's configured device;
 *                     executors set it when they spread trials over devices
 */
public record TrainingConfig(int epochs, int batchSize, double learningRate, long seed, String device) {

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
    }

    public TrainingConfig withDevice(String newDevice) {
        return new TrainingConfig(epochs, batchSize, learningRate, seed, newDevice);
    }

    public TrainingConfig withEpochs(int newEpochs) {
        return new TrainingConfig(newEpochs, batchSize, learningRate, seed, device);
    }

    public TrainingConfig withSeed(long newSeed) {
        return new TrainingConfig(epochs, batchSize, learningRate, newSeed, device);
    }
}
