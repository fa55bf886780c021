package io.cnnga.engine.study;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.cnnga.api.TrialResult;
import io.cnnga.api.TrialStatus;
import io.cnnga.engine.journal.RunRecord;
import io.cnnga.engine.journal.Summary;

import java.util.ArrayList;
import java.util.List;

/**
 * One run of a study, as its run folder tells it: how much it trained and the best validation
 * accuracy it had found after each network it trained.
 *
 * <pre>{@code
 * StudyRun run = StudyRun.of("ga", 1, RunRecord.read(dir.resolve("ga-seed1")));
 * run.bestAfter(20);   // the best validation accuracy among its first 20 trained networks
 * }</pre>
 *
 * @param arm                    the arm (strategy) it belongs to
 * @param seed                   its seed
 * @param folder                 its folder, relative to the study's
 * @param trained                networks a backend trained (cached trials cost nothing; a network
 *                               trained to several rungs of successive halving counts once)
 * @param seconds                its wall time
 * @param trainingSeconds        the time its trainings took, summed
 * @param bestValidationAccuracy the best fitness it found
 * @param testAccuracy           its final network's test accuracy; null without a final training
 * @param curve                  after each training: {networks trained, best so far}
 * @param secondsCurve           after each training: {training seconds so far, best so far}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"arm", "seed", "folder", "trained", "seconds", "trainingSeconds", "bestValidationAccuracy",
        "testAccuracy", "curve", "secondsCurve"})
public record StudyRun(String arm, long seed, String folder, int trained, double seconds, double trainingSeconds,
                       double bestValidationAccuracy, Double testAccuracy, double[][] curve, double[][] secondsCurve) {

    /**
     * The run in {@code record}, as study run ({@code arm}, {@code seed}). Every training counts
     * for the seconds (each rung of successive halving), each network once for the networks
     * trained; the best so far counts trials trained to their end (or stopped by their time limit,
     * whose fitness is what they reached), not those a pruner stopped at a checkpoint.
     */
    public static StudyRun of(String arm, long seed, String folder, RunRecord record) {
        List<double[]> curve = new ArrayList<>();
        List<double[]> secondsCurve = new ArrayList<>();
        java.util.Set<Long> networks = new java.util.HashSet<>();
        double seconds = 0;
        double best = 0;
        for (RunRecord.Trial t : record.attempts()) {
            TrialResult r = t.result();
            if (!Summary.trained(r)) {
                continue;
            }
            networks.add(((long) r.generation() << 32) | r.index());
            seconds += r.seconds();
            boolean counts = r.status() == TrialStatus.COMPLETE
                    || (r.status() == TrialStatus.PRUNED && (r.stop() == null || !r.stop().byPruner()));
            if (counts) {
                best = Math.max(best, r.fitness());
            }
            curve.add(new double[] {networks.size(), best});
            secondsCurve.add(new double[] {seconds, best});
        }
        Double test = record.finalFinished().map(f -> f.testAccuracy()).orElse(null);
        return new StudyRun(arm, seed, folder, networks.size(), record.seconds(), seconds, best, test,
                curve.toArray(double[][]::new), secondsCurve.toArray(double[][]::new));
    }

    /** The best validation accuracy once {@code networks} networks had been trained (0 before any). */
    public double bestAfter(int networks) {
        double best = 0;
        for (double[] point : curve) {
            if (point[0] <= networks) {
                best = point[1];
            }
        }
        return best;
    }

    /** The best validation accuracy among the trainings that had finished after {@code seconds} of training. */
    public double bestWithin(double seconds) {
        double best = 0;
        for (double[] point : secondsCurve) {
            if (point[0] <= seconds) {
                best = point[1];
            }
        }
        return best;
    }
}
