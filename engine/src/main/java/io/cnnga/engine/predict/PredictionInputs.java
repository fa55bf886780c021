package io.cnnga.engine.predict;

import io.cnnga.api.InvalidDataException;
import io.cnnga.api.InvalidInputException;
import io.cnnga.api.support.ImageFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * The images {@code predict} was given, in order: image files as named, folders walked for image
 * files (recursively, following links, sorted by path, hidden files and folders skipped), and any
 * other file read as an idx file of images, whose header must give the model's input shape.
 *
 * <pre>{@code
 * PredictionInputs inputs = PredictionInputs.expand(List.of(Path.of("cat.png"), Path.of("photos")), 28, 28, 1);
 * inputs.inputs();   // ImageFile(cat.png), ImageFile(photos/a.jpg), ...
 * inputs.bad();      // a missing path, an empty folder, an idx file of another shape: one line each
 * }</pre>
 *
 * <p>An input that cannot be used is listed in {@link #bad()} and the others still go on; the
 * images themselves are decoded later, one batch at a time.
 *
 * @param inputs the usable inputs, in the order given
 * @param bad    what could not be used, one line each
 */
record PredictionInputs(List<PredictionInput> inputs, List<BadInput> bad) {

    PredictionInputs {
        inputs = List.copyOf(inputs);
        bad = List.copyOf(bad);
    }

    /** The longest name a prediction of these inputs prints: a path, or an idx file's path with {@code #INDEX}. */
    int longestName() {
        return inputs.stream().mapToInt(i -> i.file().toString().length()
                + (i instanceof PredictionInput.IdxImages idx ? 1 + String.valueOf(Math.max(0, idx.count() - 1)).length() : 0))
                .max().orElse(0);
    }

    /** All images, summed over the inputs. */
    long imageCount() {
        return inputs.stream().mapToLong(PredictionInput::count).sum();
    }

    /**
     * @param height   the model's input height
     * @param width    its width
     * @param channels its channels
     */
    static PredictionInputs expand(List<Path> paths, int height, int width, int channels) {
        List<PredictionInput> inputs = new ArrayList<>();
        List<BadInput> bad = new ArrayList<>();
        for (Path path : paths) {
            try {
                if (Files.isDirectory(path)) {
                    List<Path> images = imagesIn(path);
                    if (images.isEmpty()) {
                        throw new InvalidDataException(path, "holds no image files ("
                                + String.join(", ", ImageFiles.EXTENSIONS.stream().sorted().toList()) + ")");
                    }
                    images.forEach(image -> inputs.add(new PredictionInput.ImageFile(image)));
                } else if (!Files.exists(path)) {
                    throw new InvalidDataException(path, "no such file or folder");
                } else if (ImageFiles.isImage(path)) {
                    inputs.add(new PredictionInput.ImageFile(path));
                } else {
                    inputs.add(idx(path, height, width, channels));
                }
            } catch (InvalidInputException e) {
                bad.add(new BadInput(e.getMessage()));
            }
        }
        return new PredictionInputs(inputs, bad);
    }

    /** The idx file's header, checked against the model's input: idx images are never resized. */
    static PredictionInput.IdxImages idx(Path file, int height, int width, int channels) {
        try (IdxStream idx = IdxStream.open(file)) {
            int[] dims = idx.dims();
            boolean fits = (dims.length == 3 && channels == 1 && dims[1] == height && dims[2] == width)
                    || (dims.length == 4 && dims[1] == height && dims[2] == width && dims[3] == channels);
            if (!fits) {
                String shape = dims.length < 3 ? Arrays.toString(dims)
                        : dims[0] + " images of " + dims[1] + "x" + dims[2] + "x" + (dims.length == 4 ? dims[3] : 1);
                throw new InvalidDataException(file, "holds " + shape + " but the model takes " + height + "x" + width
                        + "x" + channels + " images (idx images are not resized: give image files, or an idx file "
                        + (channels == 1 ? "[N, " + height + ", " + width + "]" : "[N, " + height + ", " + width + ", "
                        + channels + "]") + ")");
            }
            return new PredictionInput.IdxImages(file, dims[0]);
        }
    }

    private static List<Path> imagesIn(Path folder) {
        try (Stream<Path> walk = Files.walk(folder, FileVisitOption.FOLLOW_LINKS)) {
            return walk.filter(p -> !hidden(folder, p) && ImageFiles.isImage(p) && Files.isRegularFile(p))
                    .sorted().toList();
        } catch (IOException e) {
            throw new InvalidDataException(folder, "cannot be listed: " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new InvalidDataException(folder, "cannot be listed: " + e.getCause().getMessage(), e);
        }
    }

    private static boolean hidden(Path folder, Path path) {
        for (Path part : folder.relativize(path)) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }
}
