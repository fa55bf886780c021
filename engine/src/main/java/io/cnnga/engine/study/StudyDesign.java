package io.cnnga.engine.study;

import io.cnnga.engine.plan.FinalSettings;
import io.cnnga.engine.plan.Plan;
import io.cnnga.engine.plan.Pruner;
import io.cnnga.engine.plan.Strategy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * What a study compares: every strategy with every pruner (the arms), each run with every seed,
 * all else as the plan says.
 *
 * <pre>{@code
 * StudyDesign design = new StudyDesign(List.of(Strategy.GA, Strategy.RANDOM), List.of(Pruner.NONE),
 *         List.of(1L, 2L, 3L), false);
 * design.arms();                                          // [ga, random]
 * design.plan(plan, new Cell(Strategy.GA, Pruner.NONE, 2), dir);   // run "ga-seed2", final.epochs 0
 * }</pre>
 *
 * <p>An arm is named after its strategy, and its pruner when the study compares pruners
 * ({@code ga+median}); its runs' folders likewise ({@code ga-median-seed1}).
 *
 * @param strategies   the strategies, in order, each once
 * @param pruners      the pruners, in order, each once; {@code [none]} to keep the plan's own
 * @param seeds        the seeds every arm runs with, in order, each once
 * @param finalNetwork whether each run trains and tests its final network (otherwise {@code final.epochs} 0)
 */
public record StudyDesign(List<Strategy> strategies, List<Pruner> pruners, List<Long> seeds, boolean finalNetwork) {

    public StudyDesign {
        if (strategies == null || strategies.isEmpty() || pruners == null || pruners.isEmpty() || seeds == null
                || seeds.isEmpty()) {
            throw new IllegalArgumentException("a study needs at least one strategy, one pruner and one seed");
        }
        if (new LinkedHashSet<>(strategies).size() != strategies.size() || new LinkedHashSet<>(pruners).size() != pruners.size()
                || new LinkedHashSet<>(seeds).size() != seeds.size()) {
            throw new IllegalArgumentException("a study lists each strategy, pruner and seed once");
        }
        strategies = List.copyOf(strategies);
        pruners = List.copyOf(pruners);
        seeds = List.copyOf(seeds);
    }

    /** A study of strategies, each with the plan's own pruner. */
    public StudyDesign(List<Strategy> strategies, List<Long> seeds, boolean finalNetwork) {
        this(strategies, List.of(Pruner.NONE), seeds, finalNetwork);
    }

    /** Whether the study compares pruners (several, or one that is not {@code none}). */
    boolean comparesPruners() {
        return pruners.size() > 1 || pruners.get(0) != Pruner.NONE;
    }

    /**
     * One study run: its arm and its seed.
     *
     * @param pruner the arm's pruner; null to keep the plan's own
     */
    public record Cell(Strategy strategy, Pruner pruner, long seed) {

        /** The arm's name, as tables and {@code study.json} write it. */
        public String arm() {
            return pruner == null ? strategy.id() : strategy.id() + "+" + pruner.id();
        }

        /** The run's folder in the study folder. */
        public String folder() {
            return arm().replace('+', '-') + "-seed" + seed;
        }
    }

    /** Every run, arm by arm, seed by seed. */
    public List<Cell> cells() {
        List<Cell> cells = new ArrayList<>();
        for (Strategy s : strategies) {
            for (Pruner p : pruners) {
                for (long seed : seeds) {
                    cells.add(new Cell(s, comparesPruners() ? p : null, seed));
                }
            }
        }
        return cells;
    }

    public List<String> arms() {
        return cells().stream().map(Cell::arm).distinct().toList();
    }

    /** The plan of one run: the study's plan with the cell's seed and strategy, in the cell's folder. */
    public Plan plan(Plan plan, Cell cell, Path studyDir) {
        Plan p = plan.withName(plan.name() + "-" + cell.folder())
                .withSeed(cell.seed())
                .withSearch(plan.search().withStrategy(cell.strategy()))
                .withOutput(studyDir.resolve(cell.folder()).toString());
        if (cell.pruner() != null) {
            p = p.withTraining(plan.training().withPruner(cell.pruner()));
        }
        return finalNetwork ? p : p.withFinalTraining(new FinalSettings(0));
    }
}
