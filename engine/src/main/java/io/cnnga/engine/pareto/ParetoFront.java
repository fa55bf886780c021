package io.cnnga.engine.pareto;

import io.cnnga.api.TrialResult;
import io.cnnga.api.TrialStatus;
import io.cnnga.engine.plan.FinalSelect;
import io.cnnga.engine.plan.Objective;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The trials no other trial beats in every objective: what a multi-objective search offers, and
 * the one of them a plan's {@code final.select} picks.
 *
 * <pre>{@code
 * ParetoFront front = ParetoFront.of(results, List.of(Objective.ACCURACY, Objective.FLOPS));
 * front.members();                              // most accurate first
 * front.select(FinalSelect.KNEE);               // the knee point
 * front.select(FinalSelect.atMost(Objective.FLOPS, 1e7));   // the most accurate within 10 MFLOPs
 * }</pre>
 *
 * <p>Candidates are the trials that trained to their end (or to their time limit); a trial a pruner
 * stopped at a checkpoint has an accuracy that does not compare. A network trained under two
 * genomes (a cached copy) counts once, under the genome trained first. Equal values of two trials
 * keep both on the front.
 *
 * @param objectives what each member's values measure
 * @param members    the non-dominated trials, most accurate first, then by genome
 */
public record ParetoFront(List<Objective> objectives, List<Member> members) {

    /**
     * A member of the front.
     *
     * @param result its trial
     * @param values its objectives' values
     */
    public record Member(TrialResult result, ObjectiveValues values) {

        public double accuracy() {
            return result.fitness();
        }
    }

    public ParetoFront {
        objectives = List.copyOf(objectives);
        members = List.copyOf(members);
    }

    /** The front of {@code results} for {@code objectives}, found by comparing every pair. */
    public static ParetoFront of(List<TrialResult> results, List<Objective> objectives) {
        Map<String, TrialResult> candidates = candidates(results);
        List<Member> all = candidates.values().stream().map(r -> new Member(r, ObjectiveValues.of(r, objectives))).toList();
        List<Member> front = new ArrayList<>();
        for (Member m : all) {
            if (all.stream().noneMatch(o -> o.values().dominates(m.values()))) {
                front.add(m);
            }
        }
        front.sort(Comparator.comparingDouble(Member::accuracy).reversed()
                .thenComparing(m -> m.result().genome().bits()));
        return new ParetoFront(objectives, front);
    }

    /** Every candidate of {@code results} (not only the front), for charts of the search space. */
    public static ParetoFront all(List<TrialResult> results, List<Objective> objectives) {
        Map<String, TrialResult> candidates = candidates(results);
        return new ParetoFront(objectives, candidates.values().stream()
                .map(r -> new Member(r, ObjectiveValues.of(r, objectives))).toList());
    }

    /** Trials trained to their end, each network once under the genome trained first. */
    private static Map<String, TrialResult> candidates(List<TrialResult> results) {
        Map<String, TrialResult> candidates = new LinkedHashMap<>();
        for (TrialResult r : results) {
            boolean trainedThrough = r.status() == TrialStatus.COMPLETE
                    || (r.status() == TrialStatus.PRUNED && (r.stop() == null || !r.stop().byPruner()));
            if (trainedThrough) {
                candidates.putIfAbsent(r.genome().bits(), r);
            }
        }
        return candidates;
    }

    public boolean isEmpty() {
        return members.isEmpty();
    }

    /**
     * The member {@code rule} picks: the most accurate; the knee; or the most accurate within a
     * constraint. Empty only for a constraint no member meets.
     */
    public Optional<Member> select(FinalSelect rule) {
        if (members.isEmpty()) {
            return Optional.empty();
        }
        if (rule.constraint()) {
            int k = objectives.indexOf(rule.objective());
            return members.stream().filter(m -> m.values().get(k) <= rule.max()).findFirst();
        }
        return Optional.of(rule.equals(FinalSelect.KNEE) ? knee() : members.get(0));
    }

    /**
     * The knee: with every objective scaled to [0, 1] over the front (1 the best), the member
     * farthest from the line through the two extremes of a two-objective front — where giving up a
     * little of one objective stops buying much of the other; with more objectives, the member
     * nearest to the ideal point of all ones. The most accurate member when the front has fewer
     * than three.
     */
    public Member knee() {
        if (members.size() < 3) {
            return members.get(0);
        }
        int n = objectives.size();
        double[] low = new double[n];
        double[] high = new double[n];
        java.util.Arrays.fill(low, Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(high, Double.NEGATIVE_INFINITY);
        for (Member m : members) {
            double[] v = m.values().maximised();
            for (int i = 0; i < n; i++) {
                low[i] = Math.min(low[i], v[i]);
                high[i] = Math.max(high[i], v[i]);
            }
        }
        List<double[]> scaled = members.stream().map(m -> {
            double[] v = m.values().maximised();
            double[] s = new double[n];
            for (int i = 0; i < n; i++) {
                s[i] = high[i] > low[i] ? (v[i] - low[i]) / (high[i] - low[i]) : 1;
            }
            return s;
        }).toList();
        int best = 0;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < members.size(); j++) {
            double[] s = scaled.get(j);
            double score;
            if (n == 2) {
                // distance above the line x + y = 1 through the extremes (1, 0) and (0, 1)
                score = (s[0] + s[1] - 1) / Math.sqrt(2);
            } else {
                double d = 0;
                for (double x : s) {
                    d += (1 - x) * (1 - x);
                }
                score = -Math.sqrt(d);
            }
            if (score > bestScore) {
                bestScore = score;
                best = j;
            }
        }
        return members.get(best);
    }
}
