package io.cnnga.engine.study;

import io.cnnga.engine.journal.AtomicFile;
import io.cnnga.engine.journal.RunRecord;
import io.cnnga.engine.plan.Plan;
import io.cnnga.engine.plugin.PluginRegistry;
import io.cnnga.engine.report.ReportCharts;
import io.cnnga.engine.run.RunConsole;
import io.cnnga.engine.run.SearchRun;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a plan under several strategies and seeds, each run an ordinary run folder, and compares
 * them at equal cost: {@code bin/engine study}.
 *
 * <pre>{@code
 * StudyResult result = new Study(plan, design, registry, console).run(Path.of("runs/quick-study"));
 * // runs/quick-study/ga-seed1/, ga-seed2/, ..., random-seed3/, study.json, study.csv, study.html
 * }</pre>
 *
 * <p>Every run is resumable like any run: a study run again resumes what is unfinished and trains
 * nothing for what is finished, and its files come from the run folders alone, so an interrupted
 * study finishes with the same {@code study.json} as one that was not interrupted.
 */
public final class Study {

    public static final String JSON = "study.json";
    public static final String CSV = "study.csv";
    public static final String HTML = "study.html";
    /** The charts' folder, beside the page. */
    public static final String IMAGES = "study";

    private final Plan plan;
    private final StudyDesign design;
    private final PluginRegistry registry;
    private final RunConsole console;

    public Study(Plan plan, StudyDesign design, PluginRegistry registry, RunConsole console) {
        this.plan = plan;
        this.design = design;
        this.registry = registry;
        this.console = console;
    }

    /** Runs (or resumes) every run of the design in {@code dir}, then writes the study's files. */
    public StudyResult run(Path dir) {
        List<StudyRun> runs = new ArrayList<>();
        List<StudyDesign.Cell> cells = design.cells();
        for (int i = 0; i < cells.size(); i++) {
            StudyDesign.Cell cell = cells.get(i);
            console.message(String.format(java.util.Locale.ROOT, "Study run %d of %d: %s", i + 1, cells.size(), cell.folder()));
            Path runDir = dir.resolve(cell.folder());
            new SearchRun(design.plan(plan, cell, dir), registry, console).execute(runDir);
            runs.add(StudyRun.of(cell.arm(), cell.seed(), cell.folder(), RunRecord.read(runDir)));
        }
        StudyResult result = StudyResult.of(plan.name(), design.arms(), design.seeds(), runs);
        write(dir, result);
        return result;
    }

    /** {@code study.json}, {@code study.csv}, {@code study.html} and its charts, written at once each. */
    static void write(Path dir, StudyResult result) {
        // Charts are drawn off-screen; without this, AWT looks for a display it may not have.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        try {
            Files.createDirectories(dir.resolve(IMAGES));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve(IMAGES), e);
        }
        Map<String, List<double[][]>> byNetworks = new LinkedHashMap<>();
        Map<String, List<double[][]>> bySeconds = new LinkedHashMap<>();
        for (String arm : result.arms()) {
            byNetworks.put(arm, result.runsOf(arm).stream().map(StudyRun::curve).toList());
            bySeconds.put(arm, result.runsOf(arm).stream().map(StudyRun::secondsCurve).toList());
        }
        AtomicFile.write(dir.resolve(IMAGES).resolve(StudyPage.NETWORKS_CHART), ReportCharts.studyCurves(
                "Best validation accuracy against networks trained", "networks trained", byNetworks, result.medianCurves()));
        AtomicFile.write(dir.resolve(IMAGES).resolve(StudyPage.SECONDS_CHART), ReportCharts.studyCurves(
                "Best validation accuracy against training time", "training seconds", bySeconds,
                result.medianSecondsCurves()));
        AtomicFile.write(dir.resolve(JSON), result.toJson());
        AtomicFile.write(dir.resolve(CSV), result.toCsv());
        AtomicFile.write(dir.resolve(HTML), StudyPage.html(result));
    }
}
