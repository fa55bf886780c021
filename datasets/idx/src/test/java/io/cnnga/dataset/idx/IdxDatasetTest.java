package io.cnnga.dataset.idx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cnnga.api.DataInfo;
import io.cnnga.api.DataSplits;
import io.cnnga.api.Dataset;
import io.cnnga.api.ImageSet;
import io.cnnga.api.InvalidDataException;
import io.cnnga.api.InvalidOptionException;
import io.cnnga.api.Options;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdxDatasetTest {

    private static final int TRAIN = 100;
    private static final int TEST = 20;

    @TempDir
    Path dir;

    private Dataset fashion(Map<String, ?> options) {
        return new FashionMnistDatasetFactory().create(Options.of("dataset.options", options));
    }

    @ParameterizedTest(name = "gzip={0}")
    @ValueSource(booleans = {true, false})
    void loadsSplitsWithTheirShapeLabelsAndPixels(boolean gzip) {
        IdxTestFiles.writeDataset(dir, TRAIN, TEST, gzip);

        DataSplits splits = fashion(Map.of("path", dir.toString())).load(42L);

        DataInfo info = splits.info();
        assertThat(info.height()).isEqualTo(IdxTestFiles.ROWS);
        assertThat(info.width()).isEqualTo(IdxTestFiles.COLS);
        assertThat(info.channels()).isEqualTo(1);
        assertThat(info.classNames()).isEqualTo(FashionMnistDatasetFactory.CLASS_NAMES);
        assertThat(splits.train().size()).isEqualTo(90);
        assertThat(splits.validation().size()).isEqualTo(10);
        assertThat(splits.test().size()).isEqualTo(TEST);
        assertThat(splits.validation().classCounts()).containsOnly(1);

        Set<Integer> seen = new HashSet<>();
        for (ImageSet set : List.of(splits.train(), splits.validation())) {
            for (int i = 0; i < set.size(); i++) {
                int index = identify(set, i);
                assertThat(index).isBetween(0, TRAIN - 1);
                assertThat(seen.add(index)).as("image %d appears once", index).isTrue();
                assertImageIs(set, i, index);
            }
        }
        assertThat(seen).hasSize(TRAIN);
        for (int i = 0; i < TEST; i++) {
            assertImageIs(splits.test(), i, TRAIN + i);
        }
    }

    /** Finds which written image {@code set[i]} is, by its first pixel (7 * index mod 256 is unique below 256). */
    private static int identify(ImageSet set, int i) {
        for (int index = 0; index < TRAIN + TEST; index++) {
            if (IdxTestFiles.pixel(index, 0, 0) == set.pixel(i, 0, 0, 0)) {
                return index;
            }
        }
        throw new AssertionError("unknown image " + i);
    }

    private static void assertImageIs(ImageSet set, int i, int index) {
        assertThat(set.label(i)).isEqualTo(IdxTestFiles.label(index));
        for (int y = 0; y < IdxTestFiles.ROWS; y++) {
            for (int x = 0; x < IdxTestFiles.COLS; x++) {
                assertThat(set.pixel(i, y, x, 0)).as("pixel (%d, %d) of image %d", y, x, index)
                        .isEqualTo(IdxTestFiles.pixel(index, y, x));
            }
        }
    }

    @Test
    void pixelsBecomeFloatsInZeroToOne() {
        IdxTestFiles.writeDataset(dir, TRAIN, TEST, true);

        float[] images = fashion(Map.of("path", dir.toString())).load(1L).test().batch(new int[] {0}).images();

        assertThat(images[1]).isEqualTo(IdxTestFiles.pixel(TRAIN, 0, 1) / 255f);
        for (float pixel : images) {
            assertThat(pixel).isBetween(0f, 1f);
        }
    }

    @Test
    void limitsDrawStratifiedSubsets() {
        IdxTestFiles.writeDataset(dir, TRAIN, TEST, true);

        DataSplits splits = fashion(Map.of("path", dir.toString(), "trainLimit", 50, "testLimit", 10,
                "validationFraction", 0.2)).load(7L);

        assertThat(splits.train().size()).isEqualTo(40);
        assertThat(splits.validation().size()).isEqualTo(10);
        assertThat(splits.test().size()).isEqualTo(10);
        assertThat(splits.test().classCounts()).containsOnly(1);
    }

    @Test
    void infoReadsOnlyAHeader() {
        IdxTestFiles.writeDataset(dir, TRAIN, TEST, true);
        // Labels and test files broken: info() must not look at them.
        IdxTestFiles.write(dir.resolve(IdxFiles.TRAIN_LABELS + ".gz"), new byte[3], false);

        DataInfo info = fashion(Map.of("path", dir.toString())).info();

        assertThat(info.name()).isEqualTo("fashion-mnist");
        assertThat(info.classes()).isEqualTo(10);
        assertThat(info.pixelsPerImage()).isEqualTo(IdxTestFiles.ROWS * IdxTestFiles.COLS);
    }

    @Test
    void mnistNeedsAPathAndNamesItsClassesByDigit() {
        assertThatThrownBy(() -> new MnistDatasetFactory().create(Options.empty("dataset.options")))
                .isInstanceOf(InvalidOptionException.class).hasMessageContaining("dataset.options.path");

        IdxTestFiles.writeDataset(dir, TRAIN, TEST, false);
        Dataset mnist = new MnistDatasetFactory().create(Options.of("dataset.options", Map.of("path", dir.toString())));
        assertThat(mnist.info().classNames()).containsExactly("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
        assertThat(mnist.load(1L).train().size()).isEqualTo(90);
    }

    @Test
    void unknownOptionsFailNamingTheKey() {
        assertThatThrownBy(() -> fashion(Map.of("pathh", "/x")))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("dataset.options.pathh")
                .hasMessageContaining("path, validationFraction, trainLimit, testLimit");
    }

    @Test
    void aValidationSetTooSmallToExistIsAnOptionError() {
        IdxTestFiles.writeDataset(dir, TRAIN, TEST, true);

        assertThatThrownBy(() -> fashion(Map.of("path", dir.toString(), "validationFraction", 0.001)).load(1L))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageStartingWith("dataset.options.validationFraction: ");
    }

    @Test
    void aMissingFolderSaysHowToInstallFashionMnist() {
        Path missing = dir.resolve("nowhere");

        assertThatThrownBy(() -> fashion(Map.of("path", missing.toString())).info())
                .isInstanceOf(InvalidDataException.class)
                .hasMessageStartingWith(missing.toString())
                .hasMessageContaining("apt-get install dataset-fashion-mnist");
    }

}
