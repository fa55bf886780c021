package io.cnnga.engine.model;

import io.cnnga.api.ActivationFunction;
import io.cnnga.api.Framework;
import io.cnnga.api.InvalidDataException;
import io.cnnga.api.LayerSpec;
import io.cnnga.api.ModelSpec;
import io.cnnga.api.Padding;
import io.cnnga.api.Preprocessing;
import io.cnnga.api.Shape;
import io.cnnga.engine.plan.PluginChoice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A model card written and read back, the network it carries rebuilt, and a damaged card named with its field. */
class ModelCardTest {

    @TempDir
    Path dir;

    static ModelSpec everyLayerKind() {
        return new ModelSpec(Shape.of(12, 10, 3), 4, List.of(
                new LayerSpec.Conv2D(8, 3, 1, Padding.SAME), new LayerSpec.Activation(ActivationFunction.LEAKY_RELU, 0.2),
                new LayerSpec.BatchNorm(1e-3), new LayerSpec.MaxPool(2, 2, Padding.VALID), new LayerSpec.Dropout(0.25),
                new LayerSpec.Flatten(), new LayerSpec.Dense(16), LayerSpec.Activation.of(ActivationFunction.SWISH),
                new LayerSpec.Dense(4)));
    }

    static ModelCard card(ModelSpec spec) {
        return new ModelCard(ModelCard.VERSION, "2026-01-02T03:04:05Z", "dev", "savedmodel",
                ModelCard.Signature.SERVING_DEFAULT, ModelCard.FP32, new Framework("TensorFlow", "2.18.0"),
                PluginChoice.of("tensorflow"), ModelCard.FINAL, "0101", new PluginChoice("paper", Map.of("head", List.of(64))),
                NetworkJson.of(null, spec, "four layers"), ModelCard.Input.of(spec), List.of("a", "b", "c", "d"),
                new Preprocessing(12, 10, 3, Preprocessing.BILINEAR_STRETCH, Preprocessing.RGB, Preprocessing.DIVIDE_BY_255,
                        "image files"), new ModelCard.Accuracy(0.5, 100, 0.25, 200, 3),
                new PluginChoice("image-folder", Map.of("path", "/data", "size", 12)), new ModelCard.PlanOrigin("p", 7L));
    }

    @Test
    void theNetworkJsonOfEveryLayerKindReadsBackToTheSameSpec() {
        ModelSpec spec = everyLayerKind();
        assertThat(NetworkJson.spec(NetworkJson.of(null, spec, ""))).isEqualTo(spec);
    }

    @Test
    void aCardWrittenReadsBackEqualWithItsReadme() {
        ModelCard card = card(everyLayerKind());
        card.write(dir);
        ModelCard read = ModelCard.read(dir);
        assertThat(read.toJson()).isEqualTo(card.toJson());
        assertThat(read.spec()).isEqualTo(everyLayerKind());
        assertThat(read.decoder().options()).containsEntry("head", List.of(64));
        assertThat(dir.resolve(ModelCard.README)).content().contains("0.2500 on 200 images", "serving_default",
                "stretch it to 12×10", "keep it RGB");
    }

    @Test
    void aDamagedCardIsOneLineNamingTheFileAndTheField() throws IOException {
        card(everyLayerKind()).write(dir);
        Path file = dir.resolve(ModelCard.FILE);
        String json = Files.readString(file);

        Files.writeString(file, json.replace("\"classNames\" : [ \"a\", \"b\", \"c\", \"d\" ]", "\"classNames\" : [ \"a\" ]"));
        assertThatThrownBy(() -> ModelCard.read(dir)).isInstanceOf(InvalidDataException.class)
                .hasMessageStartingWith(file + ": ").hasMessageContaining("classNames: must name at least 2 classes");

        Files.writeString(file, json.replace("\"testImages\" : 200", "\"testImages\" : \"many\""));
        assertThatThrownBy(() -> ModelCard.read(dir)).hasMessageStartingWith(file + ": accuracy.testImages: ");

        Files.writeString(file, json.substring(0, json.length() / 2));
        assertThatThrownBy(() -> ModelCard.read(dir)).hasMessageStartingWith(file + ": is not a valid model card");

        Files.writeString(file, json.replace("\"type\" : \"Dense\"", "\"type\" : \"Attention\""));
        assertThatThrownBy(() -> ModelCard.read(dir).spec()).hasMessageContaining("unknown layer type \"Attention\"");

        Files.delete(file);
        assertThatThrownBy(() -> ModelCard.read(dir)).hasMessageStartingWith(file + ": is missing");
    }
}
