package io.cnnga.engine.predict;

import io.cnnga.api.InvalidDataException;
import io.cnnga.engine.model.ModelCard;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the export {@code predict} uses is: the folder given when it holds a model card, else its
 * {@code model/} (a run folder), which must hold one.
 *
 * <pre>{@code
 * Path model = ModelFolder.locate(Path.of("runs/quick"));   // runs/quick/model
 * }</pre>
 */
final class ModelFolder {

    private ModelFolder() {
    }

    /**
     * @throws InvalidDataException naming the folder when it is missing or holds no model card,
     *                              directly or in {@code model/}
     */
    static Path locate(Path given) {
        if (!Files.exists(given)) {
            throw new InvalidDataException(given, "no such folder; give a run folder or the model folder of one");
        }
        if (!Files.isDirectory(given)) {
            throw new InvalidDataException(given, "is not a folder; give a run folder or the model folder of one");
        }
        if (ModelCard.isIn(given)) {
            return given;
        }
        Path model = given.resolve("model");
        if (ModelCard.isIn(model)) {
            return model;
        }
        throw new InvalidDataException(given.resolve(ModelCard.FILE), "is missing: " + given + " is neither a model folder "
                + "nor a run folder with one (exports before model cards existed get theirs from 'engine resume RUN')");
    }
}
