package io.cnnga.engine.predict;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * Counts labelled predictions by (true class, predicted class): accuracy and the confusion matrix
 * that {@code predict --labels-from} prints.
 *
 * <pre>{@code
 * ConfusionMatrix m = new ConfusionMatrix(classNames);
 * m.add(3, 3);
 * m.add(3, 6);
 * m.accuracy();   // 0.5
 * }</pre>
 */
final class ConfusionMatrix {

    private final List<String> classNames;
    private final long[][] counts;
    private long total;
    private long correct;

    ConfusionMatrix(List<String> classNames) {
        this.classNames = List.copyOf(classNames);
        this.counts = new long[classNames.size()][classNames.size()];
    }

    void add(int label, int predicted) {
        counts[label][predicted]++;
        total++;
        if (label == predicted) {
            correct++;
        }
    }

    long total() {
        return total;
    }

    long correct() {
        return correct;
    }

    /** Correct over labelled; NaN before any. */
    double accuracy() {
        return total == 0 ? Double.NaN : (double) correct / total;
    }

    /** Rows are true classes, columns predicted ones. */
    long[][] counts() {
        long[][] copy = new long[counts.length][];
        for (int i = 0; i < counts.length; i++) {
            copy[i] = counts[i].clone();
        }
        return copy;
    }

    /** The accuracy line, then the matrix with class indices as headings and a legend of the names. */
    void print(PrintWriter out) {
        out.printf(Locale.ROOT, "accuracy %.4f (%,d of %,d labelled images)%n", accuracy(), correct, total);
        long max = 1;
        for (long[] row : counts) {
            for (long v : row) {
                max = Math.max(max, v);
            }
        }
        int width = Math.max(String.valueOf(classNames.size() - 1).length(), String.format(Locale.ROOT, "%,d", max).length()) + 1;
        int first = Math.max("true\\predicted".length(), 4);
        out.println();
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%-" + first + "s", "true\\predicted"));
        for (int c = 0; c < counts.length; c++) {
            header.append(String.format(Locale.ROOT, "%" + width + "d", c));
        }
        out.println(header);
        for (int r = 0; r < counts.length; r++) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-" + first + "d", r));
            for (int c = 0; c < counts.length; c++) {
                row.append(String.format(Locale.ROOT, "%," + width + "d", counts[r][c]));
            }
            out.println(row);
        }
        out.println();
        StringBuilder legend = new StringBuilder("classes:");
        for (int i = 0; i < classNames.size(); i++) {
            legend.append(i == 0 ? " " : ", ").append(i).append(' ').append(classNames.get(i));
        }
        out.println(legend);
    }
}
