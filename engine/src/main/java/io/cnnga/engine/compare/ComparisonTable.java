package io.cnnga.engine.compare;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A comparison as a plain-text table for the terminal: genome and parameters, then validation
 * accuracy, test accuracy, training images/s, seconds and precision under each backend's name;
 * then how far each later backend is from the first, and a note when the backends computed in
 * different precisions (then they differ by more than their frameworks).
 *
 * <pre>{@code
 *                                  | tensorflow                                | pytorch
 * genome                    params |  val acc test acc  train img/s    s  prec |  val acc test acc  train img/s    s  prec
 * 01010001110010011100   1,234,567 |   0.8512   0.8467        1,210  14.2  fp32 |   0.8490   0.8431          980  17.0  fp32
 * }</pre>
 */
public final class ComparisonTable {

    private static final String CELL = " %8s %8s %12s %6s %5s";
    private static final int CELL_WIDTH = String.format(Locale.ROOT, CELL, "", "", "", "", "").length();

    private ComparisonTable() {
    }

    public static String of(Comparison c) {
        int genomeWidth = Math.max(6, c.rows().stream().mapToInt(r -> r.genome().bits().length()).max().orElse(6));
        String lead = "%-" + genomeWidth + "s %11s";
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, lead, "", ""));
        for (String backend : c.backends()) {
            s.append(" | ").append(String.format(Locale.ROOT, "%-" + (CELL_WIDTH - 1) + "s", backend));
        }
        s.append('\n');
        s.append(String.format(Locale.ROOT, lead, "genome", "params"));
        for (int i = 0; i < c.backends().size(); i++) {
            s.append(" |").append(String.format(Locale.ROOT, CELL, "val acc", "test acc", "train img/s", "s", "prec"));
        }
        s.append('\n');
        for (ComparisonRow row : c.rows()) {
            s.append(String.format(Locale.ROOT, lead, row.genome().bits(), String.format(Locale.ROOT, "%,d", row.params())));
            for (BackendOutcome o : row.outcomes()) {
                s.append(" |");
                if (o.ok()) {
                    s.append(String.format(Locale.ROOT, CELL, accuracy(o.validationAccuracy()), accuracy(o.testAccuracy()),
                            String.format(Locale.ROOT, "%,.0f", o.trainImagesPerSecond()),
                            String.format(Locale.ROOT, "%.1f", o.seconds()), o.precision()));
                } else {
                    s.append(String.format(Locale.ROOT, "%-" + CELL_WIDTH + "s", " failed (see below)"));
                }
            }
            s.append('\n');
        }
        for (ComparisonRow row : c.rows()) {
            for (BackendOutcome o : row.outcomes()) {
                if (!o.ok()) {
                    s.append(row.genome().bits()).append(" on ").append(o.backend()).append(" failed: ")
                            .append(o.failure()).append('\n');
                }
            }
        }
        for (BackendGap gap : c.gaps()) {
            s.append(gap.describe()).append('\n');
        }
        Map<String, Set<String>> precisions = new TreeMap<>();
        c.rows().forEach(row -> row.outcomes().stream().filter(BackendOutcome::ok)
                .forEach(o -> precisions.computeIfAbsent(o.precision(), p -> new TreeSet<>()).add(o.backend())));
        if (precisions.size() > 1) {
            s.append("note: the backends computed in different precisions (").append(precisions.entrySet().stream()
                    .map(e -> e.getKey() + ": " + String.join(", ", e.getValue())).collect(Collectors.joining("; ")))
                    .append("); give the plan's backend.options.precision fp32 to compare the frameworks alone\n");
        }
        // The last backend's name is padded like the others: no trailing blanks on any line.
        return s.toString().replaceAll("(?m) +$", "");
    }

    private static String accuracy(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.4f", value);
    }
}
