package io.cnnga.dataset.imagefolder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.cnnga.api.DataInfo;
import io.cnnga.api.DataSplits;
import io.cnnga.api.Dataset;
import io.cnnga.api.ImageSet;
import io.cnnga.api.InvalidOptionException;
import io.cnnga.api.Options;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderDatasetTest {

    /** Each class's images are one colour, so a test can tell an image's class from its pixels. */
    private static final Map<String, Color> COLOURS = Map.of(
            "bird", new Color(250, 250, 250), "cat", new Color(220, 30, 30), "dog", new Color(30, 30, 220));

    @TempDir
    Path dir;

    private static Dataset dataset(Map<String, ?> options) {
        return new ImageFolderDatasetFactory().create(Options.of("dataset.options", options));
    }

    /** 10 images per class: cats as colour PNG, dogs as colour JPEG, birds as grey PNG; sizes vary. */
    private static void writeAnimals(Path root, int perClass) {
        for (int i = 0; i < perClass; i++) {
            TestImages.write(TestImages.solid(40 + i, 30, COLOURS.get("cat")), "png", root.resolve("cat/" + i + ".png"));
            TestImages.write(TestImages.solid(20, 20 + i, COLOURS.get("dog")), "jpg", root.resolve("dog/" + i + ".JPG"));
            TestImages.write(TestImages.grey(64, 64, 250), "png", root.resolve("bird/sub/" + i + ".png"));
        }
    }

    @Test
    void classesAreTheSortedFolderNamesAndATestFractionIsHeldOut() {
        writeAnimals(dir, 10);

        DataSplits splits = dataset(Map.of("path", dir.toString(), "size", 8)).load(42L);

        DataInfo info = splits.info();
        assertThat(info.classNames()).containsExactly("bird", "cat", "dog");
        assertThat(List.of(info.height(), info.width(), info.channels())).containsExactly(8, 8, 3);
        assertThat(splits.test().classCounts()).containsExactly(2, 2, 2);
        assertThat(splits.validation().size()).isEqualTo(2);
        assertThat(splits.train().size()).isEqualTo(22);
        for (ImageSet set : List.of(splits.train(), splits.validation(), splits.test())) {
            assertColoursMatchLabels(set);
        }
    }

    @Test
    void greyDatasetsHaveOneChannel() {
        writeAnimals(dir, 5);

        DataSplits splits = dataset(Map.of("path", dir.toString(), "size", 4, "channels", 1)).load(1L);

        assertThat(splits.info().channels()).isEqualTo(1);
        assertThat(splits.test().pixelBytes()).isEqualTo(splits.test().size() * 16L);
        for (int i = 0; i < splits.train().size(); i++) {
            Color colour = COLOURS.get(splits.info().classNames().get(splits.train().label(i)));
            int luma = ImageFileDecoder.luma(colour.getRGB() & 0xFFFFFF);
            assertThat(splits.train().pixel(i, 3, 3, 0)).isCloseTo(luma, within(4));
        }
    }

    @Test
    void aClassTooSmallForOneTestImageFailsInsteadOfBeingLeftOutOfTheTestAccuracy() throws IOException {
        writeAnimals(dir, 10);
        for (int i = 2; i < 10; i++) {
            Files.delete(dir.resolve("cat/" + i + ".png"));
        }

        assertThatThrownBy(() -> dataset(Map.of("path", dir.toString(), "size", 4)).load(1L))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessage("dataset.options.testFraction: class \"cat\" has 2 images and testFraction 0.2 holds out"
                        + " none of them, so the test accuracy could not measure it; give " + dir.resolve("cat")
                        + " more images (about 5 or more give one test image), raise testFraction, or give "
                        + dir.resolve("train") + " and " + dir.resolve("test"));

        DataSplits splits = dataset(Map.of("path", dir.toString(), "size", 4, "testFraction", 0.5)).load(1L);
        assertThat(splits.test().classCounts()).containsExactly(5, 1, 5);
    }

    @Test
    void trainAndTestFoldersAreUsedAsGiven() {
        writeAnimals(dir.resolve("train"), 10);
        TestImages.write(TestImages.solid(9, 9, COLOURS.get("cat")), "png", dir.resolve("test/cat/a.png"));
        TestImages.write(TestImages.solid(9, 9, COLOURS.get("dog")), "png", dir.resolve("test/dog/b.png"));
        TestImages.write(TestImages.solid(9, 9, COLOURS.get("dog")), "png", dir.resolve("test/dog/c.png"));

        DataSplits splits = dataset(Map.of("path", dir.toString(), "size", 8, "testFraction", 0.5)).load(3L);

        assertThat(splits.info().classNames()).containsExactly("bird", "cat", "dog");
        assertThat(splits.test().labels()).containsExactly(1, 2, 2);
        assertThat(splits.train().size() + splits.validation().size()).isEqualTo(30);
        assertColoursMatchLabels(splits.test());
    }

    @Test
    void theHeldOutTestSetIsTheSameForEverySeed() {
        for (int i = 0; i < 10; i++) {
            // Different shades per image, so that different draws show.
            TestImages.write(TestImages.solid(8, 8, new Color(20 * i, 0, 0)), "png", dir.resolve("a/" + i + ".png"));
            TestImages.write(TestImages.solid(8, 8, new Color(0, 20 * i, 0)), "png", dir.resolve("b/" + i + ".png"));
        }
        Dataset data = dataset(Map.of("path", dir.toString(), "size", 2, "validationFraction", 0.25));

        DataSplits one = data.load(1L);
        DataSplits two = data.load(2L);

        assertThat(one.test().batch(indices(one.test())).images()).isEqualTo(two.test().batch(indices(two.test())).images());
        assertThat(one.validation().batch(indices(one.validation())).images())
                .isNotEqualTo(two.validation().batch(indices(two.validation())).images());
        assertThat(one.test().classCounts()).containsExactly(2, 2);
    }

    @Test
    void infoListsFoldersOnlyAndSkipsWhatIsNoImage() throws IOException {
        writeAnimals(dir, 5);
        Files.writeString(dir.resolve("cat/notes.txt"), "not an image");
        Files.writeString(dir.resolve("cat/._0.png"), "macOS resource fork, not an image");
        Files.createDirectories(dir.resolve(".thumbnails"));
        Files.writeString(dir.resolve("README.md"), "my pets");
        Dataset data = dataset(Map.of("path", dir.toString(), "size", 4));
        Files.writeString(dir.resolve("dog/broken.png"), "decoded only by load");

        assertThat(data.info().classNames()).containsExactly("bird", "cat", "dog");
        assertThat(data.info().name()).isEqualTo(dir.getFileName().toString());
        Files.delete(dir.resolve("dog/broken.png"));
        DataSplits splits = data.load(1L);
        assertThat(splits.train().size() + splits.validation().size() + splits.test().size()).isEqualTo(15);
    }

    @Test
    void linkedFoldersAndImagesAreFollowed() throws IOException {
        Path originals = dir.resolve("originals");
        writeAnimals(originals, 5);
        Path linked = Files.createDirectories(dir.resolve("linked"));
        Files.createSymbolicLink(linked.resolve("cat"), originals.resolve("cat"));
        Files.createDirectories(linked.resolve("dog"));
        for (int i = 0; i < 5; i++) {
            Files.createSymbolicLink(linked.resolve("dog/" + i + ".jpg"), originals.resolve("dog/" + i + ".JPG"));
        }

        DataSplits splits = dataset(Map.of("path", linked.toString(), "size", 4)).load(1L);

        assertThat(splits.info().classNames()).containsExactly("cat", "dog");
        assertThat(splits.train().size() + splits.validation().size() + splits.test().size()).isEqualTo(10);
    }

    @Test
    void optionsAreChecked() {
        assertThatThrownBy(() -> dataset(Map.of()))
                .isInstanceOf(InvalidOptionException.class).hasMessageStartingWith("dataset.options.path: is required");
        assertThatThrownBy(() -> dataset(Map.of("path", "/x", "channels", 2)))
                .isInstanceOf(InvalidOptionException.class).hasMessage("dataset.options.channels: must be 1 (grey) or 3 (RGB), was 2");
        assertThatThrownBy(() -> dataset(Map.of("path", "/x", "testFraction", 1)))
                .isInstanceOf(InvalidOptionException.class).hasMessageStartingWith("dataset.options.testFraction: ");
        assertThatThrownBy(() -> dataset(Map.of("path", "/x", "size", 0)))
                .isInstanceOf(InvalidOptionException.class).hasMessageStartingWith("dataset.options.size: ");
        assertThatThrownBy(() -> dataset(Map.of("path", "/x", "resize", 32)))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageStartingWith("dataset.options.resize: unknown option; accepted: path, size, channels, testFraction");
    }

    @Test
    void tooFewImagesForATestSetIsAnOptionError() {
        TestImages.write(TestImages.solid(8, 8, Color.RED), "png", dir.resolve("a/1.png"));
        TestImages.write(TestImages.solid(8, 8, Color.BLUE), "png", dir.resolve("b/1.png"));

        assertThatThrownBy(() -> dataset(Map.of("path", dir.toString(), "testFraction", 0.1)).load(1L))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageStartingWith("dataset.options.testFraction: testFraction 0.1 of 2 images leaves no training or no test image");
    }


    private static void assertColoursMatchLabels(ImageSet set) {
        List<String> names = set.info().classNames();
        for (int i = 0; i < set.size(); i++) {
            Color colour = COLOURS.get(names.get(set.label(i)));
            assertThat(set.pixel(i, 1, 2, 0)).as("red of image %d", i).isCloseTo(colour.getRed(), within(6));
            assertThat(set.pixel(i, 1, 2, 2)).as("blue of image %d", i).isCloseTo(colour.getBlue(), within(6));
        }
    }

    private static int[] indices(ImageSet set) {
        List<Integer> list = new ArrayList<>();
        for (int i = 0; i < set.size(); i++) {
            list.add(i);
        }
        return list.stream().mapToInt(Integer::intValue).toArray();
    }
}
