package io.cnnga.engine.predict;

import java.nio.file.Path;

/**
 * One thing {@code predict} was asked to classify, found by {@link PredictionInputs}: an image
 * file, or an idx file of images.
 *
 * <pre>{@code
 * switch (input) {
 *     case PredictionInput.ImageFile f -> ...   // one image, decoded and resized
 *     case PredictionInput.IdxImages idx -> ... // idx.count() images of the model's input size
 * }
 * }</pre>
 */
sealed interface PredictionInput {

    /** The file, as the user named it or as found in a folder they named. */
    Path file();

    /** Images this input holds. */
    int count();

    /** A PNG, JPEG, BMP or GIF file. */
    record ImageFile(Path file) implements PredictionInput {
        @Override
        public int count() {
            return 1;
        }
    }

    /**
     * An idx file whose header says {@code count} images of the model's height, width and channels.
     *
     * @param file  the file
     * @param count images in it
     */
    record IdxImages(Path file, int count) implements PredictionInput {
    }
}
