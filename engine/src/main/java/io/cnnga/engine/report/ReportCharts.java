package io.cnnga.engine.report;

import io.cnnga.engine.journal.GenerationFinished;
import io.cnnga.engine.journal.ParameterHistogram;
import io.cnnga.engine.journal.RunRecord;
import io.cnnga.api.EpochMetrics;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.function.Function;
import javax.imageio.ImageIO;

/**
 * The report's charts, drawn with XChart as PNG bytes: the search over time (the paper's Figure 5),
 * the final network's training curves (Figures 6, 7, 12, 13), its conv-bias distributions per
 * epoch (Figures 8-10), and a confusion heat map for data sets with many classes.
 *
 * <pre>{@code
 * byte[] png = ReportCharts.searchProgress(RunRecord.read(dir));
 * Files.write(dir.resolve("report/search-progress.png"), png);
 * }</pre>
 *
 * <p>Charts are small (600 x 400 points; the search chart, with its legend beside it, 760 x 460)
 * with large type, drawn at twice that resolution: the page shows them about that size side by
 * side on a laptop and full width on a phone, where the type must still be legible. Needs no
 * display: {@link RunReport} sets {@code java.awt.headless} before the first chart.
 */
public final class ReportCharts {

    static final int WIDTH = 600;
    static final int HEIGHT = 400;
    static final int SEARCH_WIDTH = 760;
    static final int SEARCH_HEIGHT = 460;
    /** 2x pixels: what BitmapEncoder's DPI scaling gives relative to its 72 DPI base. */
    private static final int DPI = 144;

    private static final Color TEXT = new Color(0x22, 0x22, 0x22);
    private static final Color GRID = new Color(0xE3, 0xE6, 0xEA);
    private static final Color TRAINING = new Color(0x1F, 0x77, 0xB4);
    private static final Color VALIDATION = new Color(0xD6, 0x5F, 0x00);
    private static final Color TEST = new Color(0x2C, 0xA0, 0x2C);
    private static final Color BEST = new Color(0xC0, 0x1C, 0x28);
    private static final Color MEAN = new Color(0x55, 0x55, 0x55);
    /** Viridis-like ramp without its palest yellow, which vanishes on white. */
    private static final Color[] RAMP = {
            new Color(0x44, 0x01, 0x54), new Color(0x3B, 0x52, 0x8B), new Color(0x21, 0x91, 0x8C),
            new Color(0x3F, 0xB3, 0x4F), new Color(0xB8, 0xA9, 0x00)};
    /** Generations named in a legend before it names only some of them. */
    private static final int LEGEND_ENTRIES = 10;
    /** Epochs a bias chart draws at most; more are thinned evenly, the first and the last kept. */
    static final int RIDGES = 20;

    private ReportCharts() {
    }

    /**
     * Figure 5: every trained network's validation accuracy at the time it finished, one mark per
     * trial coloured by generation, with each generation's best and mean.
     */
    public static byte[] searchProgress(RunRecord run) {
        List<RunRecord.Trial> trained = run.trials().stream().filter(RunRecord.Trial::trainedToFitness).toList();
        Instant start = run.started();
        double span = Math.max(1, Duration.between(start, run.lastEvent()).toMillis() / 1000.0);
        TimeUnit unit = TimeUnit.fitting(span);
        XYChart chart = xyChart(SEARCH_WIDTH, SEARCH_HEIGHT, "Validation accuracy of every trained network",
                "time since the run started (" + unit.label + ")", "validation accuracy");
        // Beside the plot, one entry per line: a row of generations below it would run off the chart.
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Vertical);
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
        chart.getStyler().setXAxisMin(0.0);
        chart.getStyler().setyAxisTickLabelsFormattingFunction(v -> String.format(Locale.ROOT, "%.1f", v));

