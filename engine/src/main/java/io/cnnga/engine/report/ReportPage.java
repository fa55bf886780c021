package io.cnnga.engine.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.cnnga.api.EpochMetrics;
import io.cnnga.api.TrialResult;
import io.cnnga.api.TrialStatus;
import io.cnnga.engine.journal.FinalFinished;
import io.cnnga.engine.journal.GenerationFinished;
import io.cnnga.engine.journal.RunRecord;
import io.cnnga.engine.journal.Summary;
import io.cnnga.engine.journal.RunStarted;
import io.cnnga.engine.pareto.ParetoFront;
import io.cnnga.engine.plan.Objective;
import io.cnnga.engine.plan.Plan;

import java.nio.file.Files;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code report.html}: one self-contained page (inline CSS, images beside it, no scripts, nothing
 * fetched from elsewhere) with the run's summary and the paper's tables and figures.
 *
 * <pre>{@code
 * String html = ReportPage.html(RunRecord.read(dir), images);   // images: names in report/ by role
 * }</pre>
 *
 * <p>Sections: summary, search over time (Figure 5), one table per generation (Table 1), the final
 * network's training curves (Figures 6, 7, 12, 13), its conv-bias distributions (Figures 8-10), its
 * diagram (Figure 3), the test confusion matrix, and the run's files. A section whose data does
 * not exist yet (a run still searching) says when it will appear.
 */
public final class ReportPage {

    /** Above this many classes the confusion matrix is a heat map, not a table. */
    static final int TABLE_CLASSES = 20;
    /** Generations whose tables are open on load when the run has more: the latest ones. */
    private static final int OPEN_GENERATIONS = 5;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final RunRecord run;
    private final Map<String, String> images;
    private final StringBuilder out = new StringBuilder(64 * 1024);

    private ReportPage(RunRecord run, Map<String, String> images) {
        this.run = run;
        this.images = images;
    }

    /**
     * @param images the pictures written beside the page, by role ({@link RunReport#SEARCH_PROGRESS}, ...,
     *               {@code bias:<layer>}), as paths relative to the page
     */
    public static String html(RunRecord run, Map<String, String> images) {
        return new ReportPage(run, images).build();
    }

