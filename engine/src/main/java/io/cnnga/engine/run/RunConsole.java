package io.cnnga.engine.run;

import io.cnnga.api.EpochMetrics;
import io.cnnga.api.TrainingListener;
import io.cnnga.api.Trial;
import io.cnnga.api.TrialResult;
import io.cnnga.engine.evolution.GenerationReport;
import io.cnnga.engine.journal.Summary;
import io.cnnga.engine.report.RepairCounts;
import io.cnnga.engine.report.RunReport;
import io.cnnga.engine.report.TensorBoardLogs;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a person sees while a run works: on a terminal a progress bar for the run and one for the
 * training in progress; otherwise one log line per epoch and per trial. After each generation,
 * on both, a table like the paper's Table 1.
 *
 * <pre>{@code
 * RunConsole console = RunConsole.forTerminal(System.console() != null, out);
 * }</pre>
 */
public class RunConsole {

    private static final Logger LOG = LoggerFactory.getLogger("cnnga.run");

    private final boolean interactive;
    private final PrintWriter out;
    private ProgressBar runBar;
    private ProgressBar trainingBar;
    private final Map<String, TrialResult> firstTrials = new HashMap<>();
    private final Set<String> notes = new HashSet<>();

    public RunConsole(boolean interactive, PrintWriter out) {
        this.interactive = interactive;
        this.out = out;
    }

    /** A console that prints nothing, for tests and workers. */
    public static RunConsole silent() {
        return new RunConsole(false, new PrintWriter(PrintStream.nullOutputStream())) {
            @Override
            void log(String line) {
            }
        };
    }

    void log(String line) {
        if (interactive) {
            return;
        }
        LOG.info(line);
    }

    public void runStarted(String name, long totalTrials, int replayed) {
        if (replayed > 0) {
            out.printf(Locale.ROOT, "Resuming %s: %d trials replayed from the journal%n", name, replayed);
            out.flush();
        }
        if (interactive) {
            runBar = bar("run " + name, totalTrials);
            runBar.stepTo(replayed);
        } else {
            log(String.format(Locale.ROOT, "run %s: about %d trials", name, totalTrials));
        }
    }

    public void trialStarted(Trial trial) {
        String what = String.format(Locale.ROOT, "gen %d #%d %s", trial.generation(), trial.index(), trial.genome());
        if (interactive) {
            closeTrainingBar();
        } else {
            log("training " + what + String.format(Locale.ROOT, " (%,d params, %.1f MFLOP)",
                    trial.spec().params(), trial.spec().forwardFlops() / 1e6));
        }
    }

    /** Step-level progress of one training, its speed in steps/s. */
    public TrainingListener training(String label) {
        return training(label, 0);
    }

    /** Step-level progress of one training of {@code batchSize} images per step, its speed in images/s. */
    public TrainingListener training(String label, int batchSize) {
        // The bar appears with the first step, named after the trial, and is replaced each epoch.
        return new TrainingListener() {
            private long started = System.nanoTime();
            private long images;

            @Override
            public void onStep(int epoch, int step, int steps, double loss, double accuracy) {
                if (!interactive) {
                    return;
                }
                if (trainingBar == null) {
                    trainingBar = bar(label + " epoch " + epoch, steps);
                }
                if (step == 1) {
                    started = System.nanoTime();
                    images = 0;
                }
                images += Math.max(batchSize, 1);
                trainingBar.maxHint((long) steps);
                trainingBar.stepTo(step);
                double seconds = (System.nanoTime() - started) / 1e9;
                trainingBar.setExtraMessage(String.format(Locale.ROOT, " epoch %d loss %.3f acc %.3f %.0f %s",
                        epoch, loss, accuracy, seconds > 0 ? images / seconds : 0, batchSize > 0 ? "img/s" : "steps/s"));
            }

            @Override
            public void onEpoch(EpochMetrics m) {
                String line = String.format(Locale.ROOT,
                        "%s epoch %d: loss %.4f acc %.4f val_loss %.4f val_acc %.4f %.1f s %.0f img/s",
                        label, m.epoch(), m.loss(), m.accuracy(), m.validationLoss(), m.validationAccuracy(),
                        m.seconds(), m.imagesPerSecond());
                if (interactive) {
                    closeTrainingBar();
                    out.println("  " + line);
                    out.flush();
                } else {
                    log(line);
                }
            }
        };
    }

