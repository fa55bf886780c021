package io.cnnga.engine.predict;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * Prints predictions as they come: a table (one row per image: the image, its label when known —
 * marked {@code x} when the prediction misses it — and the top classes with their probabilities),
 * or one JSON object per line.
 *
 * <pre>{@code
 * PredictionPrinter printer = PredictionPrinter.table(out, classNames, 3, true, 40);
 * printer.print(prediction);
 * printer.finish(matrix, bad);   // accuracy and confusion matrix, when labelled
 * }</pre>
 *
 * <p>JSON lines: {@code {"image": ..., "top": [{"class": 7, "name": "Sneaker", "probability": 0.98}, ...]}},
 * with {@code "label"} and {@code "correct"} when labelled; the last line is
 * {@code {"summary": {"images", "labelled", "correct", "accuracy", "classNames", "confusionMatrix", "failed"}}}.
 */
abstract class PredictionPrinter {

    protected final PrintWriter out;
    protected final List<String> classNames;

    private PredictionPrinter(PrintWriter out, List<String> classNames) {
        this.out = out;
        this.classNames = classNames;
    }

    abstract void print(Prediction p);

    /** After the last prediction: what the labelled ones add up to, and the inputs that failed. */
    abstract void finish(long images, ConfusionMatrix matrix, List<BadInput> bad);

    static PredictionPrinter json(PrintWriter out, List<String> classNames) {
        return new Json(out, classNames);
    }

    /** @param imageWidth the longest image name to come (the column is at most 80 wide; longer names push the row) */
    static PredictionPrinter table(PrintWriter out, List<String> classNames, int top, boolean labelled, int imageWidth) {
        return new Table(out, classNames, top, labelled, Math.max("image".length(), Math.min(80, imageWidth)));
    }

    private static final class Table extends PredictionPrinter {
        private final int imageWidth;
        private final int nameWidth;
        private final boolean labelled;

        Table(PrintWriter out, List<String> classNames, int top, boolean labelled, int imageWidth) {
            super(out, classNames);
            this.imageWidth = imageWidth;
            this.nameWidth = classNames.stream().mapToInt(String::length).max().orElse(5);
            this.labelled = labelled;
            StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%-" + imageWidth + "s", "image"));
            if (labelled) {
                header.append(String.format(Locale.ROOT, "  %-" + (nameWidth + 2) + "s", "label"));
            }
            header.append("  top ").append(top).append(" (probability)");
            out.println(header);
        }

        @Override
        void print(Prediction p) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-" + imageWidth + "s", p.image()));
            if (labelled) {
                String label = p.labelled() ? classNames.get(p.label()) : "-";
                row.append(String.format(Locale.ROOT, "  %-" + nameWidth + "s %s", label,
                        p.labelled() && !p.correct() ? "x" : " "));
            }
            row.append(' ');
            for (int i = 0; i < p.classes().length; i++) {
                row.append(i == 0 ? " " : "   ").append(classNames.get(p.classes()[i]))
                        .append(String.format(Locale.ROOT, " %.4f", p.probabilities()[i]));
            }
            out.println(row);
        }

        @Override
        void finish(long images, ConfusionMatrix matrix, List<BadInput> bad) {
            out.println();
            out.printf(Locale.ROOT, "%,d images classified%s%n", images,
                    bad.isEmpty() ? "" : "; " + bad.size() + " input(s) could not be read (listed on stderr)");
            if (matrix.total() > 0) {
                matrix.print(out);
            }
            out.flush();
        }
    }

    private static final class Json extends PredictionPrinter {
        private static final ObjectMapper MAPPER = new ObjectMapper();

        Json(PrintWriter out, List<String> classNames) {
            super(out, classNames);
        }

        @Override
        void print(Prediction p) {
            ObjectNode line = MAPPER.createObjectNode();
            line.put("image", p.image());
            ArrayNode top = line.putArray("top");
            for (int i = 0; i < p.classes().length; i++) {
                ObjectNode c = top.addObject();
                c.put("class", p.classes()[i]);
                c.put("name", classNames.get(p.classes()[i]));
                c.put("probability", p.probabilities()[i]);
            }
            if (p.labelled()) {
                line.put("label", p.label());
                line.put("labelName", classNames.get(p.label()));
                line.put("correct", p.correct());
            }
            write(line);
        }

        @Override
        void finish(long images, ConfusionMatrix matrix, List<BadInput> bad) {
            ObjectNode line = MAPPER.createObjectNode();
            ObjectNode summary = line.putObject("summary");
            summary.put("images", images);
            summary.put("labelled", matrix.total());
            if (matrix.total() > 0) {
                summary.put("correct", matrix.correct());
                summary.put("accuracy", matrix.accuracy());
                classNames.forEach(summary.putArray("classNames")::add);
                ArrayNode rows = summary.putArray("confusionMatrix");
                for (long[] row : matrix.counts()) {
                    ArrayNode r = rows.addArray();
                    for (long v : row) {
                        r.add(v);
                    }
                }
            }
            ArrayNode failed = summary.putArray("failed");
            bad.forEach(b -> failed.add(b.message()));
            write(line);
            out.flush();
        }

        private void write(ObjectNode line) {
            try {
                out.println(MAPPER.writeValueAsString(line));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a JSON tree always serializes", e);
            }
        }
    }
}
