package io.cnnga.api;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An immutable sequential classifier: input shape, classes and layers. Two specs are equal when
 * they describe the same network, which is how the engine recognises genomes it already trained.
 *
 * <pre>{@code
 * ModelSpec spec = new ModelSpec(Shape.of(28, 28, 1), 10, List.of(
 *         new LayerSpec.Conv2D(32, 3, 1, Padding.SAME),
 *         LayerSpec.Activation.of(ActivationFunction.RELU),
 *         new LayerSpec.MaxPool(2, 2, Padding.SAME),
 *         new LayerSpec.Flatten(),
 *         new LayerSpec.Dense(10)));
 * spec.params();          // 63,050
 * System.out.println(spec.describe());
 * }</pre>
 *
 * <p>The last layer produces the logits: its output must be {@code (classes)}; the softmax lives
 * in the loss. The constructor checks that every layer fits the shape before it.
 *
 * @param input   shape of one image, (H, W, C)
 * @param classes number of classes, at least 2
 * @param layers  the layers in order, at least one
 */
public record ModelSpec(Shape input, int classes, List<LayerSpec> layers) {

    public ModelSpec {
        if (input == null || !input.isImage()) {
            throw new IllegalArgumentException("a model's input must be (H, W, C), was " + input);
        }
        if (classes < 2) {
            throw new IllegalArgumentException("a classifier needs at least 2 classes, was " + classes);
        }
        if (layers == null || layers.isEmpty()) {
            throw new IllegalArgumentException("a model needs at least one layer");
        }
        layers = List.copyOf(layers);
        Shape shape = input;
        for (int i = 0; i < layers.size(); i++) {
            try {
                shape = layers.get(i).outputShape(shape);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("layer " + i + " (" + layers.get(i).type() + "): " + e.getMessage(), e);
            }
        }
        if (!shape.equals(Shape.of(classes))) {
            throw new IllegalArgumentException(
                    "the last layer must output (" + classes + ") logits, outputs " + shape);
        }
    }

    /** The input shape of a dataset. */
    public static Shape inputOf(DataInfo data) {
        return Shape.of(data.height(), data.width(), data.channels());
    }

    /** One row per layer: Keras-style name, shapes, parameters and FLOPs. */
    public List<LayerSummary> summary() {
        List<LayerSummary> rows = new ArrayList<>(layers.size());
        Map<String, Integer> seen = new HashMap<>();
        Shape shape = input;
        for (int i = 0; i < layers.size(); i++) {
            LayerSpec layer = layers.get(i);
            int n = seen.merge(layer.namePrefix(), 1, Integer::sum) - 1;
            String name = n == 0 ? layer.namePrefix() : layer.namePrefix() + "_" + n;
            Shape out = layer.outputShape(shape);
            rows.add(new LayerSummary(i, name, layer, shape, out, layer.params(shape), layer.forwardFlops(shape)));
            shape = out;
        }
        return List.copyOf(rows);
    }

    /** All parameters, trainable or not, as Keras' "Total params". */
    public long params() {
        long n = 0;
        Shape shape = input;
        for (LayerSpec layer : layers) {
            n += layer.params(shape);
            shape = layer.outputShape(shape);
        }
        return n;
    }

    /** Parameters the optimizer trains. */
    public long trainableParams() {
        return params() - nonTrainableParams();
    }

    public long nonTrainableParams() {
        long n = 0;
        Shape shape = input;
        for (LayerSpec layer : layers) {
            n += layer.nonTrainableParams(shape);
            shape = layer.outputShape(shape);
        }
        return n;
    }

    /** FLOPs of one image's forward pass (multiply-adds count 2). */
    public long forwardFlops() {
        // one pass, no summary rows: a search checks the budget of many genomes
        long n = 0;
        Shape shape = input;
        for (LayerSpec layer : layers) {
            n += layer.forwardFlops(shape);
            shape = layer.outputShape(shape);
        }
        return n;
    }

    /**
     * Refuses images this network cannot take: another height, width or channel count, or more
     * classes than its output has. Backends call it before training or evaluating on {@code data}.
     */
    public void requireFits(ImageSet data) {
        DataInfo info = data.info();
        if (info.height() != input.dim(0) || info.width() != input.dim(1) || info.channels() != input.dim(2)) {
            throw new IllegalArgumentException("images of " + data + " do not fit the network's input " + input);
        }
        if (info.classes() > classes) {
            throw new IllegalArgumentException(data + " has " + info.classes() + " classes, the network " + classes);
        }
    }

    /** The layers of one type, in order. */
    public <T extends LayerSpec> List<T> layersOf(Class<T> type) {
        return layers.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** A table like Keras' {@code model.summary()}, with a FLOPs column. */
    public String describe() {
        String rule = "_".repeat(96) + "\n";
        String thick = "=".repeat(96) + "\n";
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "Input: %s, %d classes%n", input, classes));
        s.append(rule);
        s.append(String.format(Locale.ROOT, " %-44s %-22s %12s %16s%n", "Layer (type)", "Output Shape", "Param #", "FLOPs"));
        s.append(thick);
        List<LayerSummary> rows = summary();
        for (int i = 0; i < rows.size(); i++) {
            LayerSummary row = rows.get(i);
            s.append(String.format(Locale.ROOT, " %-44s %-22s %,12d %,16d%n",
                    row.name() + " (" + row.layer().type() + ")", row.output(), row.params(), row.forwardFlops()));
            s.append(i == rows.size() - 1 ? thick : "\n");
        }
        long total = params();
        long frozen = nonTrainableParams();
        s.append(String.format(Locale.ROOT, "Total params: %,d (%s)%n", total, bytes(total * 4)));
        s.append(String.format(Locale.ROOT, "Trainable params: %,d%n", total - frozen));
        s.append(String.format(Locale.ROOT, "Non-trainable params: %,d%n", frozen));
        s.append(String.format(Locale.ROOT, "Forward FLOPs per image: %,d (%s)%n", forwardFlops(), si(forwardFlops())));
        return s.toString();
    }

    private static String bytes(long n) {
        if (n >= 1L << 20) {
            return String.format(Locale.ROOT, "%.2f MB", n / (double) (1L << 20));
        }
        return String.format(Locale.ROOT, "%.2f KB", n / 1024.0);
    }

    private static String si(long n) {
        if (n >= 1_000_000_000L) {
            return String.format(Locale.ROOT, "%.2f GFLOP", n / 1e9);
        }
        return String.format(Locale.ROOT, "%.2f MFLOP", n / 1e6);
    }
}
