package io.cnnga.engine.report;

import io.cnnga.engine.plan.Plan;
import io.cnnga.engine.plan.PlanReader;
import io.cnnga.engine.plugin.PluginRegistry;
import io.cnnga.engine.journal.ComparableJournal;
import io.cnnga.engine.journal.FinalFinished;
import io.cnnga.engine.journal.GenerationFinished;
import io.cnnga.engine.journal.JournalEvent;
import io.cnnga.engine.journal.ParameterHistogram;
import io.cnnga.engine.journal.Summary;
import io.cnnga.engine.journal.TrialFinished;
import io.cnnga.engine.run.OneMaxPlugin;
import io.cnnga.engine.run.RunConsole;
import io.cnnga.engine.run.SearchRun;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The report a run writes, checked against its journal; the run is the fake OneMax backend (no TensorFlow). */
class RunReportTest {

    static final String PLAN = """
            {"name": "report-onemax", "seed": 3,
             "dataset": {"id": "synthetic", "options": {"height": 4, "width": 4, "classes": 3, "trainSize": 60, "testSize": 12}},
             "decoder": {"id": "onemax", "options": {"length": 10, "convs": 2}},
             "backend": {"id": "onemax"},
             "training": {"epochs": 2},
             "search": {"population": 6, "generations": 4, "selector": "tournament", "tournamentSize": 2, "elites": 1},
             "final": {"epochs": 3}}
            """;

    @TempDir
    static Path shared;
    static Path run;

    @BeforeAll
    static void runOnce() {
        run = shared.resolve("run");
        execute(run, new OneMaxPlugin().withStandInEventFiles());
    }

    static void execute(Path out, OneMaxPlugin plugin) {
        Plan plan = PlanReader.parse(PLAN, "test", "report-onemax");
        new SearchRun(plan, PluginRegistry.load(List.of(), List.of(plugin)), RunConsole.silent()).execute(out);
    }

    @Test
    void pageHoldsEverySectionAndEveryPictureItNamesDecodes() throws Exception {
        String html = Files.readString(run.resolve(RunReport.FILE));
        for (String id : List.of("summary", "search", "generations", "final", "biases", "network", "confusion", "files")) {
            assertThat(html).contains("<section id=\"" + id + "\">");
        }
        List<String> images = attribute(html, "img", "src");
        // Figure 5, Figures 6/7 (loss, accuracy), Figures 8-10 (one per conv layer), Figure 3
        assertThat(images).containsExactlyInAnyOrder("report/search-progress.png", "report/final-loss.png",
                "report/final-accuracy.png", "report/bias-conv2d.png", "report/bias-conv2d_1.png", "report/network.svg");
        for (String src : images) {
            Path file = run.resolve(src);
            assertThat(file).exists();
            if (src.endsWith(".png")) {
                BufferedImage image = ImageIO.read(file.toFile());
                assertThat(image).as(src).isNotNull();
                assertThat(image.getWidth()).isIn(2 * ReportCharts.WIDTH, 2 * ReportCharts.SEARCH_WIDTH);
            } else {
                Document svg = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
                assertThat(svg.getDocumentElement().getTagName()).isEqualTo("svg");
                // one box per layer, plus the input
                int layers = summary().network().get("layers").size();
                assertThat(svg.getElementsByTagName("rect").getLength()).isEqualTo(1 + layers + 1);
            }
        }
        // nothing outside the folder: no scripts, styles or pictures from the network
        assertThat(html).doesNotContain("http://", "https://", "<script");
        // the best genome, and the confusion matrix: a row per class
        assertThat(html).contains(summary().bestGenome());
        // the precision the trials journalled (the test backend's float32)
        assertThat(html).contains("<th>trials trained in</th><td>fp32</td>");
        Matcher confusion = Pattern.compile("<table class=\"confusion\">.*?<tbody>(.*?)</tbody>", Pattern.DOTALL)
                .matcher(html);
        assertThat(confusion.find()).isTrue();
        assertThat(count(confusion.group(1), "<tr>")).isEqualTo(3);
    }

