package io.cnnga.engine.predict;

import io.cnnga.api.InvalidDataException;
import io.cnnga.api.InvalidInputException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The true classes of the images {@code predict} classifies, from {@code --labels-from}: a folder
 * in the image-folder layout labels the image files under it by their class folder; an idx labels
 * file labels the images of the idx inputs, in order.
 *
 * <pre>{@code
 * ImageLabels labels = ImageLabels.from(Path.of("photos"), card.classNames(), inputs);
 * labels.ofFile(Path.of("photos/Trouser/001.png"));   // 1
 * labels.ofIdx(17);                                     // -1: an idx image, and these are folder labels
 * }</pre>
 *
 * <p>A class folder is named after its class, or by the class's index ({@code 0}, {@code 1}, ...):
 * class names such as {@code T-shirt/top} cannot be folder names. It is the first folder under
 * the labels folder, after {@code train/} or {@code test/} when the folder is split that way.
 */
abstract class ImageLabels {

    /** No labels: every image is unlabelled. */
    static final ImageLabels NONE = new ImageLabels() {
    };

    /** The label of an image file, -1 when it has none. @throws InvalidDataException when its folder names no class */
    int ofFile(Path file) {
        return -1;
    }

    /** The label of the {@code ordinal}-th image over all idx inputs, -1 when it has none. */
    int ofIdx(long ordinal) {
        return -1;
    }

    /**
     * @throws InvalidInputException when {@code source} is missing, not an idx labels file, or does not
     *                               label exactly the idx inputs' images with the model's classes
     */
    static ImageLabels from(Path source, List<String> classNames, PredictionInputs inputs) {
        if (Files.isDirectory(source)) {
            return new FolderLabels(source.toAbsolutePath().normalize(), classNames);
        }
        if (!Files.exists(source)) {
            throw new InvalidDataException(source, "no such folder or file; --labels-from takes a folder of class folders "
                    + "or an idx labels file");
        }
        long idxImages = inputs.inputs().stream().filter(PredictionInput.IdxImages.class::isInstance)
                .mapToLong(PredictionInput::count).sum();
        int[] labels = readIdxLabels(source, idxImages, classNames.size());
        return new ImageLabels() {
            @Override
            int ofIdx(long ordinal) {
                return labels[(int) ordinal];
            }
        };
    }

    private static int[] readIdxLabels(Path file, long idxImages, int classes) {
        try (IdxStream idx = IdxStream.open(file)) {
            int[] dims = idx.dims();
            if (dims.length != 1) {
                throw new InvalidDataException(file, "is an idx file of " + dims.length + " dimensions; labels are a "
                        + "list of one byte per image [N]");
            }
            if (dims[0] != idxImages) {
                throw new InvalidDataException(file, "holds " + dims[0] + " labels but the idx images given hold "
                        + idxImages + " (an idx labels file labels the idx inputs' images, in order)");
            }
            byte[] bytes = new byte[dims[0]];
            idx.read(bytes, 0, bytes.length);
            idx.requireEnd();
            int[] labels = new int[bytes.length];
            for (int i = 0; i < bytes.length; i++) {
                labels[i] = bytes[i] & 0xFF;
                if (labels[i] >= classes) {
                    throw new InvalidDataException(file, "label " + labels[i] + " at byte " + (8 + i)
                            + " is not a class of the model (0 to " + (classes - 1) + ")");
                }
            }
            return labels;
        }
    }

    /** Labels by class folder. */
    private static final class FolderLabels extends ImageLabels {
        private final Path root;
        private final List<String> classNames;

        FolderLabels(Path root, List<String> classNames) {
            this.root = root;
            this.classNames = classNames;
        }

        @Override
        int ofFile(Path file) {
            Path absolute = file.toAbsolutePath().normalize();
            if (!absolute.startsWith(root)) {
                return -1;
            }
            Path relative = root.relativize(absolute);
            int start = relative.getNameCount() > 2 && isSplit(relative.getName(0).toString()) ? 1 : 0;
            if (relative.getNameCount() - start < 2) {
                throw new InvalidDataException(file, "is not in a class folder of " + root + " (" + root
                        + "/CLASS/image, CLASS a class name or index)");
            }
            String folder = relative.getName(start).toString();
            int label = classOf(folder);
            if (label < 0) {
                throw new InvalidDataException(file, "its folder " + folder + " is not a class of the model; name class "
                        + "folders by class or by index: " + legend());
            }
            return label;
        }

        private boolean isSplit(String name) {
            return (name.equals("train") || name.equals("test")) && !classNames.contains(name);
        }

        private int classOf(String folder) {
            int byName = classNames.indexOf(folder);
            if (byName >= 0) {
                return byName;
            }
            if (folder.matches("[0-9]{1,9}")) {
                int index = Integer.parseInt(folder);
                return index < classNames.size() ? index : -1;
            }
            return -1;
        }

        private String legend() {
            StringBuilder s = new StringBuilder();
            for (int i = 0; i < classNames.size() && i < 12; i++) {
                s.append(i == 0 ? "" : ", ").append(i).append(' ').append(classNames.get(i));
            }
            return s + (classNames.size() > 12 ? ", ..." : "");
        }
    }
}
