package io.cnnga.api.support;

import io.cnnga.api.Batch;
import io.cnnga.api.LayerParameter;
import io.cnnga.api.Precision;
import io.cnnga.api.TrainingSession;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * What a backend must do itself to train one network: the framework's steps. {@link TrainingLoop}
 * does everything else a {@link TrainingSession} does (epochs, batching and shuffling, listeners,
 * stops, counting, when and on which images batch norm's statistics are recomputed, validation,
 * evaluation, checkpoints), the same way for every backend.
 *
 * <pre>{@code
 * final class MySteps implements TrainingSteps {
 *     private final MyNetwork net;   // the framework's network, optimizer and native memory
 *
 *     MySteps(ModelSpec spec, TrainingConfig config, long seed) { net = MyNetwork.build(spec, config, seed); }
 *
 *     public Trained train(Batch batch, int epoch, int step) {
 *         MyNetwork.Step s = net.trainStep(batch.images(), batch.labels());   // forward, backward, update
 *         return new Trained(s.meanLoss(), s.correct());
 *     }
 *
 *     public Evaluated evaluate(Batch batch, boolean predictions) {
 *         int[] predicted = net.predict(batch.images());                      // inference mode
 *         long right = 0;
 *         for (int i = 0; i < predicted.length; i++) right += predicted[i] == batch.labels()[i] ? 1 : 0;
 *         return new Evaluated(net.lossSum(batch.images(), batch.labels()), right, predictions ? predicted : null);
 *     }
 *
 *     public void recomputeBatchNormStatistics(Iterable<Batch> sample) {
 *         List<ChannelMoments> moments = net.newBatchNormMoments();           // one per batch-norm layer
 *         for (Batch batch : sample) net.measureBatchNorm(batch.images(), moments);
 *         net.setBatchNormStatistics(moments);
 *     }
 *
 *     public void export(Path directory) { net.save(directory); }
 *     public List<LayerParameter> parameters(Set<String> layers) { return net.parameters(layers); }
 *     public void close() { net.close(); }
 * }
 *
 * // in the backend:
 * public TrainingSession open(ModelSpec spec, TrainingConfig config) {
 *     MemoryEstimate.requireFits(spec, config.batchSize(), TrainingLoop.evalBatch(config.batchSize()));
 *     return new TrainingLoop<>(spec, config, config.seed(), BatchNormStatistics.RECOMPUTED,
 *             new MySteps(spec, config, config.seed()));
 * }
 * }</pre>
 *
 * <p>The loop calls these methods from one thread, never after {@link #close()}, and only with
 * batches of the network's input shape. A method may throw any {@link RuntimeException} (or an
 * {@link OutOfMemoryError}): the loop turns it into a {@code TrainingFailedException} that names
 * what failed and where (epoch and step), so implementations need not wrap their framework's
 * errors.
 */
public interface TrainingSteps extends AutoCloseable {

    /**
     * A training step's outcome, both measured on the batch before the update.
     *
     * @param loss    the batch's mean loss; the loop fails the training when it is NaN or infinite
     * @param correct images of the batch classified correctly
     */
    record Trained(float loss, long correct) {
    }

    /**
     * An evaluation step's outcome.
     *
     * @param lossSum     the batch's summed loss (not its mean: the loop divides by the images)
     * @param correct     images of the batch classified correctly
     * @param predictions the predicted class per image, in the batch's order, when asked for;
     *                    otherwise null
     */
    record Evaluated(double lossSum, long correct, int[] predictions) {
    }

    /**
     * Called before an epoch's first step with the seed the loop shuffles that epoch's batches
     * with ({@code seed × 1,000,003 + epoch}); a backend whose dropout draws from a global
     * generator seeds it here. Does nothing by default.
     */
    default void startEpoch(int epoch, long epochSeed) {
    }

    /** Where the steps run, in the device syntax ({@code cpu}, {@code gpu:N}): what a latency is reported with. */
    default String deviceName() {
        return "cpu";
    }

    /**
     * One optimisation step on {@code batch} in training mode (dropout on, batch norm on the
     * batch's statistics, its moving averages updated). A backend that can see the loss before
     * the update should refuse a non-finite one there with
     * {@link EpochTally#lossNotFinite(float, int, int)}, so that a NaN never reaches the weights.
     *
     * @param epoch 1-based epoch, for messages
     * @param step  1-based step within the epoch, for messages
     */
    Trained train(Batch batch, int epoch, int step);

    /** Loss, correct count and, when {@code predictions}, predicted classes of {@code batch} in inference mode. */
    Evaluated evaluate(Batch batch, boolean predictions);

    /**
     * Replaces every batch-norm layer's moving mean and variance by the mean and variance of the
     * layer's input over all images of {@code sample}, with the current weights, batch statistics
     * in the batch-norm layers before it and dropout off ({@link BatchNormStatistics#RECOMPUTED};
     * {@link ChannelMoments} pools the batches). The loop chooses the sample and batches it; a
     * network without batch norm does nothing.
     */
    void recomputeBatchNormStatistics(Iterable<Batch> sample);

    /** What these steps' convolutions and matrix products compute in; float32 unless overridden. */
    default Precision precision() {
        return Precision.FP32;
    }

    /** Writes the network in the backend's portable format. */
    void export(Path directory);

    /**
     * The variables of {@code layers} (all when null), layer by layer in network order, as
     * {@link TrainingSession#parameters(Set)} describes.
     */
    List<LayerParameter> parameters(Set<String> layers);

    /** Releases every native resource; called once. */
    @Override
    void close();
}
