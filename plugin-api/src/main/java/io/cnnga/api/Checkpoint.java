package io.cnnga.api;

/**
 * A measurement taken in the middle of a training, at one of {@link TrainingConfig#checkpoints()}:
 * the validation loss and accuracy of the network as it is at that step, on a fixed sample of the
 * validation split, so that a pruner can compare trials long before they finish.
 *
 * <pre>{@code
 * TrainingConfig config = new TrainingConfig(2, 32, 1e-3, 42L, null).withCheckpoints(List.of(0.25, 0.5));
 * TrainingListener pruner = new TrainingListener() {
 *     public void onCheckpoint(Checkpoint c) { stop = c.validationAccuracy() < medianAt(c.step()); }
 *     public boolean stopRequested() { return stop; }
 * };
 * }</pre>
 *
 * @param epoch              1-based epoch the checkpoint fell in
 * @param step               the training step it was taken after, counted from 1 over the whole
 *                           training (epoch 2's first step is {@code stepsPerEpoch + 1}):
 *                           {@code ceil(f × epochs × stepsPerEpoch)} for a configured fraction {@code f}
 * @param fraction           the fraction of the whole training done at that step,
 *                           {@code step / (epochs × stepsPerEpoch)}, in (0, 1]
 * @param validationLoss     mean loss on the sample; NaN when there was no validation split
 * @param validationAccuracy accuracy on the sample; 0 when there was no validation split
 * @param images             how many validation images were measured (the sample's size)
 * @param seconds            wall time since the session's first training step, this measurement included
 */
public record Checkpoint(int epoch, int step, double fraction, double validationLoss, double validationAccuracy,
                         int images, double seconds) {

    public Checkpoint {
        if (epoch < 1 || step < 1) {
            throw new IllegalArgumentException("epoch and step count from 1, were " + epoch + " and " + step);
        }
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("fraction must be in (0, 1], was " + fraction);
        }
        if (images < 0) {
            throw new IllegalArgumentException("images must be >= 0, was " + images);
        }
    }
}
