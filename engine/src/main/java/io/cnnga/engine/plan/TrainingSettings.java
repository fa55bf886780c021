package io.cnnga.engine.plan;

/**
 * The plan's {@code training} section: how each candidate network is trained.
 *
 * <pre>{@code
 * new TrainingSettings(2, 32, 0.001, 300);   // the paper's 2 epochs, batch 32, Adam 0.001; 5 min cap
 * }</pre>
 *
 * @param epochs          epochs per trial (paper: 2)
 * @param batchSize       images per step (paper: 32)
 * @param learningRate    Adam's learning rate (paper: 0.001)
 * @param maxTrialSeconds a trial running longer is stopped and recorded as pruned; 0 = no limit
 */
public record TrainingSettings(int epochs, int batchSize, double learningRate, double maxTrialSeconds) {

    public static final TrainingSettings PAPER = new TrainingSettings(2, 32, 0.001, 0);
}
