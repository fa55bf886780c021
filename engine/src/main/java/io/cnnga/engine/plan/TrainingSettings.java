package io.cnnga.engine.plan;

import java.util.List;

/**
 * The plan's {@code training} section: how each candidate network is trained, and when a weak
 * one is stopped early.
 *
 * <pre>{@code
 * TrainingSettings paper = TrainingSettings.PAPER;   // 2 epochs, batch 32, Adam 0.001, no pruner
 * }</pre>
 *
 * @param epochs          epochs per trial (paper: 2)
 * @param batchSize       images per step (paper: 32)
 * @param learningRate    Adam's learning rate (paper: 0.001)
 * @param maxTrialSeconds a trial running longer is stopped and recorded as pruned; 0 = no limit
 * @param checkpoints     fractions of a trial's training, strictly ascending in (0, 1), after which
 *                        its validation accuracy is measured on a fixed sample: where pruners judge
 * @param pruner          what stops weak trials early
 * @param warmupTrials    the median pruner judges at a checkpoint only once this many trials of
 *                        earlier generations reached it
 * @param reductionFactor successive halving keeps the best {@code 1 / reductionFactor} at each rung
 */
public record TrainingSettings(int epochs, int batchSize, double learningRate, double maxTrialSeconds,
                               List<Double> checkpoints, Pruner pruner, int warmupTrials, int reductionFactor) {

    public static final TrainingSettings PAPER = new TrainingSettings(2, 32, 0.001, 0, List.of(), Pruner.NONE, 4, 3);

    public TrainingSettings {
        checkpoints = List.copyOf(checkpoints);
    }

    /** The same settings with another pruner (and that pruner's default checkpoints if none were set). */
    public TrainingSettings withPruner(Pruner newPruner) {
        List<Double> points = checkpoints.isEmpty() ? defaultCheckpoints(newPruner, epochs, reductionFactor) : checkpoints;
        return new TrainingSettings(epochs, batchSize, learningRate, maxTrialSeconds, points, newPruner, warmupTrials,
                reductionFactor);
    }

    /**
     * The checkpoints a pruner gets when the plan sets none: the median pruner a quarter and half
     * of a one-epoch trial (trials of several epochs are judged at their epochs' ends), successive
     * halving the classic rungs 1/η² and 1/η.
     */
    public static List<Double> defaultCheckpoints(Pruner pruner, int epochs, int reductionFactor) {
        return switch (pruner) {
            case NONE -> List.of();
            case MEDIAN -> epochs == 1 ? List.of(0.25, 0.5) : List.of();
            case HALVING -> List.of(1.0 / (reductionFactor * reductionFactor), 1.0 / reductionFactor);
        };
    }
}
