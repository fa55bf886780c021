package io.cnnga.engine.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cnnga.api.Preprocessing;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@code README.md} of a model folder, generated from its {@link ModelCard}: what the network
 * is, what it expects, how to load it in Java and in Python, and how well it did.
 *
 * <pre>{@code
 * Files.writeString(dir.resolve(ModelCard.README), ModelCardReadme.render(card));
 * }</pre>
 *
 * <p>The loading examples depend on the card's format: a SavedModel is loaded by TensorFlow alone
 * (Java's {@code SavedModelBundle}, Python's {@code tf.saved_model.load}) through its
 * {@code serving_default} signature; a {@code safetensors} file holds only the tensors, so its
 * page lists how to read them and the semantics a re-implementation must keep.
 */
public final class ModelCardReadme {

    private ModelCardReadme() {
    }

    public static String render(ModelCard card) {
        ObjectNode network = card.network();
        List<Integer> shape = card.input().shape();
        int h = shape.get(0);
        int w = shape.get(1);
        int c = shape.get(2);
        StringBuilder s = new StringBuilder();
        s.append("# cnnga network ").append(card.genome()).append("\n\n");
        s.append("A convolutional image classifier that cnnga's genetic search found (plan `").append(card.plan().name())
                .append("`, seed ").append(card.plan().seed()).append(") and trained on `").append(card.dataset().id())
                .append("`: ").append(h).append("×").append(w).append("×").append(c).append(" images, ")
                .append(card.classNames().size()).append(" classes. ")
                .append(ModelCard.FINAL.equals(card.role()) ? "It is the run's final network."
                        : "It is a member of the run's Pareto front, trained besides the final network.")
                .append(" Everything below comes from `").append(ModelCard.FILE).append("` beside this file.\n\n");

        s.append("| | |\n|---|---|\n");
        ModelCard.Accuracy a = card.accuracy();
        s.append(String.format(Locale.ROOT, "| test accuracy | %.4f on %,d images (measured once) |%n", a.test(),
                a.testImages()));
        s.append(String.format(Locale.ROOT, "| validation accuracy | %.4f on %,d images, after %d epochs |%n",
                a.validation(), a.validationImages(), a.epochs()));
        s.append(String.format(Locale.ROOT, "| parameters | %,d |%n", network.path("params").asLong()));
        s.append(String.format(Locale.ROOT, "| forward FLOPs per image | %,d |%n", network.path("forwardFlops").asLong()));
        s.append("| format | ").append(formatWords(card)).append(", float32")
                .append(ModelCard.FP32.equals(card.precision()) ? "" : " (trained in " + card.precision() + ")").append(" |\n");
        s.append("| classes | ").append(classes(card.classNames())).append(" |\n");
        s.append("| created | ").append(card.created()).append(" by cnnga ").append(card.cnnga()).append(" |\n\n");

        s.append("## Input\n\n");
        s.append("float32, NHWC `[N, ").append(h).append(", ").append(w).append(", ").append(c)
                .append("]`, pixels in [0, 1]. How the training images became that: ")
                .append(card.preprocessing().description()).append(".\n");
        s.append("To classify an image of your own, do the same: ").append(howToPrepare(card.preprocessing()))
                .append(" `bin/engine predict` does exactly this.\n\n");

        s.append("## Use it\n\n");
        s.append("With cnnga (any image files, folders of them, or an idx file):\n\n```sh\n")
                .append("bin/engine predict THIS_FOLDER image.png photos/ --top 3\n```\n\n");
        if ("savedmodel".equals(card.format())) {
            savedModel(s, card, h, w, c);
        } else if ("safetensors".equals(card.format())) {
            safetensors(s, card);
        } else {
            s.append("The export's format is `").append(card.format()).append("`, written by the `")
                    .append(card.backend().id()).append("` backend; its documentation says how to load it.\n\n");
        }

        s.append("## The network\n\n");
        String explanation = network.path("explanation").asText("");
        s.append("Genome `").append(card.genome()).append("` (decoder `").append(card.decoder().id()).append("`)")
                .append(explanation.isEmpty() ? "" : ": " + explanation).append(".\n\n");
        s.append("| layer | type | output shape | parameters |\n|---|---|---|---|\n");
        for (JsonNode layer : network.path("layers")) {
            List<String> dims = new ArrayList<>();
            layer.path("outputShape").forEach(d -> dims.add(d.asText()));
            s.append("| ").append(layer.path("name").asText()).append(" | ").append(layer.path("type").asText())
                    .append(describe(layer.path("config"))).append(" | (").append(String.join(", ", dims)).append(") | ")
                    .append(String.format(Locale.ROOT, "%,d", layer.path("params").asLong())).append(" |\n");
        }
        s.append("\nThe last layer gives logits; the probabilities are their softmax.\n");
        return s.toString();
    }

