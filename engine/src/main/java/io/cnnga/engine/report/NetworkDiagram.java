package io.cnnga.engine.report;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The paper's Figure 3 as SVG: a network drawn top to bottom, one box per layer, each with its
 * name, what it does, its output shape and its parameters, coloured by layer type.
 *
 * <pre>{@code
 * String svg = NetworkDiagram.svg(summary.get("network"));   // decode --json's shape
 * Files.writeString(dir.resolve("report/network.svg"), svg);
 * }</pre>
 *
 * <p>Plain SVG 1.1 with no scripts, fonts or links, so it shows in an {@code <img>} anywhere.
 */
public final class NetworkDiagram {

    static final int WIDTH = 440;
    private static final int MARGIN = 16;
    private static final int BOX_HEIGHT = 42;
    private static final int GAP = 16;

    private NetworkDiagram() {
    }

    /** @param network a network as {@code decode --json} prints it (input, classes, layers) */
    public static String svg(JsonNode network) {
        List<Box> boxes = new ArrayList<>();
        boxes.add(new Box("input", "images", shape(network.get("input")), -1, "Input"));
        for (JsonNode layer : network.get("layers")) {
            String type = layer.get("type").asText();
            boxes.add(new Box(layer.get("name").asText(), describe(type, layer.path("config")),
                    shape(layer.get("outputShape")), layer.path("params").asLong(), type));
        }
        int height = MARGIN * 2 + boxes.size() * BOX_HEIGHT + (boxes.size() - 1) * GAP + 22;
        StringBuilder s = new StringBuilder();
        s.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        s.append(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
                        + "font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\">%n", WIDTH, height, WIDTH, height));
        String explanation = network.path("explanation").asText("");
        s.append("<title>").append(Html.escape("Network " + network.path("genome").asText("")
                + (explanation.isEmpty() ? "" : " (" + explanation + ")") + ": " + network.path("layers").size()
                + " layers, " + String.format(Locale.ROOT, "%,d", network.path("params").asLong()) + " parameters"))
                .append("</title>\n");
        s.append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" "
                + "markerHeight=\"7\" orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#6b7280\"/></marker></defs>\n");
        s.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"#ffffff\"/>%n", WIDTH, height));
        int y = MARGIN;
        int boxWidth = WIDTH - 2 * MARGIN;
        for (int i = 0; i < boxes.size(); i++) {
            Box b = boxes.get(i);
            String[] colour = colours(b.type);
            s.append(String.format(Locale.ROOT,
                    "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" rx=\"6\" fill=\"%s\" stroke=\"%s\" stroke-width=\"1.5\"/>%n",
                    MARGIN, y, boxWidth, BOX_HEIGHT, colour[0], colour[1]));
            s.append(String.format(Locale.ROOT,
                    "<text x=\"%d\" y=\"%d\" font-size=\"13\" font-weight=\"bold\" fill=\"#111827\">%s</text>%n",
                    MARGIN + 10, y + 17, Html.escape(b.name)));
            s.append(String.format(Locale.ROOT,
                    "<text x=\"%d\" y=\"%d\" font-size=\"13\" fill=\"#111827\" text-anchor=\"end\">%s</text>%n",
                    MARGIN + boxWidth - 10, y + 17, Html.escape(b.shape)));
            s.append(String.format(Locale.ROOT,
                    "<text x=\"%d\" y=\"%d\" font-size=\"11.5\" fill=\"#374151\">%s</text>%n",
                    MARGIN + 10, y + 34, Html.escape(b.what)));
            if (b.params > 0) {
                s.append(String.format(Locale.ROOT,
                        "<text x=\"%d\" y=\"%d\" font-size=\"11.5\" fill=\"#374151\" text-anchor=\"end\">%s params</text>%n",
                        MARGIN + boxWidth - 10, y + 34, String.format(Locale.ROOT, "%,d", b.params)));
            }
            if (i < boxes.size() - 1) {
                int x = WIDTH / 2;
                s.append(String.format(Locale.ROOT,
                        "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#6b7280\" stroke-width=\"1.5\" marker-end=\"url(#arrow)\"/>%n",
                        x, y + BOX_HEIGHT, x, y + BOX_HEIGHT + GAP - 1));
            }
            y += BOX_HEIGHT + GAP;
        }
        s.append(String.format(Locale.ROOT,
                "<text x=\"%d\" y=\"%d\" font-size=\"11.5\" fill=\"#374151\" text-anchor=\"middle\">%s</text>%n",
                WIDTH / 2, y - GAP + 18, Html.escape("logits of " + network.path("classes").asInt()
                        + " classes; the softmax is part of the loss")));
        s.append("</svg>\n");
        return s.toString();
    }

    private record Box(String name, String what, String shape, long params, String type) {
    }

    /** What a layer does, in a few words, from its {@code config}. */
    static String describe(String type, JsonNode c) {
        return switch (type) {
            case "Conv2D" -> String.format(Locale.ROOT, "Conv2D %d filters %d\u00d7%d, stride %d, %s",
                    c.path("filters").asInt(), c.path("kernelSize").asInt(), c.path("kernelSize").asInt(),
                    c.path("stride").asInt(1), c.path("padding").asText("same").toLowerCase(Locale.ROOT));
            case "Activation" -> {
                String f = c.path("function").asText("").toLowerCase(Locale.ROOT);
                double alpha = c.path("alpha").asDouble();
                yield "Activation " + f + (f.equals("leaky_relu") || (f.equals("elu") && alpha != 1.0 && alpha != 0)
                        ? String.format(Locale.ROOT, " (alpha %s)", trim(alpha)) : "");
            }
            case "BatchNormalization" -> "BatchNormalization";
            case "MaxPooling2D" -> String.format(Locale.ROOT, "MaxPooling2D %d\u00d7%d, stride %d, %s",
                    c.path("poolSize").asInt(), c.path("poolSize").asInt(), c.path("stride").asInt(),
                    c.path("padding").asText("same").toLowerCase(Locale.ROOT));
            case "Dropout" -> "Dropout rate " + trim(c.path("rate").asDouble());
            case "Flatten" -> "Flatten";
            case "Dense" -> "Dense " + c.path("units").asInt() + " units";
            default -> type;
        };
    }

    private static String trim(double v) {
        return String.format(Locale.ROOT, "%.4f", v).replaceAll("0+$", "").replaceAll("\\.$", "");
    }

    private static String shape(JsonNode dims) {
        List<String> parts = new ArrayList<>();
        dims.forEach(d -> parts.add(d.asText()));
        return String.join("\u00d7", parts);
    }

    /** Fill and stroke per layer type: convolutions blue, pooling red, dense green, ... */
    private static String[] colours(String type) {
        return switch (type) {
            case "Input" -> new String[] {"#f9fafb", "#111827"};
            case "Conv2D" -> new String[] {"#dbeafe", "#2563eb"};
            case "Activation" -> new String[] {"#fef3c7", "#d97706"};
            case "BatchNormalization" -> new String[] {"#ede9fe", "#7c3aed"};
            case "MaxPooling2D" -> new String[] {"#fee2e2", "#dc2626"};
            case "Dropout" -> new String[] {"#f3f4f6", "#6b7280"};
            case "Flatten" -> new String[] {"#fef9c3", "#a16207"};
            case "Dense" -> new String[] {"#dcfce7", "#16a34a"};
            default -> new String[] {"#ffffff", "#6b7280"};
        };
    }
}
