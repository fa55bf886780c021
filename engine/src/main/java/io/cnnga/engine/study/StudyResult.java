package io.cnnga.engine.study;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.cnnga.engine.journal.JournalJson;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * What a study found: every run, and per arm the median over its seeds of the best validation
 * accuracy at equal cost. {@code study.json} is this record.
 *
 * <pre>{@code
 * StudyResult result = StudyResult.of("fashion-quickstart", runs);
 * result.budget();            // networks every run trained: where the arms are compared
 * result.medians().get("ga"); // median over seeds of the best among the first budget networks
 * }</pre>
 *
 * <p>Equal cost is equal networks trained: a run's best counts only its first {@code budget}
 * trained networks, {@code budget} being the fewest any run trained (cached trials cost nothing).
 * {@code secondsBudget} and {@code secondsMedians} compare the same way by training seconds.
 *
 * @param plan           the study's plan name
 * @param arms           the arms, in order
 * @param seeds          the seeds, in order
 * @param budget         networks trained by every run
 * @param medians        by arm: median over its runs of the best among their first {@code budget} networks
 * @param secondsBudget  training seconds every run spent
 * @param secondsMedians by arm: median over its runs of the best found within {@code secondsBudget} training seconds
 * @param finalMedians   by arm: median over its runs of the best each found at its end
 * @param hypervolumeMedians by arm, for a multi-objective study: median over its runs of the
 *                       hypervolume of their first {@code budget} networks; null otherwise
 * @param comparisons    every pair of arms (in arm order) compared seed by seed, at {@code budget}
 *                       networks and then within {@code secondsBudget} seconds
 * @param runs           every run
 */
@com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"plan", "arms", "seeds", "budget", "medians", "secondsBudget", "secondsMedians", "finalMedians",
        "hypervolumeMedians", "comparisons", "runs"})
