package io.cnnga.decoder.paper;

import static io.cnnga.decoder.paper.PaperField.ACTIVATION;
import static io.cnnga.decoder.paper.PaperField.DEPTH;
import static io.cnnga.decoder.paper.PaperField.DROPOUT;
import static io.cnnga.decoder.paper.PaperField.FILTERS;
import static io.cnnga.decoder.paper.PaperField.KERNEL;
import static io.cnnga.decoder.paper.PaperField.SCALE;

import io.cnnga.api.ActivationFunction;
import io.cnnga.api.InvalidOptionException;
import io.cnnga.api.Options;
import java.util.ArrayList;
import java.util.List;

/**
 * The choice tables of the paper decoder: what each value of a genome's fields stands for.
 *
 * <pre>{@code
 * PaperChoices paper = PaperChoices.PAPER;
 * paper.kernels();                       // [2, 3, 5, 7], picked by bits 4-5
 * PaperChoices bigKernels = new PaperChoices(paper.filters(), paper.scales(), List.of(3, 5, 7, 9),
 *         paper.depths(), paper.dropouts(), paper.activations());
 * }</pre>
 *
 * <p>Each table keeps the length its field's bits can address ({@link PaperField#entries()}: 4, or
 * 8 for depths), so that every genome stays meaningful. Filters, scales and kernels are positive;
 * depths lie in {@code [1, }{@link PaperField#MAX_DEPTH}{@code ]} because a genome has one
 * convs-per-stage bit per stage; dropout rates lie in {@code [0, 1)}.
 *
 * @param filters     output channels of the first stage before the scale (bits 0-1)
 * @param scales      multipliers of the first stage's channels (bits 2-3)
 * @param kernels     square kernel sides (bits 4-5)
 * @param depths      numbers of stages (bits 6-8)
 * @param dropouts    dropout rates after each stage (bits 9-10)
 * @param activations activations after each convolution (bits 11-12)
 */
public record PaperChoices(List<Integer> filters, List<Integer> scales, List<Integer> kernels,
                           List<Integer> depths, List<Double> dropouts, List<ActivationFunction> activations) {

    /** The tables of the paper; depth value 7 appears twice to fill 3 bits. */
    public static final PaperChoices PAPER = new PaperChoices(
            List.of(16, 24, 32, 48),
            List.of(1, 2, 3, 4),
            List.of(2, 3, 5, 7),
            List.of(1, 2, 3, 4, 5, 6, 7, 7),
            List.of(0.1, 0.25, 0.4, 0.5),
            List.of(ActivationFunction.RELU, ActivationFunction.ELU, ActivationFunction.LEAKY_RELU,
                    ActivationFunction.SWISH));

    /** @throws IllegalArgumentException naming the table (and entry) that breaks a rule */
    public PaperChoices {
        check(filters, scales, kernels, depths, dropouts, activations, Complaint.ARGUMENT);
        filters = List.copyOf(filters);
        scales = List.copyOf(scales);
        kernels = List.copyOf(kernels);
        depths = List.copyOf(depths);
        dropouts = List.copyOf(dropouts);
        activations = List.copyOf(activations);
    }

    /**
     * The tables in {@code options}, each defaulting to the paper's: consumes {@code filters},
     * {@code scales}, {@code kernels}, {@code depths}, {@code dropouts} and {@code activations}.
     *
     * @throws InvalidOptionException at the JSON path of the first bad table or entry
     */
    static PaperChoices read(Options options) {
        List<Integer> filters = options.integers(FILTERS.option(), PAPER.filters());
        List<Integer> scales = options.integers(SCALE.option(), PAPER.scales());
        List<Integer> kernels = options.integers(KERNEL.option(), PAPER.kernels());
        List<Integer> depths = options.integers(DEPTH.option(), PAPER.depths());
        List<Double> dropouts = options.numbers(DROPOUT.option(), PAPER.dropouts());
        List<ActivationFunction> activations = readActivations(options);
        check(filters, scales, kernels, depths, dropouts, activations, Complaint.inOptions(options));
        return new PaperChoices(filters, scales, kernels, depths, dropouts, activations);
    }

    private static List<ActivationFunction> readActivations(Options options) {
        String key = ACTIVATION.option();
        List<String> ids = options.strings(key, null);
        if (ids == null) {
            return PAPER.activations();
        }
        List<ActivationFunction> functions = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            try {
                functions.add(ActivationFunction.fromId(ids.get(i)));
            } catch (IllegalArgumentException e) {
                throw new InvalidOptionException(options.pathOf(key) + "[" + i + "]",
                        "must be one of " + String.join(", ", ActivationFunction.ids())
                                + ", was \"" + ids.get(i) + "\"");
            }
        }
        return functions;
    }

    private static void check(List<Integer> filters, List<Integer> scales, List<Integer> kernels,
                              List<Integer> depths, List<Double> dropouts, List<ActivationFunction> activations,
                              Complaint complaint) {
        checkIntegers(FILTERS, filters, 1, Integer.MAX_VALUE, complaint);
        checkIntegers(SCALE, scales, 1, Integer.MAX_VALUE, complaint);
        checkIntegers(KERNEL, kernels, 1, Integer.MAX_VALUE, complaint);
        checkIntegers(DEPTH, depths, 1, PaperField.MAX_DEPTH, complaint);
        checkLength(DROPOUT, dropouts, complaint);
        for (int i = 0; i < dropouts.size(); i++) {
            Double rate = dropouts.get(i);
            if (rate == null || !(rate >= 0 && rate < 1)) {
                throw complaint.about(entry(DROPOUT, i), "must be at least 0 and less than 1, was " + rate);
            }
        }
        checkLength(ACTIVATION, activations, complaint);
        for (int i = 0; i < activations.size(); i++) {
            if (activations.get(i) == null) {
                throw complaint.about(entry(ACTIVATION, i),
                        "must be one of " + String.join(", ", ActivationFunction.ids()) + ", was null");
            }
        }
    }

    private static void checkIntegers(PaperField field, List<Integer> table, int min, int max, Complaint complaint) {
        checkLength(field, table, complaint);
        for (int i = 0; i < table.size(); i++) {
            Integer value = table.get(i);
            if (value == null || value < min || value > max) {
                String range = max == Integer.MAX_VALUE ? "a positive integer" : "between " + min + " and " + max;
                String why = field == DEPTH ? " (the genome has one convs-per-stage bit for each of "
                        + PaperField.MAX_DEPTH + " stages)" : "";
                throw complaint.about(entry(field, i), "must be " + range + why + ", was " + value);
            }
        }
    }

    private static void checkLength(PaperField field, List<?> table, Complaint complaint) {
        if (table == null) {
            throw complaint.about(field.option(), "is required");
        }
        if (table.size() != field.entries()) {
            throw complaint.about(field.option(), "must have " + field.entries() + " entries, had " + table.size()
                    + " (one per value of " + field.bitRange() + ")");
        }
    }

    private static String entry(PaperField field, int index) {
        return field.option() + "[" + index + "]";
    }
}