    private String build() {
        String title = "cnnga run " + run.name();
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(esc(title)).append("</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
        out.append("<header>\n<h1>").append(esc(title)).append("</h1>\n<p class=\"status\">").append(esc(status()))
                .append("</p>\n<p class=\"asof\">As of ").append(TIME.format(run.lastEvent()))
                .append(" (the journal's last event); started ").append(TIME.format(run.started())).append(".</p>\n");
        out.append("<nav>")
                .append(link("summary", "Summary")).append(link("search", "Search"))
                .append(run.plan().search().multiObjective() ? link("pareto", "Pareto front") : "")
                .append(link("generations", "Generations")).append(link("final", "Final training"))
                .append(link("biases", "Bias distributions")).append(link("network", "Network"))
                .append(link("confusion", "Confusion matrix")).append(link("files", "Files"))
                .append("</nav>\n</header>\n<main>\n");
        summary();
        search();
        if (run.plan().search().multiObjective()) {
            pareto();
        }
        generations();
        finalTraining();
        biases();
        network();
        confusion();
        files();
        out.append("</main>\n</body>\n</html>\n");
        return out.toString();
    }

    private String status() {
        if (run.runFinished().isPresent()) {
            return "Finished: " + run.generations().size() + " generations, " + run.trials().size() + " trials"
                    + (run.finalFinished().isPresent() ? ", final network trained and tested." : ".");
        }
        int done = run.generations().size();
        if (done >= run.plannedGenerations() && run.plannedGenerations() > 0) {
            return "Search finished (" + done + " generations); "
                    + (run.plan().finalTraining().epochs() > 0 && run.finalFinished().isEmpty()
                    ? "the final training is running, or was interrupted." : "the run is ending, or was interrupted.");
        }
        return "Running, or interrupted: " + done + " of " + run.plannedGenerations() + " generations finished, "
                + run.trials().size() + " trials so far. This page is rewritten after each generation.";
    }

    // ---- summary -------------------------------------------------------------------------------

    private void summary() {
        section("summary", "Summary");
        Optional<RunRecord.Trial> best = run.best();
        Optional<FinalFinished> fin = run.finalFinished();
        out.append("<div class=\"cards\">\n");
        card("best validation accuracy (search)", best.map(t -> pct(t.result().fitness())).orElse("–"),
                best.map(t -> "generation " + t.result().generation() + ", trial " + t.result().index()).orElse("no trial yet"));
        card("test accuracy (final network)", fin.map(f -> pct(f.testAccuracy())).orElse("–"),
                fin.map(f -> "after " + f.epochs() + " epochs, on " + run.runStarted().test()
                        + " test images").orElse("after the final training"));
        card("trials", Long.toString(run.trials().size()), run.trained() + " trained, " + run.count(TrialStatus.CACHED)
                + " cached, " + run.count(TrialStatus.FAILED) + " failed, " + run.count(TrialStatus.PRUNED) + " pruned");
        card("wall time", duration(run.seconds()), run.generations().size() + " of " + run.plannedGenerations()
                + " generations");
        out.append("</div>\n");

        out.append("<h3>Best network</h3>\n");
        if (best.isEmpty()) {
            out.append("<p class=\"note\">No trial has finished yet.</p>\n");
        } else {
            TrialResult b = best.get().result();
            Optional<JsonNode> network = run.bestNetwork();
            out.append("<table class=\"kv\">\n");
            kv("genome", "<code>" + esc(b.genome().bits()) + "</code>");
            network.map(n -> n.path("explanation").asText("")).filter(s -> !s.isEmpty())
                    .ifPresent(e -> kv("decoded", esc(e)));
            kv("validation accuracy", pct(b.fitness()) + " after " + b.history().size() + " epoch"
                    + (b.history().size() == 1 ? "" : "s") + " of search training");
            kv("parameters", String.format(Locale.ROOT, "%,d", b.params()));
            kv("forward FLOPs per image", String.format(Locale.ROOT, "%,d", b.flops()));
            network.ifPresent(n -> kv("layers", n.path("layers").size() + " (see <a href=\"#network\">the diagram</a>)"));
            fin.ifPresent(f -> kv("final training", f.epochs() + " epochs: validation accuracy "
                    + pct(f.lastValidationAccuracy()) + ", test accuracy " + pct(f.testAccuracy())
                    + ", test loss " + num(f.testLoss(), 4)));
            out.append("</table>\n");
        }

        out.append("<h3>Plan</h3>\n<table class=\"kv\">\n");
        Map<String, JsonNode> plan = run.runStarted().planSections();
        kv("name", esc(run.name()));
        kv("seed", esc(plan.containsKey("seed") ? plan.get("seed").asText() : ""));
        for (String part : List.of("dataset", "decoder", "backend", "executor", "training", "search", "final")) {
            JsonNode p = plan.get(part);
            if (p != null) {
                kv(part, "<code class=\"json\">" + esc(compact(p)) + "</code>");
            }
        }
        RunStarted started = run.runStarted();
        kv("data", String.format(Locale.ROOT, "%,d training images (%,d for search trials), %,d validation, %,d test",
                started.train(), started.trialTrain(), started.validation(), started.test()));
        // journals of engines before the trials recorded it say nothing, and their report stays as it was
        Optional.ofNullable(Summary.precisions(run.trials().stream().map(RunRecord.Trial::result).toList()))
                .ifPresent(p -> kv("trials trained in", esc(p) + (p.contains(",") ? " (the trials differed)" : "")));
        out.append("</table>\n");
        out.append("</section>\n");
    }

    // ---- Figure 5 ------------------------------------------------------------------------------

    private void search() {
        section("search", "Search over time");
        out.append("<p>Like the paper's Figure 5: the validation accuracy (fitness) of every network the search "
                + "trained, at the time its training ended, coloured by generation; the lines join each "
                + "generation's best and mean fitness. Cached genomes (networks trained before) and failed "
                + "trainings are not marked; they are in the tables below.</p>\n");
        out.append("<div class=\"wide\">\n");
        figure(RunReport.SEARCH_PROGRESS, "Validation accuracy of every trained network over time",
                "No network has been trained yet.");
        out.append("</div>\n");
        out.append("</section>\n");
    }

    // ---- the Pareto front ----------------------------------------------------------------------

    private void pareto() {
        section("pareto", "Pareto front");
        Plan plan = run.plan();
        List<Objective> objectives = plan.search().objectives();
        ParetoFront front = ParetoFront.of(run.trials().stream().map(RunRecord.Trial::result).toList(), objectives);
        out.append("<p>The search optimised ").append(esc(objectives.stream().map(Objective::words)
                        .collect(java.util.stream.Collectors.joining(", "))))
                .append(" with NSGA-II. The front holds the networks no other network beats in every one of them: ")
                .append("each is the most accurate for what it costs. <code>final.select</code> (")
                .append(esc(plan.finalTraining().select().toString())).append(") picks the one the final training trains.</p>\n");
        if (front.isEmpty()) {
            out.append("<p class=\"note\">No network has trained to its end yet.</p>\n</section>\n");
            return;
        }
        out.append("<div class=\"figures\">\n");
        images.keySet().stream().filter(k -> k.startsWith(RunReport.PARETO_PREFIX))
                .forEach(k -> figure(k, "Pareto front: " + k.substring(RunReport.PARETO_PREFIX.length()).replace("-", " against "), ""));
        out.append("</div>\n");
        ParetoFront.Member selected = front.select(plan.finalTraining().select()).orElse(null);
        Map<String, Double> tests = new HashMap<>();
        run.summary().ifPresent(sum -> {
            if (sum.pareto() != null) {
                sum.pareto().stream().filter(e -> e.testAccuracy() != null).forEach(e -> tests.put(e.genome(), e.testAccuracy()));
            }
        });
        out.append("<div class=\"scroll\"><table class=\"pareto\">\n<thead><tr><th>genome</th>");
        for (Objective o : objectives) {
            out.append("<th class=\"num\">").append(esc(o.words())).append("</th>");
        }
        out.append("<th class=\"num\">parameters</th><th class=\"num\">test accuracy</th><th></th></tr></thead>\n<tbody>\n");
        for (ParetoFront.Member m : front.members()) {
            boolean chosen = m == selected;
            out.append("<tr").append(chosen ? " class=\"best\"" : "").append("><td><code>")
                    .append(esc(m.result().genome().bits())).append("</code></td>");
            for (int i = 0; i < objectives.size(); i++) {
                double v = m.values().get(i);
                out.append("<td class=\"num\">").append(objectives.get(i) == Objective.ACCURACY ? num(v, 4)
                        : objectives.get(i) == Objective.LATENCY ? num(v, 3) + " ms" : si((long) v)).append("</td>");
            }
            Double test = tests.get(m.result().genome().bits());
            out.append("<td class=\"num\">").append(String.format(Locale.ROOT, "%,d", m.result().params()))
                    .append("</td><td class=\"num\">").append(test == null ? "–" : num(test, 4))
                    .append("</td><td>").append(chosen ? "selected" : "").append("</td></tr>\n");
        }
        out.append("</tbody></table></div>\n</section>\n");
    }

    // ---- Table 1 -------------------------------------------------------------------------------

    private void generations() {
        section("generations", "Generations");
        out.append("<p>Like the paper's Table 1, one table per generation: every genome evaluated in it, with its "
                + "validation accuracy after " + run.plan().training().epochs()
                + " epoch(s), size, training time and outcome. Generation 0 is the random start; later ones list "
                + "the offspring, then the elites carried over without training again.</p>\n");
        List<Integer> numbers = run.generationNumbers();
        if (numbers.isEmpty()) {
            out.append("<p class=\"note\">No trial has finished yet.</p>\n");
        }
        Map<Integer, GenerationFinished> finished = new HashMap<>();
        run.generations().forEach(e -> finished.put(e.generation(), e));
        for (int k = 0; k < numbers.size(); k++) {
            int g = numbers.get(k);
            List<RunRecord.Trial> trials = run.trialsOf(g);
            GenerationFinished event = finished.get(g);
            boolean open = numbers.size() <= OPEN_GENERATIONS || k >= numbers.size() - 1;
            out.append("<details class=\"generation\"").append(open ? " open" : "").append(">\n<summary>Generation ")
                    .append(g).append(": ");
            if (event != null) {
                out.append("best ").append(pct(event.best())).append(", mean ")
                        .append(pct(event.mean())).append(" (population)");
                if (event.repaired() != null) {
                    out.append(esc(RepairCounts.describe(event.repaired(), event.drawn() == null ? 0 : event.drawn())));
                } else if (event.replaced() > 0) {
                    out.append(", ").append(event.replaced()).append(" over budget replaced");
                }
            } else {
                out.append("in progress");
            }
            out.append(", ").append(trials.size()).append(trials.size() == 1 ? " trial" : " trials").append("</summary>\n");
            double bestFitness = trials.stream().filter(t -> t.result().status() != TrialStatus.FAILED)
                    .mapToDouble(t -> t.result().fitness()).max().orElse(-1);
            out.append("<div class=\"scroll\"><table class=\"trials\" data-generation=\"").append(g).append("\">\n")
                    .append("<thead><tr><th>#</th><th>genome</th><th class=\"num\">validation accuracy</th>")
                    .append("<th class=\"num\">parameters</th><th class=\"num\">FLOPs</th><th class=\"num\">seconds</th>")
                    .append("<th>status</th></tr></thead>\n<tbody>\n");
            for (RunRecord.Trial t : trials) {
                TrialResult r = t.result();
                boolean top = r.status() != TrialStatus.FAILED && r.fitness() == bestFitness;
                out.append("<tr").append(top ? " class=\"best\"" : "").append("><td>").append(r.index())
                        .append("</td><td><code>").append(esc(r.genome().bits())).append("</code></td><td class=\"num\">")
                        .append(r.status() == TrialStatus.FAILED ? "–" : num(r.fitness(), 4))
                        .append("</td><td class=\"num\">").append(String.format(Locale.ROOT, "%,d", r.params()))
                        .append("</td><td class=\"num\">").append(si(r.flops()))
                        .append("</td><td class=\"num\">").append(num(r.seconds(), 1))
                        .append("</td><td><span class=\"badge ").append(r.status().name().toLowerCase(Locale.ROOT))
                        .append("\">").append(esc(StatusWords.of(r))).append("</span>");
                if (!r.reason().isEmpty()) {
                    out.append(" <span class=\"reason\">").append(esc(r.reason())).append("</span>");
                }
                out.append("</td></tr>\n");
            }
            if (event != null) {
                eliteRows(event, trials);
            }
            out.append("</tbody></table></div>\n</details>\n");
        }
        out.append("<p class=\"note\">Every trial is also in <a href=\"").append(TrialsCsv.FILE).append("\">")
                .append(TrialsCsv.FILE).append("</a>.</p>\n");
        out.append("</section>\n");
    }

    /**
     * The members of a generation's population that were not evaluated in it: the elites, carried
     * over unchanged, shown as the paper's Table 1 shows every member, with the trial they came from.
     */
    private void eliteRows(GenerationFinished generationFinished, List<RunRecord.Trial> evaluated) {
        Map<String, Integer> unmatched = new HashMap<>();
        evaluated.forEach(t -> unmatched.merge(t.result().genome().bits(), 1, Integer::sum));
        for (GenerationFinished.Member member : generationFinished.population()) {
            String genome = member.genome();
            if (unmatched.getOrDefault(genome, 0) > 0) {
                unmatched.merge(genome, -1, Integer::sum);
                continue;
            }
            Optional<TrialResult> origin = run.trials().stream().map(RunRecord.Trial::result)
                    .filter(r -> r.genome().bits().equals(genome) && r.generation() < generationFinished.generation())
                    .findFirst();
            out.append("<tr class=\"elite\"><td>–</td><td><code>").append(esc(genome)).append("</code></td><td class=\"num\">")
                    .append(num(member.fitness(), 4)).append("</td><td class=\"num\">")
                    .append(origin.map(r -> String.format(Locale.ROOT, "%,d", r.params())).orElse("–"))
                    .append("</td><td class=\"num\">").append(origin.map(r -> si(r.flops())).orElse("–"))
                    .append("</td><td class=\"num\">–</td><td><span class=\"badge elite\">elite</span>")
                    .append(origin.map(r -> " <span class=\"reason\">carried over from generation " + r.generation()
                            + " #" + r.index() + "</span>").orElse(""))
                    .append("</td></tr>\n");
        }
    }

    // ---- Figures 6, 7, 12, 13 ------------------------------------------------------------------

    private void finalTraining() {
        section("final", "Final training");
        Optional<FinalFinished> fin = run.finalFinished();
        if (fin.isEmpty()) {
            int epochs = run.plan().finalTraining().epochs();
            out.append("<p class=\"note\">").append(epochs == 0 ? "The plan asks for no final training (final.epochs is 0)."
                    : "After the search, the best genome's network trains from scratch for " + epochs
                    + " epochs; its curves appear here then.").append("</p>\n</section>\n");
            return;
        }
        FinalFinished f = fin.get();
        List<EpochMetrics> history = f.history();
        out.append("<p>Like the paper's Figures 6 and 7 (and 12, 13): the best genome <code>")
                .append(esc(f.genome())).append("</code> trained from scratch on the whole training split for ")
                .append(f.epochs()).append(" epochs, measured on the validation split after each epoch and on the "
                        + "test split once at the end.</p>\n");
        out.append("<div class=\"figures\">\n");
        figure(RunReport.FINAL_LOSS, "Training vs validation loss per epoch", "");
        figure(RunReport.FINAL_ACCURACY, "Training vs validation accuracy per epoch", "");
        out.append("</div>\n");
        out.append("<div class=\"scroll\"><table class=\"epochs\">\n<thead><tr><th>epoch</th><th class=\"num\">loss</th>")
                .append("<th class=\"num\">accuracy</th><th class=\"num\">validation loss</th>")
                .append("<th class=\"num\">validation accuracy</th><th class=\"num\">seconds</th>")
                .append("<th class=\"num\">images/s</th></tr></thead>\n<tbody>\n");
        for (EpochMetrics m : history) {
            out.append("<tr><td>").append(m.epoch()).append("</td><td class=\"num\">").append(num(m.loss(), 4))
                    .append("</td><td class=\"num\">").append(num(m.accuracy(), 4))
                    .append("</td><td class=\"num\">").append(num(m.validationLoss(), 4))
                    .append("</td><td class=\"num\">").append(num(m.validationAccuracy(), 4))
                    .append("</td><td class=\"num\">").append(num(m.seconds(), 1))
                    .append("</td><td class=\"num\">").append(String.format(Locale.ROOT, "%,.0f", m.imagesPerSecond()))
                    .append("</td></tr>\n");
        }
        out.append("<tr class=\"test\"><td>test</td><td class=\"num\">").append(num(f.testLoss(), 4))
                .append("</td><td class=\"num\">").append(num(f.testAccuracy(), 4))
                .append("</td><td></td><td></td><td class=\"num\">").append(num(f.seconds(), 1))
                .append("</td><td></td></tr>\n</tbody></table></div>\n");
        out.append("</section>\n");
    }

    // ---- Figures 8-10 --------------------------------------------------------------------------

    private void biases() {
        section("biases", "Bias distributions of the conv layers");
        List<String> layers = images.keySet().stream().filter(k -> k.startsWith(RunReport.BIAS_PREFIX)).toList();
        if (run.finalFinished().isEmpty()) {
            out.append("<p class=\"note\">Recorded during the final training; they appear here after it.</p>\n</section>\n");
            return;
        }
        if (layers.isEmpty()) {
            out.append("<p class=\"note\">Not recorded: the backend does not expose its parameters, or the network has "
                    + "no convolution.</p>\n</section>\n");
            return;
        }
        out.append("<p>Like the paper's Figures 8-10: for each convolution of the final network, the distribution of "
                + "its bias values (one per filter) after each epoch: one curve per epoch on a line of its own, the first "
                + "epoch at the top and the last at the bottom, all on the same value axis and count scale. A "
                + "distribution that keeps changing means the layer is still learning. TensorBoard's Histograms tab "
                + "shows the same for biases and kernels.</p>\n<div class=\"figures\">\n");
        for (String key : layers) {
            String layer = key.substring(RunReport.BIAS_PREFIX.length());
            figure(key, layer + " bias values per epoch", "");
        }
        out.append("</div>\n</section>\n");
    }

    // ---- Figure 3 ------------------------------------------------------------------------------

    private void network() {
        section("network", "Best network");
        if (!images.containsKey(RunReport.NETWORK)) {
            out.append("<p class=\"note\">Drawn once the first generation has finished.</p>\n</section>\n");
            return;
        }
        JsonNode network = run.bestNetwork().orElseThrow();
        out.append("<p>Like the paper's Figure 3: the network of genome <code>").append(esc(network.path("genome").asText()))
                .append("</code>, one box per layer with its output shape. ")
                .append(String.format(Locale.ROOT, "%,d parameters (%,d trainable), %s forward FLOPs per image.",
                        network.path("params").asLong(), network.path("trainableParams").asLong(),
                        si(network.path("forwardFlops").asLong())))
                .append("</p>\n<figure class=\"diagram\"><img src=\"").append(esc(images.get(RunReport.NETWORK)))
                .append("\" alt=\"Diagram of the best network, one box per layer\"></figure>\n</section>\n");
    }

    // ---- confusion matrix ----------------------------------------------------------------------

    private void confusion() {
        section("confusion", "Test confusion matrix");
        Optional<FinalFinished> fin = run.finalFinished();
        if (fin.isEmpty() || fin.get().confusionMatrix().length == 0) {
            out.append("<p class=\"note\">Measured on the test split after the final training.</p>\n</section>\n");
            return;
        }
        long[][] matrix = fin.get().confusionMatrix();
        List<String> names = new ArrayList<>(fin.get().classNames());
        while (names.size() < matrix.length) {
            names.add(Integer.toString(names.size()));
        }
        out.append("<p>The final network on the test split: rows are the true classes, columns the predicted ones "
                + "(numbered as the rows); the shade is the share of the row. Recall is the diagonal's share of each "
                + "row.</p>\n");
        if (matrix.length > TABLE_CLASSES) {
            figure(RunReport.CONFUSION, "Confusion matrix as a heat map", "");
            confusionTable(matrix, names, true);
        } else {
            confusionTable(matrix, names, false);
        }
        out.append("</section>\n");
    }

    /** The matrix (or, with {@code recallOnly}, each class's recall and most frequent mistake). */
    private void confusionTable(long[][] matrix, List<String> names, boolean recallOnly) {
        int n = matrix.length;
        out.append("<div class=\"scroll\"><table class=\"confusion\">\n<thead><tr><th class=\"corner\">true \\ predicted</th>");
        if (!recallOnly) {
            for (int p = 0; p < n; p++) {
                out.append("<th class=\"num\" title=\"").append(esc(names.get(p))).append("\">").append(p).append("</th>");
            }
        } else {
            out.append("<th>most often mistaken for</th>");
        }
        out.append("<th class=\"num\">recall</th></tr></thead>\n<tbody>\n");
        for (int t = 0; t < n; t++) {
            long[] row = matrix[t];
            long total = 0;
            for (long v : row) {
                total += v;
            }
            String name = names.get(t);
            out.append("<tr><th>").append(t).append(name.equals(Integer.toString(t)) ? "" : " " + esc(name)).append("</th>");
            if (!recallOnly) {
                for (int p = 0; p < n; p++) {
                    long v = row[p];
                    double share = total == 0 ? 0 : v / (double) total;
                    out.append("<td class=\"num").append(p == t ? " diag" : "").append("\" style=\"background:rgba(37,99,235,")
                            .append(String.format(Locale.ROOT, "%.3f", share)).append(")").append(share > 0.55 ? ";color:#fff" : "")
                            .append("\">").append(v).append("</td>");
                }
            } else {
                int worst = -1;
                for (int p = 0; p < n; p++) {
                    if (p != t && (worst < 0 || row[p] > row[worst])) {
                        worst = p;
                    }
                }
                out.append("<td>").append(worst < 0 || row[worst] == 0 ? "–"
                        : esc(names.get(worst)) + " (" + row[worst] + ")").append("</td>");
            }
            out.append("<td class=\"num\">").append(total == 0 ? "–" : pct(row[t] / (double) total))
                    .append("</td></tr>\n");
        }
        out.append("</tbody></table></div>\n");
    }

    // ---- files ---------------------------------------------------------------------------------

    private void files() {
        section("files", "Files of this run");
        out.append("<ul class=\"files\">\n");
        fileItem("plan.json", "the plan as resolved, defaults filled in");
        fileItem("journal.jsonl", "every event of the run, one JSON object per line: the source of this page");
        fileItem(TrialsCsv.FILE, "one row per trial");
        if (run.summary().isPresent()) {
            fileItem("summary.json", "the run's result");
        }
        if (Files.isDirectory(run.dir().resolve("model"))) {
            fileItem("model/", "the final network as a TensorFlow SavedModel");
        }
        out.append("</ul>\n");
        if (Files.isDirectory(run.dir().resolve(TensorBoardLogs.DIR))) {
            out.append("<p>TensorBoard: every trial's per-epoch loss and accuracy, the search's best and mean per "
                    + "generation, and the final network's curves with its conv bias and kernel histograms:</p>\n<pre>tensorboard --logdir ")
                    .append(esc(run.dir().toAbsolutePath().normalize().resolve(TensorBoardLogs.DIR).toString()))
                    .append("</pre>\n");
        } else {
            out.append("<p class=\"note\">No TensorBoard logs: this run's backend does not write them.</p>\n");
        }
        out.append("<p class=\"note\">Rebuild this page from the folder with <code>bin/engine report ")
                .append(esc(run.dir().toString())).append("</code>.</p>\n</section>\n");
    }

    private void fileItem(String name, String what) {
        out.append("<li><a href=\"").append(esc(name)).append("\"><code>").append(esc(name)).append("</code></a> – ")
                .append(esc(what)).append("</li>\n");
    }

    // ---- helpers -------------------------------------------------------------------------------

    private void section(String id, String heading) {
        out.append("<section id=\"").append(id).append("\">\n<h2>").append(esc(heading)).append("</h2>\n");
    }

    private void figure(String key, String caption, String missing) {
        String src = images.get(key);
        if (src == null) {
            if (!missing.isEmpty()) {
                out.append("<p class=\"note\">").append(esc(missing)).append("</p>\n");
            }
            return;
        }
        // A tap on a phone opens the picture alone, where it can be zoomed.
        out.append("<figure><a href=\"").append(esc(src)).append("\"><img src=\"").append(esc(src)).append("\" alt=\"")
                .append(esc(caption)).append("\" loading=\"lazy\"></a><figcaption>").append(esc(caption))
                .append("</figcaption></figure>\n");
    }

    private void card(String label, String value, String detail) {
        out.append("<div class=\"card\"><div class=\"label\">").append(esc(label)).append("</div><div class=\"value\">")
                .append(esc(value)).append("</div><div class=\"detail\">").append(esc(detail)).append("</div></div>\n");
    }

    private void kv(String key, String valueHtml) {
        out.append("<tr><th>").append(esc(key)).append("</th><td>").append(valueHtml).append("</td></tr>\n");
    }

    private static String link(String id, String text) {
        return "<a href=\"#" + id + "\">" + esc(text) + "</a>";
    }

    /** A JSON object on one line, with spaces after separators so that it can wrap. */
    private static String compact(JsonNode node) {
        if (node.isObject()) {
            List<String> parts = new ArrayList<>();
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> e = fields.next();
                parts.add("\"" + e.getKey() + "\": " + compact(e.getValue()));
            }
            return "{" + String.join(", ", parts) + "}";
        }
        if (node.isArray()) {
            List<String> parts = new ArrayList<>();
            node.forEach(v -> parts.add(compact(v)));
            return "[" + String.join(", ", parts) + "]";
        }
        return node.toString();
    }

