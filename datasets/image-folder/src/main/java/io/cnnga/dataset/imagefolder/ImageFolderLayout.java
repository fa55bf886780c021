package io.cnnga.dataset.imagefolder;

import io.cnnga.api.InvalidDataException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The classes and image files of an image folder: {@code ROOT/CLASS/*.png|jpg|jpeg}, or, when
 * {@code ROOT/train} and {@code ROOT/test} both exist, {@code ROOT/train/CLASS/...} and
 * {@code ROOT/test/CLASS/...}.
 *
 * <pre>{@code
 * ImageFolderLayout layout = ImageFolderLayout.scan(Path.of("/data/flowers"));
 * layout.classNames();   // [daisy, rose, tulip]: the class folders, sorted
 * layout.train();        // every image, labelled by its folder
 * layout.test();         // null unless the folder had train/ and test/
 * }</pre>
 *
 * <p>Class folders are sorted by name, so a label means the same class on every machine. Images
 * are found in a class folder and its sub-folders, sorted by path so that a seed draws the same
 * split everywhere. Hidden files and folders (names starting with ".", such as macOS's
 * {@code ._x.png} resource files) and files of other types are skipped.
 *
 * @param classNames the sorted class folder names
 * @param train      the training images (all images when there is no {@code train/})
 * @param test       the test images of {@code ROOT/test}, or {@code null} when there is none
 */
record ImageFolderLayout(List<String> classNames, List<LabelledFile> train, List<LabelledFile> test) {

    static final Set<String> EXTENSIONS = Set.of("png", "jpg", "jpeg");
    static final String TRAIN = "train";
    static final String TEST = "test";

    /** Whether {@code root} is split by its owner: it has both {@code train/} and {@code test/}. */
    static boolean isPreSplit(Path root) {
        return Files.isDirectory(root.resolve(TRAIN)) && Files.isDirectory(root.resolve(TEST));
    }

    /** The class names alone: a listing of folders, no image is opened. */
    static List<String> classNames(Path root) {
        Path classesRoot = isPreSplit(root) ? root.resolve(TRAIN) : root;
        List<String> names = classFolders(classesRoot);
        if (names.size() < 2) {
            throw new InvalidDataException(classesRoot, "needs at least 2 class folders (one per class, holding"
                    + " its .png or .jpg images), found " + names.size() + (names.isEmpty() ? "" : ": " + names));
        }
        return names;
    }

    /** The class names and every image file. */
    static ImageFolderLayout scan(Path root) {
        List<String> names = classNames(root);
        if (!isPreSplit(root)) {
            return new ImageFolderLayout(names, images(root, names, true), null);
        }
        Path test = root.resolve(TEST);
        for (String name : classFolders(test)) {
            if (!names.contains(name)) {
                throw new InvalidDataException(test.resolve(name), "is a class folder that "
                        + root.resolve(TRAIN) + " does not have; classes there: " + names);
            }
        }
        List<LabelledFile> testImages = images(test, names, false);
        if (testImages.isEmpty()) {
            throw new InvalidDataException(test, "holds no .png, .jpg or .jpeg images in class folders");
        }
        return new ImageFolderLayout(names, images(root.resolve(TRAIN), names, true), testImages);
    }

    private static List<String> classFolders(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new InvalidDataException(folder, Files.exists(folder) ? "is not a folder"
                    : "does not exist; set dataset.options.path to a folder holding one folder of images per class");
        }
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.filter(Files::isDirectory)
                    .map(path -> path.getFileName().toString())
                    .filter(name -> !name.startsWith("."))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new InvalidDataException(folder, "cannot be listed: " + e.getMessage(), e);
        }
    }

    /**
     * @param everyClass whether each class must have images (training) or may have none (test)
     */
    private static List<LabelledFile> images(Path folder, List<String> classNames, boolean everyClass) {
        List<LabelledFile> files = new ArrayList<>();
        for (int label = 0; label < classNames.size(); label++) {
            Path classFolder = folder.resolve(classNames.get(label));
            List<Path> images = Files.isDirectory(classFolder) ? imagesIn(classFolder) : List.of();
            if (images.isEmpty() && everyClass) {
                throw new InvalidDataException(classFolder, "holds no .png, .jpg or .jpeg images; every class"
                        + " needs some (remove the folder if it is not a class)");
            }
            for (Path image : images) {
                files.add(new LabelledFile(image, label));
            }
        }
        return files;
    }

    /** Follows links: datasets are often split into folders of links to the original images. */
    private static List<Path> imagesIn(Path classFolder) {
        try (Stream<Path> paths = Files.walk(classFolder, FileVisitOption.FOLLOW_LINKS)) {
            return paths.filter(path -> isImage(classFolder, path)).sorted().toList();
        } catch (IOException e) {
            throw new InvalidDataException(classFolder, "cannot be listed: " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new InvalidDataException(classFolder, "cannot be listed: " + e.getCause().getMessage(), e);
        }
    }

    private static boolean isImage(Path classFolder, Path path) {
        for (Path part : classFolder.relativize(path)) {
            if (part.toString().startsWith(".")) {
                return false;
            }
        }
        String name = path.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 && EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT))
                && Files.isRegularFile(path);
    }
}
