package io.cnnga.dataset.idx;

import io.cnnga.api.InvalidDataException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The four files of an MNIST-style dataset in one folder, each found plain or gzip-compressed.
 *
 * <pre>{@code
 * IdxFiles files = IdxFiles.in(Path.of("/usr/share/datasets/fashion-mnist"), "install ...");
 * files.trainImages();   // /usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz
 * }</pre>
 *
 * <p>Each file is looked for under its official name ({@code train-images-idx3-ubyte}), then with
 * {@code .gz}, then with the dot some re-packagings use ({@code train-images.idx3-ubyte}), so the
 * files work as downloaded, as gunzipped, or as found in common archives.
 *
 * @param trainImages {@code train-images-idx3-ubyte[.gz]}
 * @param trainLabels {@code train-labels-idx1-ubyte[.gz]}
 * @param testImages  {@code t10k-images-idx3-ubyte[.gz]}
 * @param testLabels  {@code t10k-labels-idx1-ubyte[.gz]}
 */
record IdxFiles(Path trainImages, Path trainLabels, Path testImages, Path testLabels) {

    static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
    static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
    static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
    static final String TEST_LABELS = "t10k-labels-idx1-ubyte";

    /**
     * Finds the four files in {@code folder}.
     *
     * @param howToGetThem appended to the error when the folder or a file is missing
     * @throws InvalidDataException naming the folder or the missing file
     */
    static IdxFiles in(Path folder, String howToGetThem) {
        if (!Files.isDirectory(folder)) {
            throw new InvalidDataException(folder, (Files.exists(folder) ? "is not a folder" : "does not exist")
                    + "; " + howToGetThem);
        }
        return new IdxFiles(find(folder, TRAIN_IMAGES, howToGetThem), find(folder, TRAIN_LABELS, howToGetThem),
                find(folder, TEST_IMAGES, howToGetThem), find(folder, TEST_LABELS, howToGetThem));
    }

    private static Path find(Path folder, String name, String howToGetThem) {
        String dotted = name.replace("-idx", ".idx");
        for (String candidate : List.of(name, name + ".gz", dotted, dotted + ".gz")) {
            Path file = folder.resolve(candidate);
            if (Files.isRegularFile(file)) {
                return file;
            }
        }
        throw new InvalidDataException(folder.resolve(name + ".gz"), "missing (looked for " + name + " and "
                + name + ".gz in " + folder + "); " + howToGetThem);
    }
}
