package io.cnnga.engine.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.cnnga.api.EpochMetrics;
import io.cnnga.api.InvalidInputException;
import io.cnnga.engine.journal.AtomicFile;
import io.cnnga.engine.journal.ParameterHistogram;
import io.cnnga.engine.journal.RunRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Builds a run's report from its folder alone: {@code report.html}, its pictures in
 * {@code report/}, and {@code trials.csv}. The run writes it after every generation and at its
 * end; {@code bin/engine report DIR} rebuilds it.
 *
 * <pre>{@code
 * Path page = RunReport.write(Path.of("runs/fashion-quickstart"));   // .../report.html
 * }</pre>
 *
 * <p>Everything comes from {@code journal.jsonl} (and {@code summary.json} once the run is over),
 * so the same folder always gives the same report. Each file is written beside its place and
 * moved over it, so a browser reloading the page while a run rewrites it never sees half a file.
 */
public final class RunReport {

    public static final String FILE = "report.html";
    /** The pictures' folder, beside the page. */
    public static final String IMAGES = "report";

    // Roles of the pictures, as ReportPage asks for them.
    static final String SEARCH_PROGRESS = "search-progress";
    static final String FINAL_LOSS = "final-loss";
    static final String FINAL_ACCURACY = "final-accuracy";
    static final String NETWORK = "network";
    static final String CONFUSION = "confusion";
    static final String BIAS_PREFIX = "bias:";

    private RunReport() {
    }

    /**
     * Writes the report of the run in {@code dir}.
     *
     * @return the page
     * @throws InvalidInputException when {@code dir} holds no run
     */
    public static Path write(Path dir) {
        // Charts are drawn off-screen; without this, AWT looks for a display it may not have.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        RunRecord run = RunRecord.read(dir);
        Map<String, byte[]> files = new LinkedHashMap<>();
        Map<String, String> images = new LinkedHashMap<>();

        if (run.trials().stream().anyMatch(RunRecord.Trial::trainedToFitness)) {
            add(files, images, SEARCH_PROGRESS, "search-progress.png", ReportCharts.searchProgress(run));
        }
        run.finalFinished().ifPresent(f -> {
            List<EpochMetrics> history = f.history();
            if (!history.isEmpty()) {
                add(files, images, FINAL_LOSS, "final-loss.png", ReportCharts.finalCurve(history, f.testLoss(), false));
                add(files, images, FINAL_ACCURACY, "final-accuracy.png",
                        ReportCharts.finalCurve(history, f.testAccuracy(), true));
            }
            Map<String, String> stages = convStages(run.bestNetwork().orElse(null));
            Map<String, List<ParameterHistogram>> biases = new LinkedHashMap<>();
            for (ParameterHistogram h : run.parameterHistograms()) {
                if (h.kind().equals("bias")) {
                    biases.computeIfAbsent(h.layer(), k -> new ArrayList<>()).add(h);
                }
            }
            biases.forEach((layer, byEpoch) -> add(files, images, BIAS_PREFIX + layer, "bias-" + safe(layer) + ".png",
                    ReportCharts.biasDistribution(layer + " bias values per epoch"
                            + stages.getOrDefault(layer, ""), byEpoch)));
            long[][] matrix = f.confusionMatrix();
            if (matrix.length > ReportPage.TABLE_CLASSES) {
                add(files, images, CONFUSION, "confusion.png", ReportCharts.confusionHeatMap(matrix, f.classNames()));
            }
        });
        run.bestNetwork().ifPresent(n -> add(files, images, NETWORK, "network.svg",
                NetworkDiagram.svg(n).getBytes(StandardCharsets.UTF_8)));

        Path imageDir = dir.resolve(IMAGES);
        try {
            Files.createDirectories(imageDir);
            removeStale(imageDir, files.keySet());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + imageDir, e);
        }
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            AtomicFile.write(imageDir.resolve(f.getKey()), f.getValue());
        }
        AtomicFile.write(dir.resolve(TrialsCsv.FILE), TrialsCsv.of(run.trials()).getBytes(StandardCharsets.UTF_8));
        Path page = dir.resolve(FILE);
        AtomicFile.write(page, ReportPage.html(run, images).getBytes(StandardCharsets.UTF_8));
        return page;
    }

    private static void add(Map<String, byte[]> files, Map<String, String> images, String role, String name, byte[] content) {
        files.put(name, content);
        images.put(role, IMAGES + "/" + name);
    }

    /** " (stage 2, convolution 1)" per conv layer name: where it sits in the decoded network. */
    static Map<String, String> convStages(JsonNode network) {
        Map<String, String> stages = new HashMap<>();
        if (network == null) {
            return stages;
        }
        int stage = 1;
        int conv = 0;
        for (JsonNode layer : network.path("layers")) {
            String type = layer.path("type").asText();
            if (type.equals("Conv2D")) {
                conv++;
                stages.put(layer.path("name").asText(), " (stage " + stage + ", convolution " + conv + ")");
            } else if (type.equals("MaxPooling2D")) {
                stage++;
                conv = 0;
            }
        }
        return stages;
    }

    private static String safe(String name) {
        return name.replaceAll("[^A-Za-z0-9_.-]", "_");
    }

    /** Pictures of an earlier report that this one no longer has (e.g. layers of another network). */
    private static void removeStale(Path imageDir, Set<String> keep) throws IOException {
        try (Stream<Path> list = Files.list(imageDir)) {
            for (Path p : list.toList()) {
                String name = p.getFileName().toString();
                if (Files.isRegularFile(p) && !keep.contains(name) && (name.endsWith(".png") || name.endsWith(".svg"))) {
                    Files.delete(p);
                }
            }
        }
    }
}
