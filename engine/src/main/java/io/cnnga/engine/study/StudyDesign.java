package io.cnnga.engine.study;

import io.cnnga.engine.plan.FinalSettings;
import io.cnnga.engine.plan.Plan;
import io.cnnga.engine.plan.Strategy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * What a study compares: every strategy, each run with every seed, all else as the plan says.
 *
 * <pre>{@code
 * StudyDesign design = new StudyDesign(List.of(Strategy.GA, Strategy.RANDOM), List.of(1L, 2L, 3L), false);
 * design.arms();                                 // [ga, random]
 * design.plan(plan, Strategy.GA, 2, dir);        // the plan of run "ga-seed2", final.epochs 0
 * }</pre>
 *
 * @param strategies  the arms, in order, each once
 * @param seeds       the seeds every arm runs with, in order, each once
 * @param finalNetwork whether each run trains and tests its final network (otherwise {@code final.epochs} 0)
 */
public record StudyDesign(List<Strategy> strategies, List<Long> seeds, boolean finalNetwork) {

    public StudyDesign {
        if (strategies == null || strategies.isEmpty() || seeds == null || seeds.isEmpty()) {
            throw new IllegalArgumentException("a study needs at least one strategy and one seed");
        }
        if (new LinkedHashSet<>(strategies).size() != strategies.size() || new LinkedHashSet<>(seeds).size() != seeds.size()) {
            throw new IllegalArgumentException("a study lists each strategy and each seed once");
        }
        strategies = List.copyOf(strategies);
        seeds = List.copyOf(seeds);
    }

    /** One study run: its arm and its seed. */
    public record Cell(Strategy strategy, long seed) {

        /** The arm's name, as tables and {@code study.json} write it. */
        public String arm() {
            return strategy.id();
        }

        /** The run's folder in the study folder. */
        public String folder() {
            return arm() + "-seed" + seed;
        }
    }

    /** Every run, arm by arm, seed by seed. */
    public List<Cell> cells() {
        List<Cell> cells = new ArrayList<>();
        for (Strategy s : strategies) {
            for (long seed : seeds) {
                cells.add(new Cell(s, seed));
            }
        }
        return cells;
    }

    public List<String> arms() {
        return strategies.stream().map(Strategy::id).toList();
    }

    /** The plan of one run: the study's plan with the cell's seed and strategy, in the cell's folder. */
    public Plan plan(Plan plan, Cell cell, Path studyDir) {
        Plan p = plan.withName(plan.name() + "-" + cell.folder())
                .withSeed(cell.seed())
                .withSearch(plan.search().withStrategy(cell.strategy()))
                .withOutput(studyDir.resolve(cell.folder()).toString());
        return finalNetwork ? p : p.withFinalTraining(new FinalSettings(0));
    }
}