    private static void savedModel(StringBuilder s, ModelCard card, int h, int w, int c) {
        ModelCard.Signature sig = card.signature() == null ? ModelCard.Signature.SERVING_DEFAULT : card.signature();
        s.append("This folder is a TensorFlow SavedModel (tag `serve`). Its `").append(sig.name())
                .append("` signature takes `").append(sig.input()).append("`, float32 `[N, ").append(h).append(", ")
                .append(w).append(", ").append(c).append("]` in [0, 1], and gives `").append(sig.output())
                .append("`, float32 `[N, ").append(card.classNames().size())
                .append("]`, each row summing to 1. Batch norm uses its stored statistics; there is no dropout.\n\n");
        s.append("Python (TensorFlow 2):\n\n```python\nimport tensorflow as tf\n")
                .append("model = tf.saved_model.load(\"THIS_FOLDER\")\n")
                .append("p = model.signatures[\"").append(sig.name()).append("\"](").append(sig.input())
                .append("=tf.zeros([1, ").append(h).append(", ").append(w).append(", ").append(c).append("]))[\"")
                .append(sig.output()).append("\"]\n```\n\n");
        s.append("Java (TensorFlow Java 1.x: `org.tensorflow:tensorflow-core-api` with its native JAR; nothing of cnnga needed):\n\n")
                .append("```java\ntry (SavedModelBundle model = SavedModelBundle.load(\"THIS_FOLDER\", \"serve\");\n")
                .append("     TFloat32 images = TFloat32.tensorOf(Shape.of(1, ").append(h).append(", ").append(w)
                .append(", ").append(c).append("));   // fill with pixels in [0, 1]\n")
                .append("     Result result = model.function(\"").append(sig.name()).append("\").call(Map.of(\"")
                .append(sig.input()).append("\", images))) {\n")
                .append("    TFloat32 p = (TFloat32) result.get(\"").append(sig.output()).append("\").orElseThrow();\n")
                .append("}\n```\n\n");
    }

    private static void safetensors(StringBuilder s, ModelCard card) {
        s.append("`model.safetensors` holds every tensor (float32, PyTorch `state_dict` names and layouts, running "
                + "statistics included); `network.txt` lists them with their shapes and the semantics a forward pass "
                + "must keep (TensorFlow's SAME padding, the NHWC order of Flatten, batch norm's epsilon). The layers are "
                + "in `network` of `" + ModelCard.FILE + "`.\n\n");
        s.append("Python:\n\n```python\nfrom safetensors.torch import load_file\n")
                .append("tensors = load_file(\"THIS_FOLDER/model.safetensors\")   # {\"conv2d.weight\": ..., ...}\n```\n\n");
        s.append("Java (DJL with its PyTorch engine):\n\n```java\n")
                .append("try (NDManager manager = NDManager.newBaseManager()) {\n")
                .append("    NDList tensors = NDList.decode(manager, Files.readAllBytes(Path.of(\"THIS_FOLDER/model.safetensors\")));\n")
                .append("}\n```\n\n");
    }

    private static String howToPrepare(Preprocessing p) {
        String size = p.height() + "×" + p.width();
        String colour = switch (p.colour()) {
            case Preprocessing.RGB -> "keep it RGB";
            case Preprocessing.LUMA, Preprocessing.GREY -> "make it grey as BT.601 luma, (19595 R + 38470 G + 7471 B + 32768) >> 16";
            default -> "keep its " + p.channels() + " channels";
        };
        return "compose transparent pixels over white, stretch it to " + size + " with bilinear interpolation (not "
                + "cropped; halving first while it is more than twice as large), " + colour + ", and divide by 255.";
    }

    private static String formatWords(ModelCard card) {
        String format = switch (card.format()) {
            case "savedmodel" -> "TensorFlow SavedModel";
            case "safetensors" -> "safetensors";
            default -> card.format();
        };
        return format + " (" + card.framework() + ", backend `" + card.backend().id() + "`)";
    }

    private static String classes(List<String> names) {
        List<String> shown = new ArrayList<>();
        for (int i = 0; i < names.size() && i < 20; i++) {
            shown.add(i + " " + names.get(i).replace("|", "\\|"));
        }
        return String.join(", ", shown) + (names.size() > 20 ? ", … (" + names.size() + " in all)" : "");
    }

    private static String describe(JsonNode config) {
        if (config == null || config.isMissingNode() || config.isEmpty()) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        config.fields().forEachRemaining(e -> parts.add(e.getKey() + " " + e.getValue().asText()));
        return " (" + String.join(", ", parts) + ")";
    }
}