    @Test
    void generationTablesAndCsvHoldOneRowPerTrial() throws IOException {
        List<TrialFinished> trials = events(run, TrialFinished.class);
        String html = Files.readString(run.resolve(RunReport.FILE));

        Map<Integer, Integer> rowsByGeneration = new TreeMap<>();
        Map<Integer, Integer> eliteRowsByGeneration = new TreeMap<>();
        Matcher table = Pattern.compile("<table class=\"trials\" data-generation=\"(\\d+)\">(.*?)</table>", Pattern.DOTALL)
                .matcher(html);
        while (table.find()) {
            String body = table.group(2).substring(table.group(2).indexOf("<tbody>"));
            rowsByGeneration.put(Integer.parseInt(table.group(1)), count(body, "<tr"));
            eliteRowsByGeneration.put(Integer.parseInt(table.group(1)), count(body, "<tr class=\"elite\""));
        }
        Map<Integer, Integer> expected = trials.stream().collect(Collectors.groupingBy(
                t -> t.generation(), TreeMap::new, Collectors.summingInt(t -> 1)));
        Map<Integer, Integer> trialRows = new TreeMap<>();
        rowsByGeneration.forEach((g, rows) -> trialRows.put(g, rows - eliteRowsByGeneration.get(g)));
        assertThat(trialRows).isEqualTo(expected).hasSize(4);
        // like the paper's Table 1, each table shows the whole population: the elite is listed too
        assertThat(rowsByGeneration).allSatisfy((g, rows) -> assertThat(rows).isEqualTo(6));
        assertThat(eliteRowsByGeneration).containsEntry(0, 0).allSatisfy((g, rows) -> assertThat(rows).isLessThanOrEqualTo(1));
        assertThat(eliteRowsByGeneration.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(3);
        for (TrialFinished t : trials) {
            assertThat(html).contains("<code>" + t.genome() + "</code>");
        }

        List<String> csv = Files.readAllLines(run.resolve(TrialsCsv.FILE));
        assertThat(csv.get(0)).startsWith(TrialsCsv.HEADER);
        assertThat(csv).hasSize(trials.size() + 1);
        for (int i = 0; i < trials.size(); i++) {
            String[] fields = csv.get(i + 1).split(",", -1);
            assertThat(fields[0]).isEqualTo(Integer.toString(trials.get(i).generation()));
            assertThat(fields[2]).isEqualTo(trials.get(i).genome());
            assertThat(fields[3]).isEqualTo(trials.get(i).status().name());
        }
    }

    @Test
    void journalHoldsTheFinalNetworksBiasHistogramsPerEpoch() {
        List<ParameterHistogram> histograms = events(run, FinalFinished.class).get(0).parameterHistograms();
        assertThat(histograms).extracting(h -> h.layer() + "@" + h.epoch()).containsExactly(
                "conv2d@1", "conv2d_1@1", "conv2d@2", "conv2d_1@2", "conv2d@3", "conv2d_1@3");
        assertThat(histograms).allSatisfy(h -> {
            assertThat(h.kind()).isEqualTo("bias");
            assertThat(h.total()).isEqualTo(8);           // 8 filters
            assertThat(h.counts()).hasSize(ParameterHistogram.binsFor(8));
        });
        // the fake's biases spread wider every epoch
        double width1 = histograms.get(0).edges()[histograms.get(0).counts().length] - histograms.get(0).edges()[0];
        double width3 = histograms.get(4).edges()[histograms.get(4).counts().length] - histograms.get(4).edges()[0];
        assertThat(width3).isGreaterThan(2.5 * width1);
    }

    @Test
    void aBackendWithoutEventFilesGetsThemWrittenByTheDefaultBackend() throws IOException {
        // the onemax backend writes no event files; TensorFlow, installed here, writes them instead
        Path board = run.resolve(TensorBoardLogs.DIR);
        List<GenerationFinished> generations = events(run, GenerationFinished.class);
        List<EventFiles.Value> search = EventFiles.values(board.resolve("search"));
        assertThat(search).filteredOn(v -> v.tag().equals("best_validation_accuracy")).hasSize(generations.size());
        TrialFinished trial = events(run, TrialFinished.class).get(0);
        List<EventFiles.Value> train = EventFiles.values(board.resolve(TensorBoardLogs.trialFolder(
                trial.generation(), trial.index())).resolve("train"));
        assertThat(train).filteredOn(v -> v.tag().equals("epoch_loss")).hasSize(2);
        assertThat(EventFiles.values(board.resolve("final").resolve("train")))
                .filteredOn(v -> v.tag().equals("conv2d/bias")).hasSize(3);
    }

    @Test
    void reportIsWrittenAfterEachGenerationWhileTheRunGoes() throws IOException {
        Path interrupted = shared.resolve("interrupted");
        OneMaxPlugin dying = new OneMaxPlugin();
        dying.crashAt = k -> events(interrupted, GenerationFinished.class).size() == 2;
        assertThatThrownBy(() -> execute(interrupted, dying)).isInstanceOf(Error.class);

        String html = Files.readString(interrupted.resolve(RunReport.FILE));
        assertThat(html).contains("Running, or interrupted: 2 of 4 generations finished");
        assertThat(attribute(html, "img", "src")).containsExactlyInAnyOrder("report/search-progress.png", "report/network.svg");
        assertThat(html).contains("data-generation=\"1\"").doesNotContain("data-generation=\"2\"");
        // as of the end of generation 1: trials of generation 2 journalled before the crash come with the next report
        assertThat(Files.readAllLines(interrupted.resolve(TrialsCsv.FILE))).hasSize(1 + (int) events(interrupted,
                TrialFinished.class).stream().filter(t -> t.generation() < 2).count());
    }

    @Test
    void aReportThatCannotBeWrittenDoesNotStopTheRun() throws IOException {
        Path out = shared.resolve("blocked");
        OneMaxPlugin dying = new OneMaxPlugin();
        dying.crashAt = k -> k == 3;
        assertThatThrownBy(() -> execute(out, dying)).isInstanceOf(Error.class);
        // a file where the pictures' folder goes
        deleteTree(out.resolve(RunReport.IMAGES));
        Files.writeString(out.resolve(RunReport.IMAGES), "in the way");

        StringWriter printed = new StringWriter();
        Plan plan = PlanReader.parse(PLAN, "test", "report-onemax");
        new SearchRun(plan, PluginRegistry.load(List.of(), List.of(new OneMaxPlugin())),
                new RunConsole(false, new PrintWriter(printed, true))).execute(out);
        assertThat(out.resolve("summary.json")).exists();
        assertThat(printed.toString()).contains("warning: " + out.resolve(RunReport.FILE) + " not written");
    }

    @Test
    void rebuildingFromTheFolderGivesTheSameReport() throws IOException {
        Path copy = shared.resolve("copy");
        copyTree(run, copy);
        String before = Files.readString(copy.resolve(RunReport.FILE)).replace(copy.toString(), run.toString());
        Map<String, byte[]> pictures = files(copy.resolve(RunReport.IMAGES));
        deleteTree(copy.resolve(RunReport.IMAGES));
        Files.delete(copy.resolve(RunReport.FILE));
        Files.delete(copy.resolve(TrialsCsv.FILE));

        RunReport.write(copy);

        assertThat(Files.readString(copy.resolve(RunReport.FILE)).replace(copy.toString(), run.toString())).isEqualTo(before);
        assertThat(files(copy.resolve(RunReport.IMAGES))).containsOnlyKeys(pictures.keySet());
        assertThat(Files.readString(copy.resolve(TrialsCsv.FILE))).isEqualTo(Files.readString(run.resolve(TrialsCsv.FILE)));
    }

    static Summary summary() {
        return Summary.read(run.resolve(Summary.FILE)).orElseThrow();
    }

    static <T extends JournalEvent> List<T> events(Path dir, Class<T> kind) {
        return ComparableJournal.events(dir, kind);
    }

    static List<String> attribute(String html, String tag, String name) {
        List<String> values = new ArrayList<>();
        Matcher m = Pattern.compile("<" + tag + "\\s[^>]*" + name + "=\"([^\"]*)\"").matcher(html);
        while (m.find()) {
            values.add(m.group(1));
        }
        return values;
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }

    private static Map<String, byte[]> files(Path dir) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        try (var list = Files.list(dir)) {
            for (Path p : list.toList()) {
                out.put(p.getFileName().toString(), Files.readAllBytes(p));
            }
        }
        return out;
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (var walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