public record StudyResult(String plan, List<String> arms, List<Long> seeds, int budget, Map<String, Double> medians,
                          double secondsBudget, Map<String, Double> secondsMedians, Map<String, Double> finalMedians,
                          Map<String, Double> hypervolumeMedians, List<ArmComparison> comparisons, List<StudyRun> runs) {

    public static StudyResult of(String plan, List<String> arms, List<Long> seeds, List<StudyRun> runs) {
        int budget = runs.stream().mapToInt(StudyRun::trained).min().orElse(0);
        double secondsBudget = runs.stream().mapToDouble(StudyRun::trainingSeconds).min().orElse(0);
        Map<String, Double> medians = new LinkedHashMap<>();
        Map<String, Double> secondsMedians = new LinkedHashMap<>();
        Map<String, Double> finalMedians = new LinkedHashMap<>();
        boolean multiObjective = runs.stream().anyMatch(r -> r.hypervolumeCurve() != null);
        Map<String, Double> hypervolumeMedians = multiObjective ? new LinkedHashMap<>() : null;
        for (String arm : arms) {
            List<StudyRun> of = runs.stream().filter(r -> r.arm().equals(arm)).toList();
            medians.put(arm, median(of.stream().mapToDouble(r -> r.bestAfter(budget)).toArray()));
            secondsMedians.put(arm, median(of.stream().mapToDouble(r -> r.bestWithin(secondsBudget)).toArray()));
            finalMedians.put(arm, median(of.stream().mapToDouble(StudyRun::bestValidationAccuracy).toArray()));
            if (multiObjective) {
                hypervolumeMedians.put(arm, median(of.stream().mapToDouble(r -> r.hypervolumeAfter(budget)).toArray()));
            }
        }
        List<ArmComparison> comparisons = new ArrayList<>();
        for (int i = 0; i < arms.size(); i++) {
            for (int j = i + 1; j < arms.size(); j++) {
                String a = arms.get(i);
                String b = arms.get(j);
                comparisons.add(ArmComparison.of(a, b, ArmComparison.Basis.NETWORKS, bestBySeed(runs, a, r -> r.bestAfter(budget)),
                        bestBySeed(runs, b, r -> r.bestAfter(budget))));
                comparisons.add(ArmComparison.of(a, b, ArmComparison.Basis.SECONDS,
                        bestBySeed(runs, a, r -> r.bestWithin(secondsBudget)),
                        bestBySeed(runs, b, r -> r.bestWithin(secondsBudget))));
            }
        }
        return new StudyResult(plan, List.copyOf(arms), List.copyOf(seeds), budget, medians, secondsBudget,
                secondsMedians, finalMedians, hypervolumeMedians, List.copyOf(comparisons), List.copyOf(runs));
    }

    private static Map<Long, Double> bestBySeed(List<StudyRun> runs, String arm, ToDoubleFunction<StudyRun> best) {
        Map<Long, Double> out = new LinkedHashMap<>();
        runs.stream().filter(r -> r.arm().equals(arm)).forEach(r -> out.put(r.seed(), best.applyAsDouble(r)));
        return out;
    }

    /** The middle value; the mean of the two middle ones for an even count; NaN for none. */
    public static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** By arm: the median over its runs of the best so far after 1, 2, ... {@code budget} networks. */
    public Map<String, double[][]> medianCurves() {
        Map<String, double[][]> out = new LinkedHashMap<>();
        for (String arm : arms) {
            List<StudyRun> of = runsOf(arm);
            double[][] curve = new double[budget][];
            for (int n = 1; n <= budget; n++) {
                int networks = n;
                curve[n - 1] = new double[] {n, median(of.stream().mapToDouble(r -> r.bestAfter(networks)).toArray())};
            }
            out.put(arm, curve);
        }
        return out;
    }

    /** By arm: the median over its runs of the best so far, on 100 steps of training seconds up to {@code secondsBudget}. */
    public Map<String, double[][]> medianSecondsCurves() {
        Map<String, double[][]> out = new LinkedHashMap<>();
        int steps = 100;
        for (String arm : arms) {
            List<StudyRun> of = runsOf(arm);
            List<double[]> curve = new ArrayList<>();
            for (int k = 1; k <= steps; k++) {
                double t = secondsBudget * k / steps;
                double m = median(of.stream().mapToDouble(r -> r.bestWithin(t)).toArray());
                if (m > 0) {
                    curve.add(new double[] {t, m});
                }
            }
            out.put(arm, curve.toArray(double[][]::new));
        }
        return out;
    }

    public List<StudyRun> runsOf(String arm) {
        return runs.stream().filter(r -> r.arm().equals(arm)).toList();
    }

    /** {@code study.json}. */
    public String toJson() {
        try {
            return JournalJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(this) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a study always serializes", e);
        }
    }

    /** {@code study.csv}: one row per run. */
    public String toCsv() {
        StringBuilder b = new StringBuilder(
                "arm,seed,folder,trained,seconds,trainingSeconds,bestValidationAccuracy,bestAtBudget,testAccuracy\n");
        for (StudyRun r : runs) {
            b.append(String.format(Locale.ROOT, "%s,%d,%s,%d,%.1f,%.1f,%.4f,%.4f,%s%n", r.arm(), r.seed(), r.folder(),
                    r.trained(), r.seconds(), r.trainingSeconds(), r.bestValidationAccuracy(), r.bestAfter(budget),
                    r.testAccuracy() == null ? "" : String.format(Locale.ROOT, "%.4f", r.testAccuracy())));
        }
        return b.toString();
    }

    /** The table the command prints. */
    public String table() {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "Study %s: %d arm(s) x %d seed(s); compared at %d networks trained each%n",
                plan, arms.size(), seeds.size(), budget));
        b.append(String.format(Locale.ROOT, "%-10s %6s %8s %9s %10s %10s %12s %10s%n", "arm", "seed", "trained",
                "seconds", "train s", "best", "best at " + budget, "test"));
        for (StudyRun r : runs) {
            b.append(String.format(Locale.ROOT, "%-10s %6d %8d %9.0f %10.0f %10.4f %12.4f %10s%n", r.arm(), r.seed(),
                    r.trained(), r.seconds(), r.trainingSeconds(), r.bestValidationAccuracy(), r.bestAfter(budget),
                    r.testAccuracy() == null ? "-" : String.format(Locale.ROOT, "%.4f", r.testAccuracy())));
        }
        b.append(String.format(Locale.ROOT, "Median over seeds of the best validation accuracy at %d networks: ", budget));
        List<String> parts = new ArrayList<>();
        medians.forEach((arm, m) -> parts.add(String.format(Locale.ROOT, "%s %.4f", arm, m)));
        b.append(String.join(", ", parts)).append('\n');
        b.append(String.format(Locale.ROOT, "... within %.0f training seconds: ", secondsBudget));
        parts.clear();
        secondsMedians.forEach((arm, m) -> parts.add(String.format(Locale.ROOT, "%s %.4f", arm, m)));
        b.append(String.join(", ", parts)).append('\n');
        if (hypervolumeMedians != null) {
            b.append(String.format(Locale.ROOT, "Median hypervolume of the fronts at %d networks: ", budget));
            parts.clear();
            hypervolumeMedians.forEach((arm, m) -> parts.add(String.format(Locale.ROOT, "%s %.4f", arm, m)));
            b.append(String.join(", ", parts)).append('\n');
        }
        if (!comparisons.isEmpty()) {
            b.append("Seed by seed (the sign test, two-sided; ties left out):\n");
            for (ArmComparison c : comparisons) {
                b.append(String.format(Locale.ROOT, "  %s against %s %s: %s%n", c.arm(), c.against(),
                        where(c), c.split()));
            }
        }
        return b.toString();
    }

    /** Where a comparison is made: "at 26 networks" or "within 194 training seconds". */
    String where(ArmComparison c) {
        return c.basis() == ArmComparison.Basis.NETWORKS ? "at " + budget + " networks"
                : String.format(Locale.ROOT, "within %.0f training seconds", secondsBudget);
    }
}