        List<Integer> generations = run.generationNumbers();
        int shownEvery = Math.max(1, (int) Math.ceil(generations.size() / (double) LEGEND_ENTRIES));
        for (int k = 0; k < generations.size(); k++) {
            int g = generations.get(k);
            List<RunRecord.Trial> ofGeneration = trained.stream().filter(t -> t.result().generation() == g).toList();
            if (ofGeneration.isEmpty()) {
                continue;
            }
            double[] x = ofGeneration.stream().mapToDouble(t -> unit.of(start, t.finishedAt())).toArray();
            double[] y = ofGeneration.stream().mapToDouble(t -> t.result().fitness()).toArray();
            XYSeries s = chart.addSeries("gen " + g, x, y);
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setMarkerColor(ramp(k, generations.size()));
            s.setShowInLegend(k % shownEvery == 0 || k == generations.size() - 1);
        }
        if (run.generations().size() > 0) {
            double[] x = run.generations().stream()
                    .mapToDouble(e -> unit.of(start, e.time())).toArray();
            line(chart, "best of gen", x,
                    run.generations().stream().mapToDouble(GenerationFinished::best).toArray(), BEST, false);
            line(chart, "mean of gen", x,
                    run.generations().stream().mapToDouble(GenerationFinished::mean).toArray(), MEAN, true);
        }
        return png(chart);
    }

    /**
     * Figures 6, 7, 12, 13: training and validation {@code loss} or {@code accuracy} per epoch of
     * the final network, and the test split's once at the end.
     */
    public static byte[] finalCurve(List<EpochMetrics> history, double test, boolean accuracy) {
        String what = accuracy ? "accuracy" : "loss";
        XYChart chart = xyChart(WIDTH, HEIGHT, "Training vs validation " + what, "epoch", what);
        double[] epochs = history.stream().mapToDouble(EpochMetrics::epoch).toArray();
        Function<EpochMetrics, Double> train = accuracy ? EpochMetrics::accuracy : EpochMetrics::loss;
        Function<EpochMetrics, Double> val = accuracy ? EpochMetrics::validationAccuracy : EpochMetrics::validationLoss;
        line(chart, "training", epochs, history.stream().mapToDouble(train::apply).toArray(), TRAINING, false);
        line(chart, "validation", epochs, history.stream().mapToDouble(val::apply).toArray(), VALIDATION, false);
        if (Double.isFinite(test) && epochs.length > 0) {
            XYSeries s = chart.addSeries("test", new double[] {epochs[epochs.length - 1]},
                    new double[] {test});
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            s.setMarker(SeriesMarkers.DIAMOND);
            s.setMarkerColor(TEST);
        }
        integerEpochAxis(chart, epochs.length == 0 ? 1 : (int) epochs[epochs.length - 1]);
        if (accuracy) {
            chart.getStyler().setYAxisMax(1.0);
        } else {
            chart.getStyler().setYAxisMin(0.0);
        }
        return png(chart);
    }

    /**
     * Figures 8-10: the distribution of one conv layer's biases after each epoch, as a ridgeline:
     * one curve per epoch on a line of its own (the first epoch at the top), all on one value axis
     * and one count scale, so a distribution that narrows, widens or moves shows as the ridges go
     * down. Curves do not overlap, which keeps a few dozen biases in few bins readable.
     */
    public static byte[] biasDistribution(String title, List<ParameterHistogram> byEpoch) {
        List<ParameterHistogram> ridges = thin(byEpoch, RIDGES);
        int n = ridges.size();
        XYChart chart = xyChart(WIDTH, HEIGHT, title, "bias value", "epoch");
        long tallest = ridges.stream().flatMapToLong(h -> Arrays.stream(h.counts())).max().orElse(1);
        double scale = 0.92 / Math.max(1, tallest);
        double min = ridges.stream().mapToDouble(h -> h.edges()[0]).min().orElse(0);
        double max = ridges.stream().mapToDouble(h -> h.edges()[h.edges().length - 1]).max().orElse(1);
        // A margin left of the values for the epoch numbers: XChart cannot place y ticks at the ridges.
        double labelX = min - 0.05 * (max - min);
        chart.getStyler().setXAxisMin(min - 0.09 * (max - min));
        chart.getStyler().setXAxisMax(max + 0.01 * (max - min));
        for (int k = 0; k < n; k++) {
            ParameterHistogram h = ridges.get(k);
            double base = n - 1 - k;
            XYSeries baseline = chart.addSeries("base " + h.epoch(), new double[] {min, max}, new double[] {base, base});
            baseline.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            baseline.setMarker(SeriesMarkers.NONE);
            baseline.setLineColor(GRID);
            baseline.setLineStyle(SeriesLines.SOLID);
            baseline.setLineWidth(1f);
            baseline.setShowInLegend(false);
            chart.addAnnotation(new AnnotationText(Integer.toString(h.epoch()), labelX, base + 0.22, false));
            // The curve starts and ends on its line, at the outer bin edges.
            double[] centers = h.centers();
            long[] counts = h.counts();
            double[] edges = h.edges();
            double[] x = new double[centers.length + 2];
            double[] y = new double[centers.length + 2];
            x[0] = edges[0];
            y[0] = base;
            for (int i = 0; i < centers.length; i++) {
                x[i + 1] = centers[i];
                y[i + 1] = base + counts[i] * scale;
            }
            x[x.length - 1] = edges[edges.length - 1];
            y[y.length - 1] = base;
            XYSeries s = chart.addSeries("epoch " + h.epoch(), x, y);
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            s.setMarker(SeriesMarkers.NONE);
            s.setLineColor(ramp(k, n));
            s.setLineStyle(SeriesLines.SOLID);
            s.setLineWidth(2.2f);
            s.setShowInLegend(false);
        }
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setYAxisMin(-0.1);
        chart.getStyler().setYAxisMax(n - 1 + 1.0);
        chart.getStyler().setPlotGridHorizontalLinesVisible(false);
        chart.getStyler().setYAxisTicksVisible(false);
        chart.getStyler().setAnnotationTextFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        chart.getStyler().setAnnotationTextFontColor(TEXT);
        chart.getStyler().setxAxisTickLabelsFormattingFunction(ReportCharts::compactNumber);
        return png(chart);
    }

    /** At most {@code limit} of {@code all}, evenly spaced, the first and the last included. */
    static <T> List<T> thin(List<T> all, int limit) {
        if (all.size() <= limit) {
            return all;
        }
        List<T> out = new ArrayList<>();
        for (int i = 0; i < limit; i++) {
            out.add(all.get((int) Math.round(i * (all.size() - 1) / (double) (limit - 1))));
        }
        return out;
    }

    /**
     * A study's curves: for each run a thin line of the best validation accuracy so far against
     * {@code xTitle} (networks trained, or training seconds), coloured by its arm; each arm's
     * median over its runs drawn bold in the same colour.
     *
     * @param runs    by arm: one curve per run, each point {x, best so far}
     * @param medians by arm: the median curve
     */
    public static byte[] studyCurves(String title, String xTitle, Map<String, List<double[][]>> runs,
                                     Map<String, double[][]> medians) {
        XYChart chart = xyChart(SEARCH_WIDTH, SEARCH_HEIGHT, title, xTitle, "best validation accuracy so far");
        chart.getStyler().setYAxisDecimalPattern("0.000");
        List<String> arms = new ArrayList<>(runs.keySet());
        double low = 1;
        for (int a = 0; a < arms.size(); a++) {
            Color color = ARMS[a % ARMS.length];
            Color faint = new Color(color.getRed(), color.getGreen(), color.getBlue(), 110);
            int k = 0;
            for (double[][] curve : runs.get(arms.get(a))) {
                if (curve.length == 0) {
                    continue;
                }
                XYSeries s = chart.addSeries(arms.get(a) + " run " + (++k), column(curve, 0), column(curve, 1));
                s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Step);
                s.setMarker(SeriesMarkers.NONE);
                s.setLineColor(faint);
                s.setLineWidth(1.2f);
                s.setShowInLegend(false);
                for (double[] point : curve) {
                    low = Math.min(low, point[1]);
                }
            }
            double[][] median = medians.get(arms.get(a));
            if (median != null && median.length > 0) {
                XYSeries s = chart.addSeries(arms.get(a) + " (median)", column(median, 0), column(median, 1));
                s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Step);
                s.setMarker(SeriesMarkers.NONE);
                s.setLineColor(color);
                s.setLineWidth(3.5f);
            }
        }
        chart.getStyler().setYAxisMin(Math.max(0, Math.floor(low * 20) / 20));
        chart.getStyler().setYAxisMax(1.0);
        return png(chart);
    }

    private static double[] column(double[][] points, int index) {
        double[] out = new double[points.length];
        for (int i = 0; i < points.length; i++) {
            out[i] = points[i][index];
        }
        return out;
    }

    /**
     * A Pareto chart of two objectives: every network trained (grey), the front highlighted and
     * joined in order of the first objective, the selected network marked.
     *
     * @param all      {x, y} of every trained network
     * @param front    {x, y} of the front's members
     * @param selected {x, y} of the selected one, or null
     */
    public static byte[] paretoChart(String xTitle, String yTitle, List<double[]> all, List<double[]> front,
                                     double[] selected) {
        XYChart chart = xyChart(WIDTH, HEIGHT, yTitle + " against " + xTitle, xTitle, yTitle);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        if (!all.isEmpty()) {
            XYSeries s = chart.addSeries("trained networks", all.stream().mapToDouble(p -> p[0]).toArray(),
                    all.stream().mapToDouble(p -> p[1]).toArray());
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setMarkerColor(new Color(0xA0, 0xA7, 0xB0));
        }
        if (!front.isEmpty()) {
            List<double[]> sorted = new ArrayList<>(front);
            sorted.sort(java.util.Comparator.comparingDouble(p -> p[0]));
            XYSeries s = chart.addSeries("Pareto front", sorted.stream().mapToDouble(p -> p[0]).toArray(),
                    sorted.stream().mapToDouble(p -> p[1]).toArray());
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            s.setMarker(SeriesMarkers.DIAMOND);
            s.setLineColor(BEST);
            s.setMarkerColor(BEST);
            s.setLineWidth(2f);
        }
        if (selected != null) {
            XYSeries s = chart.addSeries("selected", new double[] {selected[0]}, new double[] {selected[1]});
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            s.setMarker(SeriesMarkers.SQUARE);
            s.setMarkerColor(TEST);
        }
        chart.getStyler().setMarkerSize(10);
        chart.getStyler().setxAxisTickLabelsFormattingFunction(ReportCharts::compactNumber);
        chart.getStyler().setyAxisTickLabelsFormattingFunction(ReportCharts::compactNumber);
        return png(chart);
    }

    /** Colours of a study's arms, told apart also by people with the commonest colour blindness. */
    private static final Color[] ARMS = {new Color(0x00, 0x72, 0xB2), new Color(0xD5, 0x5E, 0x00),
            new Color(0x00, 0x9E, 0x73), new Color(0xCC, 0x79, 0xA7), new Color(0x56, 0xB4, 0xE9), new Color(0xE6, 0x9F, 0x00)};

    /** The confusion matrix as a heat map, for data sets with too many classes for a table. */
    public static byte[] confusionHeatMap(long[][] matrix, List<String> classNames) {
        int n = matrix.length;
        int side = Math.max(WIDTH, Math.min(1600, 12 * n + 200));
        HeatMapChart chart = new HeatMapChartBuilder().width(side).height(side)
                .title("Test confusion matrix: share of each true class")
                .xAxisTitle("predicted class").yAxisTitle("true class").build();
        List<Integer> index = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            index.add(i);
        }
        List<Number[]> cells = new ArrayList<>();
        for (int t = 0; t < n; t++) {
            long rowTotal = 0;
            for (long v : matrix[t]) {
                rowTotal += v;
            }
            for (int p = 0; p < n; p++) {
                double share = rowTotal == 0 ? 0 : matrix[t][p] / (double) rowTotal;
                // rows drawn top to bottom: true class 0 first
                cells.add(new Number[] {p, n - 1 - t, share});
            }
        }
        List<Integer> rows = new ArrayList<>(index);
        Collections.reverse(rows);
        chart.addSeries("share", index, rows, cells);
        Styler s = chart.getStyler();
        style(s);
        chart.getStyler().setMin(0).setMax(1);
        chart.getStyler().setShowValue(false);
        chart.getStyler().setRangeColors(new Color[] {Color.WHITE, new Color(0xC6, 0xDB, 0xEF), new Color(0x6B, 0xAE, 0xD6),
                new Color(0x21, 0x71, 0xB5), new Color(0x08, 0x30, 0x6B)});
        chart.getStyler().setLegendVisible(true);
        // Class numbers on end, so that two- and three-digit ones do not run together.
        chart.getStyler().setXAxisLabelRotation(90);
        if (n > 50) {
            chart.getStyler().setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 9));
        }
        return png(chart);
    }

    private static XYChart xyChart(int width, int height, String title, String xTitle, String yTitle) {
        XYChart chart = new XYChartBuilder().width(width).height(height).title(title)
                .xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        style(chart.getStyler());
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        chart.getStyler().setMarkerSize(8);
        chart.getStyler().setPlotGridLinesColor(GRID);
        chart.getStyler().setPlotGridLinesStroke(new BasicStroke(1f));
        chart.getStyler().setAxisTickMarksColor(GRID);
        chart.getStyler().setPlotBorderVisible(false);
        return chart;
    }

    private static void style(Styler s) {
        Font base = new Font(Font.SANS_SERIF, Font.PLAIN, 15);
        s.setBaseFont(base);
        s.setChartTitleFont(base.deriveFont(Font.BOLD, 16f));
        s.setLegendFont(base.deriveFont(14f));
        s.setChartFontColor(TEXT);
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setChartTitleBoxVisible(false);
        s.setLegendBorderColor(Color.WHITE);
        s.setAntiAlias(true);
        if (s instanceof AxesChartStyler a) {
            a.setAxisTitleFont(base.deriveFont(15f));
            a.setAxisTickLabelsFont(base.deriveFont(14f));
            a.setAxisTickLabelsColor(TEXT);
        }
    }

    private static void line(XYChart chart, String name, double[] x, double[] y, Color color, boolean dashed) {
        XYSeries s = chart.addSeries(name, x, y);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        s.setLineColor(color);
        s.setMarkerColor(color);
        s.setMarker(dashed ? SeriesMarkers.SQUARE : SeriesMarkers.CIRCLE);
        s.setLineWidth(2f);
        s.setLineStyle(SeriesLines.SOLID);
        if (dashed) {
            s.setLineStyle(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
        }
    }

    /** Whole epochs only: XChart otherwise labels fractional ticks of short trainings. */
    private static void integerEpochAxis(XYChart chart, int lastEpoch) {
        chart.getStyler().setXAxisMin(lastEpoch <= 1 ? 0.0 : 1.0);
        chart.getStyler().setXAxisMax((double) Math.max(lastEpoch, 2));
        chart.getStyler().setxAxisTickLabelsFormattingFunction(
                v -> Math.abs(v - Math.rint(v)) < 1e-9 ? String.format(Locale.ROOT, "%d", Math.round(v)) : "");
    }

    /** An axis label: three decimals below 1,000, an SI prefix (k, M, G, T) from there on. */
    static String compactNumber(double v) {
        double a = Math.abs(v);
        if (a == 0) {
            return "0";
        }
        if (a >= 0.01 && a < 1000) {
            return trimmed(String.format(Locale.ROOT, "%.3f", v));
        }
        if (a >= 1000 && a < 1e15) {
            // 12 M rather than 1.2e+07: FLOPs and parameters read at a glance
            int power = Math.min(4, (int) Math.floor(Math.log10(a) / 3));
            return trimmed(String.format(Locale.ROOT, "%.1f", v / Math.pow(1000, power))) + " " + "kMGT".charAt(power - 1);
        }
        return String.format(Locale.ROOT, "%.1e", v);
    }

    private static String trimmed(String decimal) {
        return decimal.replaceAll("0+$", "").replaceAll("\\.$", "");
    }

    /** Colour {@code k} of {@code n} along the ramp. */
    static Color ramp(int k, int n) {
        double t = n <= 1 ? 0 : k / (double) (n - 1);
        double pos = t * (RAMP.length - 1);
        int i = Math.min(RAMP.length - 2, (int) Math.floor(pos));
        double f = pos - i;
        Color a = RAMP[i];
        Color b = RAMP[i + 1];
        return new Color(mix(a.getRed(), b.getRed(), f), mix(a.getGreen(), b.getGreen(), f), mix(a.getBlue(), b.getBlue(), f));
    }

    private static int mix(int a, int b, double f) {
        return (int) Math.round(a + (b - a) * f);
    }

    private static byte[] png(Chart<?, ?> chart) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            BufferedImage image = scaled(chart);
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode a chart", e);
        }
    }

    /** The chart drawn at {@link #DPI}, as {@link BitmapEncoder#saveBitmapWithDPI} does, into memory. */
    private static BufferedImage scaled(Chart<?, ?> chart) {
        double scale = DPI / 72.0;
        BufferedImage image = new BufferedImage(
                (int) (chart.getWidth() * scale), (int) (chart.getHeight() * scale), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.scale(scale, scale);
            chart.paint(g, chart.getWidth(), chart.getHeight());
        } finally {
            g.dispose();
        }
        return image;
    }

    /** Seconds, minutes or hours: whichever keeps the time axis' numbers readable. */
    private enum TimeUnit {
        SECONDS("s", 1), MINUTES("min", 60), HOURS("h", 3600);

        final String label;
        final double seconds;

        TimeUnit(String label, double seconds) {
            this.label = label;
            this.seconds = seconds;
        }

        static TimeUnit fitting(double spanSeconds) {
            return spanSeconds < 180 ? SECONDS : spanSeconds < 3 * 3600 ? MINUTES : HOURS;
        }

        double of(Instant start, Instant at) {
            return Duration.between(start, at).toMillis() / 1000.0 / seconds;
        }
    }
}