    static String pct(double v) {
        return String.format(Locale.ROOT, "%.2f%%", v * 100);
    }

    static String num(double v, int decimals) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%." + decimals + "f", v) : "–";
    }

    static String si(long n) {
        if (n >= 1_000_000_000L) {
            return String.format(Locale.ROOT, "%.2f G", n / 1e9);
        }
        if (n >= 1_000_000L) {
            return String.format(Locale.ROOT, "%.1f M", n / 1e6);
        }
        if (n >= 1_000L) {
            return String.format(Locale.ROOT, "%.1f k", n / 1e3);
        }
        return Long.toString(n);
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s < 120) {
            return String.format(Locale.ROOT, "%.1f s", seconds);
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%d h %02d min", s / 3600, (s % 3600) / 60);
    }

    static String esc(String text) {
        return Html.escape(text);
    }

    /** Readable from 360 px phones to wide screens; no web fonts, no external files. */
    private static final String CSS = """
            :root { color-scheme: light; --fg: #1f2328; --muted: #57606a; --line: #d0d7de; --bg2: #f6f8fa; --accent: #2563eb; }
            * { box-sizing: border-box; }
            body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif;
                   color: var(--fg); background: #fff; }
            header, main { max-width: 1120px; margin: 0 auto; padding: 0 16px; }
            header { padding-top: 20px; border-bottom: 1px solid var(--line); }
            h1 { font-size: 1.6rem; margin: 0 0 4px; overflow-wrap: anywhere; }
            h2 { font-size: 1.3rem; margin: 36px 0 8px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
            h3 { font-size: 1.05rem; margin: 20px 0 6px; }
            p { margin: 8px 0; }
            .status { font-weight: 600; margin: 0; }
            .asof, .note, figcaption, .detail, .reason { color: var(--muted); }
            .asof { font-size: .9rem; margin: 2px 0 8px; }
            nav { display: flex; flex-wrap: wrap; gap: 4px 16px; padding: 8px 0 12px; font-size: .95rem; }
            a { color: var(--accent); text-decoration: none; }
            a:hover { text-decoration: underline; }
            code, pre { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: .88em; }
            code.json { overflow-wrap: anywhere; }
            pre { background: var(--bg2); padding: 10px 12px; border-radius: 6px; overflow-x: auto; }
            .cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(200px, 1fr)); gap: 12px; margin: 12px 0; }
            .card { border: 1px solid var(--line); border-radius: 8px; padding: 10px 14px; background: var(--bg2); }
            .card .label { font-size: .85rem; color: var(--muted); }
            .card .value { font-size: 1.6rem; font-weight: 650; font-variant-numeric: tabular-nums; }
            .card .detail { font-size: .85rem; }
            table { border-collapse: collapse; font-size: .92rem; font-variant-numeric: tabular-nums; }
            th, td { padding: 5px 10px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
            thead th { background: var(--bg2); font-weight: 600; white-space: nowrap; }
            table.kv { width: 100%; }
            table.kv th { width: 12rem; color: var(--muted); font-weight: 500; }
            table.kv td { overflow-wrap: anywhere; }
            .num { text-align: right; white-space: nowrap; }
            .scroll { overflow-x: auto; -webkit-overflow-scrolling: touch; margin: 8px 0; max-width: 100%; }
            table.trials { width: 100%; }
            table.trials td:nth-child(2) { white-space: nowrap; }
            tr.best td { background: #ecfdf3; font-weight: 600; }
            tr.test td { font-weight: 600; border-top: 2px solid var(--line); }
            .badge { display: inline-block; padding: 0 8px; border-radius: 10px; font-size: .8rem; font-weight: 600;
                     background: #e5e7eb; color: #374151; }
            .badge.complete { background: #dcfce7; color: #166534; }
            .badge.cached { background: #e0e7ff; color: #3730a3; }
            .badge.failed { background: #fee2e2; color: #991b1b; }
            .badge.pruned { background: #fef3c7; color: #92400e; }
            .badge.elite { background: #f1f5f9; color: #334155; }
            tr.elite td { color: #475569; }
            .reason { font-size: .85rem; }
            details.generation { margin: 10px 0; border: 1px solid var(--line); border-radius: 8px; padding: 4px 12px; }
            details.generation > summary { cursor: pointer; font-weight: 600; padding: 4px 0; }
            figure { margin: 12px 0; }
            figure img { display: block; width: 100%; height: auto; border: 1px solid var(--line); border-radius: 6px; }
            figcaption { font-size: .85rem; margin-top: 4px; }
            .figures { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 440px), 1fr)); gap: 16px; }
            .figures figure { max-width: 640px; }
            .wide figure { max-width: 860px; }
            figure.diagram img { max-width: 440px; margin: 0 auto; border: none; }
            table.confusion td, table.confusion th { padding: 4px 7px; }
            table.confusion td.diag { font-weight: 700; outline: 1px solid rgba(0,0,0,.25); outline-offset: -1px; }
            table.confusion tbody th { white-space: nowrap; font-weight: 500; }
            th.corner { font-weight: 500; color: var(--muted); }
            ul.files { padding-left: 20px; }
            @media (max-width: 600px) {
              body { font-size: 15px; }
              h1 { font-size: 1.3rem; }
              .card .value { font-size: 1.3rem; }
              table.kv th { width: auto; }
              table.kv tr { display: block; border-bottom: 1px solid var(--line); padding: 4px 0; }
              table.kv th, table.kv td { display: block; border: none; padding: 2px 4px; }
              th, td { padding: 4px 6px; }
              /* the table scrolls sideways anyway: a wide status column keeps rows one or two lines high */
              table.trials td:last-child { min-width: 22rem; }
            }
            """;
}
