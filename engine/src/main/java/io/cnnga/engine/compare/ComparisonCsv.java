package io.cnnga.engine.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A comparison as CSV ({@code compare.csv}): one row per genome; after {@code genome} and
 * {@code params}, six columns per backend, prefixed with its id.
 *
 * <pre>{@code
 * genome,params,tensorflow_validation_accuracy,tensorflow_test_accuracy,tensorflow_train_images_per_second,tensorflow_seconds,tensorflow_failure,tensorflow_precision,pytorch_validation_accuracy,...
 * 01010001110010011100,1234567,0.8512,0.8467,1210.4,14.2,,fp32,0.8490,...
 * }</pre>
 *
 * <p>Numbers use a dot and no grouping; a failed training leaves its numbers empty except the
 * seconds and gives its reason in {@code _failure}. Fields holding a comma, quote or line break
 * are quoted (RFC 4180).
 */
public final class ComparisonCsv {

    static final String[] PER_BACKEND = {"validation_accuracy", "test_accuracy", "train_images_per_second", "seconds",
        "failure", "precision"};

    private ComparisonCsv() {
    }

    public static String of(Comparison c) {
        StringBuilder s = new StringBuilder();
        List<String> header = new ArrayList<>(List.of("genome", "params"));
        for (String backend : c.backends()) {
            for (String column : PER_BACKEND) {
                header.add(backend + "_" + column);
            }
        }
        line(s, header);
        for (ComparisonRow row : c.rows()) {
            List<String> fields = new ArrayList<>(List.of(row.genome().bits(), Long.toString(row.params())));
            for (BackendOutcome o : row.outcomes()) {
                fields.add(number(o.validationAccuracy(), "%.4f"));
                fields.add(number(o.testAccuracy(), "%.4f"));
                fields.add(number(o.trainImagesPerSecond(), "%.1f"));
                fields.add(number(o.seconds(), "%.1f"));
                fields.add(o.failure());
                fields.add(o.precision());
            }
            line(s, fields);
        }
        return s.toString();
    }

    private static String number(double value, String format) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, format, value) : "";
    }

    private static void line(StringBuilder s, List<String> fields) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                s.append(',');
            }
            s.append(quote(fields.get(i)));
        }
        s.append('\n');
    }

    static String quote(String field) {
        if (field.contains(",") || field.contains("\"") || field.contains("\n") || field.contains("\r")) {
            return '"' + field.replace("\"", "\"\"") + '"';
        }
        return field;
    }
}