    public void trialFinished(TrialResult result) {
        if (interactive) {
            closeTrainingBar();
            if (runBar != null) {
                runBar.step();
            }
        } else {
            log(String.format(Locale.ROOT, "gen %d #%d %s %s fitness %.4f %.1f s%s", result.generation(), result.index(),
                    result.genome(), result.status(), result.fitness(), result.seconds(),
                    result.reason().isEmpty() ? "" : " (" + result.reason() + ")"));
        }
    }

    /** The paper's Table 1 for one generation. */
    public void generationFinished(GenerationReport report) {
        closeTrainingBar();
        if (interactive && runBar != null) {
            // Redraw below the table: the bar is a single line that tables would overwrite.
            runBar.refresh();
        }
        out.println();
        out.printf(Locale.ROOT, "Generation %d: best %.4f, mean %.4f%s%n", report.generation(), report.best(), report.mean(),
                RepairCounts.describe(report.repaired(), report.drawn()));
        out.printf(Locale.ROOT, "  %-24s %10s %12s %9s  %s%n", "genome", "val acc", "params", "seconds", "status");
        List<TrialResult> results = report.results();
        Map<String, Integer> unmatched = new HashMap<>();
        for (TrialResult r : results) {
            out.printf(Locale.ROOT, "  %-24s %10.4f %,12d %9.1f  %s%n", r.genome(), r.fitness(), r.params(), r.seconds(),
                    r.status() + (r.reason().isEmpty() ? "" : " (" + r.reason() + ")"));
            unmatched.merge(r.genome().bits(), 1, Integer::sum);
            firstTrials.putIfAbsent(r.genome().bits(), r);
        }
        // The paper's table lists the whole population: the elites were carried over, not evaluated again.
        for (GenerationReport.Member m : report.population()) {
            if (unmatched.getOrDefault(m.genome(), 0) > 0) {
                unmatched.merge(m.genome(), -1, Integer::sum);
                continue;
            }
            TrialResult origin = firstTrials.get(m.genome());
            out.printf(Locale.ROOT, "  %-24s %10.4f %12s %9s  %s%n", m.genome(), m.fitness(),
                    origin == null ? "-" : String.format(Locale.ROOT, "%,d", origin.params()), "-",
                    origin == null ? "elite" : "elite (from gen " + origin.generation() + " #" + origin.index() + ")");
        }
        out.flush();
    }

    /** The lines that end a run: best genome, test accuracy, counts, and where everything is. */
    public void summary(Summary s, Path dir) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%nBest genome %s: validation accuracy %.4f%n",
                s.bestGenome(), s.bestValidationAccuracy()));
        if (s.testAccuracy() != null) {
            b.append(String.format(Locale.ROOT, "Final network after %d epochs: test accuracy %.4f%n",
                    s.finalEpochs(), s.testAccuracy()));
        }
        b.append(String.format(Locale.ROOT, "%d trials: %d trained, %d cached, %d failed, %d pruned; %.0f s%n",
                s.trials(), s.trained(), s.cached(), s.failed(), s.pruned(), s.seconds()));
        if (Files.exists(dir.resolve(RunReport.FILE))) {
            b.append("Report: ").append(dir.resolve(RunReport.FILE)).append('\n');
        }
        if (Files.isDirectory(dir.resolve(TensorBoardLogs.DIR))) {
            b.append("TensorBoard: tensorboard --logdir ").append(dir.resolve(TensorBoardLogs.DIR)).append('\n');
        }
        b.append("Run folder: ").append(dir).append(" (summary.json, journal.jsonl, trials.csv, model/)");
        message(b.toString());
    }

    public void message(String line) {
        out.println(line);
        out.flush();
    }

    /** Prints {@code line} unless this console printed it as a note before (the runs of a study share one console). */
    public void note(String line) {
        if (notes.add(line)) {
            message(line);
        }
    }

    public void close() {
        closeTrainingBar();
        if (runBar != null) {
            runBar.close();
            runBar = null;
        }
    }

    private void closeTrainingBar() {
        if (trainingBar != null) {
            trainingBar.close();
            trainingBar = null;
        }
    }

    private static ProgressBar bar(String task, long max) {
        return new ProgressBarBuilder().setTaskName(task).setInitialMax(max)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250)
                .setConsumer(new ConsoleProgressBarConsumer(System.err))
                .showSpeed().build();
    }
}
