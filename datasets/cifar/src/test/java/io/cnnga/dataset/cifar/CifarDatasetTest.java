package io.cnnga.dataset.cifar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cnnga.api.DataInfo;
import io.cnnga.api.DataSplits;
import io.cnnga.api.Dataset;
import io.cnnga.api.ImageSet;
import io.cnnga.api.InvalidDataException;
import io.cnnga.api.InvalidOptionException;
import io.cnnga.api.Options;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntUnaryOperator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CifarDatasetTest {

    private static final int CIFAR10_TRAIN = 5 * CifarTestFiles.PER_TRAIN_BATCH;
    private static final Map<String, String> NO_ENVIRONMENT = Map.of();

    @TempDir
    Path dir;

    private static Dataset cifar10(Map<String, ?> options) {
        return cifar10(options, NO_ENVIRONMENT);
    }

    private static Dataset cifar10(Map<String, ?> options, Map<String, String> environment) {
        return new Cifar10DatasetFactory(environment::get).create(Options.of("dataset.options", options));
    }

    private static Dataset cifar100(Map<String, ?> options) {
        return new Cifar100DatasetFactory(NO_ENVIRONMENT::get).create(Options.of("dataset.options", options));
    }

    @Test
    void cifar10FromTheExtractedFolder() {
        Path folder = CifarTestFiles.writeCifar10(dir);

        DataSplits splits = cifar10(Map.of("path", folder.toString())).load(42L);

        DataInfo info = splits.info();
        assertThat(info.name()).isEqualTo("cifar10");
        assertThat(List.of(info.height(), info.width(), info.channels())).containsExactly(32, 32, 3);
        assertThat(info.classNames()).isEqualTo(CifarTestFiles.CIFAR10_NAMES);
        assertThat(splits.train().size()).isEqualTo(54);
        assertThat(splits.validation().size()).isEqualTo(6);
        assertThat(splits.test().size()).isEqualTo(CifarTestFiles.CIFAR10_TEST);
        assertEveryTrainingImageOnce(splits, CIFAR10_TRAIN, CifarTestFiles::cifar10Label);
        for (int i = 0; i < CifarTestFiles.CIFAR10_TEST; i++) {
            assertImage(splits.test(), i, CIFAR10_TRAIN + i, CifarTestFiles::cifar10Label);
        }
    }

    @Test
    void cifar10FromTheArchiveReadsTheSameAsFromTheFolder() {
        Path folder = CifarTestFiles.writeCifar10(dir);
        Path archive = CifarTestFiles.tarGz(dir.resolve("cifar-10-binary.tar.gz"), "cifar-10-batches-bin",
                CifarTestFiles.cifar10Files());

        DataSplits fromFolder = cifar10(Map.of("path", folder.toString())).load(5L);
        DataSplits fromArchive = cifar10(Map.of("path", archive.toString())).load(5L);

        assertSame(fromArchive, fromFolder);
        assertThat(fromArchive.info().classNames()).isEqualTo(CifarTestFiles.CIFAR10_NAMES);
    }

    @Test
    void aFolderHoldingTheArchiveOrTheExtractedFolderWorksToo() throws IOException {
        Path extractedParent = Files.createDirectory(dir.resolve("extracted"));
        CifarTestFiles.writeCifar10(extractedParent);
        Path downloadFolder = Files.createDirectory(dir.resolve("download"));
        CifarTestFiles.tarGz(downloadFolder.resolve("cifar-10-binary.tar.gz"), "cifar-10-batches-bin",
                CifarTestFiles.cifar10Files());

        DataSplits reference = cifar10(Map.of("path", extractedParent.resolve("cifar-10-batches-bin").toString())).load(9L);

        assertSame(cifar10(Map.of("path", extractedParent.toString())).load(9L), reference);
        assertSame(cifar10(Map.of("path", downloadFolder.toString())).load(9L), reference);
    }

    @Test
    void cifar100WithFineAndCoarseLabels() {
        Path folder = CifarTestFiles.writeCifar100(dir);
        Path archive = CifarTestFiles.tarGz(dir.resolve("cifar-100-binary.tar.gz"), "cifar-100-binary",
                CifarTestFiles.cifar100Files());

        Dataset fine = cifar100(Map.of("path", archive.toString(), "validationFraction", 0.5));
        Dataset coarse = cifar100(Map.of("path", folder.toString(), "labels", "coarse", "validationFraction", 0.5));

        assertThat(fine.info().name()).isEqualTo("cifar100");
        assertThat(fine.info().classNames()).isEqualTo(CifarTestFiles.fineNames());
        assertThat(coarse.info().name()).isEqualTo("cifar100-coarse");
        assertThat(coarse.info().classNames()).isEqualTo(CifarTestFiles.coarseNames());
        DataSplits fineSplits = fine.load(1L);
        DataSplits coarseSplits = coarse.load(1L);
        assertThat(fineSplits.train().size() + fineSplits.validation().size()).isEqualTo(CifarTestFiles.CIFAR100_TRAIN);
        assertThat(coarseSplits.validation().size()).isEqualTo(CifarTestFiles.CIFAR100_TRAIN / 2);
        // 200 images, 2 per fine class (10 per coarse class): half of each class is held out.
        assertThat(fineSplits.validation().classCounts()).containsOnly(1);
        assertThat(coarseSplits.validation().classCounts()).containsOnly(5);
        assertEveryTrainingImageOnce(fineSplits, CifarTestFiles.CIFAR100_TRAIN, CifarTestFiles::fineLabel);
        assertEveryTrainingImageOnce(coarseSplits, CifarTestFiles.CIFAR100_TRAIN, CifarTestFiles::coarseLabel);
        for (int i = 0; i < CifarTestFiles.CIFAR100_TEST; i++) {
            assertImage(fineSplits.test(), i, CifarTestFiles.CIFAR100_TRAIN + i, CifarTestFiles::fineLabel);
            assertImage(coarseSplits.test(), i, CifarTestFiles.CIFAR100_TRAIN + i, CifarTestFiles::coarseLabel);
        }
    }

    @Test
    void limitsAndPixelScaling() {
        Path folder = CifarTestFiles.writeCifar10(dir);

        DataSplits splits = cifar10(Map.of("path", folder.toString(), "trainLimit", 40, "testLimit", 10,
                "validationFraction", 0.25)).load(3L);

        assertThat(List.of(splits.train().size(), splits.validation().size(), splits.test().size()))
                .containsExactly(30, 10, 10);
        assertThat(splits.test().classCounts()).containsOnly(1);
        float[] pixels = splits.test().batch(new int[] {0}).images();
        int index = CifarTestFiles.identify(splits.test().pixel(0, 0, 0, 0));
        assertThat(pixels[3 * (32 + 1) + 2]).isEqualTo(CifarTestFiles.pixel(index, 1, 1, 2) / 255f);
    }

    @Test
    void theEnvironmentVariableIsUsedWhenThereIsNoPathOption() {
        Path folder = CifarTestFiles.writeCifar10(dir);

        Dataset data = cifar10(Map.of(), Map.of(Cifar10DatasetFactory.ENVIRONMENT_VARIABLE, folder.toString()));

        assertThat(data.info().classNames()).isEqualTo(CifarTestFiles.CIFAR10_NAMES);
    }

    @Test
    void withoutDataTheErrorSaysWhereToGetItAndWhereToPutIt() {
        assertThatThrownBy(() -> cifar10(Map.of()))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageStartingWith("dataset.options.path: not set, and neither is CIFAR10_DIR")
                .hasMessageContaining("https://www.cs.toronto.edu/~kriz/cifar.html")
                .hasMessageContaining("binary version (cifar-10-binary.tar.gz)");
        assertThatThrownBy(() -> new Cifar100DatasetFactory(NO_ENVIRONMENT::get).create(Options.empty("dataset.options")))
                .hasMessageContaining("CIFAR100_DIR")
                .hasMessageContaining("cifar-100-binary.tar.gz");

        Path missing = dir.resolve("cifar-10-binary.tar.gz");
        assertThatThrownBy(() -> cifar10(Map.of(), Map.of("CIFAR10_DIR", missing.toString())).info())
                .isInstanceOf(InvalidDataException.class)
                .hasMessageStartingWith(missing + ": does not exist (from the CIFAR10_DIR environment variable)")
                .hasMessageContaining("https://www.cs.toronto.edu/~kriz/cifar.html");
        assertThatThrownBy(() -> cifar10(Map.of("path", dir.toString())).load(1L))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageStartingWith(dir + ": holds no CIFAR-10 binary version")
                .hasMessageContaining("set dataset.options.path or the CIFAR10_DIR environment variable");
    }

    @Test
    void infoReadsTheArchiveOnlyAsFarAsTheLabelNames() throws IOException {
        Path archive = CifarTestFiles.tarGz(dir.resolve("cifar-10-binary.tar.gz"), "cifar-10-batches-bin",
                CifarTestFiles.cifar10Files());
        byte[] bytes = Files.readAllBytes(archive);
        // Cut the archive within data_batch_3.bin, after batches.meta.txt.
        Files.write(archive, Arrays.copyOf(bytes, bytes.length / 2));

        Dataset data = cifar10(Map.of("path", archive.toString()));

        assertThat(data.info().classNames()).isEqualTo(CifarTestFiles.CIFAR10_NAMES);
        assertThatThrownBy(() -> data.load(1L)).isInstanceOf(InvalidDataException.class)
                .hasMessageStartingWith(archive.toString());
    }

    @Test
    void unknownOptionsFailNamingTheKey() {
        assertThatThrownBy(() -> cifar10(Map.of("path", "/x", "labels", "fine")))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageStartingWith("dataset.options.labels: unknown option");
        assertThatThrownBy(() -> cifar100(Map.of("path", "/x", "labels", "medium")))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("must be one of fine, coarse");
    }


    private static void assertEveryTrainingImageOnce(DataSplits splits, int trainImages, IntUnaryOperator label) {
        Set<Integer> seen = new HashSet<>();
        for (ImageSet set : List.of(splits.train(), splits.validation())) {
            for (int i = 0; i < set.size(); i++) {
                int index = CifarTestFiles.identify(set.pixel(i, 0, 0, 0));
                assertThat(index).isLessThan(trainImages);
                assertThat(seen.add(index)).as("image %d appears once", index).isTrue();
                assertImage(set, i, index, label);
            }
        }
        assertThat(seen).hasSize(trainImages);
    }

    /** Checks every channel of every pixel: the engine's NHWC from the files' channel-planar layout. */
    private static void assertImage(ImageSet set, int i, int index, IntUnaryOperator label) {
        assertThat(set.label(i)).as("label of image %d", index).isEqualTo(label.applyAsInt(index));
        for (int y = 0; y < 32; y++) {
            for (int x = 0; x < 32; x++) {
                for (int c = 0; c < 3; c++) {
                    if (set.pixel(i, y, x, c) != CifarTestFiles.pixel(index, y, x, c)) {
                        throw new AssertionError("image " + index + " pixel (" + y + ", " + x + ", " + c + ") is "
                                + set.pixel(i, y, x, c) + ", expected " + CifarTestFiles.pixel(index, y, x, c));
                    }
                }
            }
        }
    }

    private static void assertSame(DataSplits actual, DataSplits expected) {
        for (int s = 0; s < 3; s++) {
            ImageSet a = List.of(actual.train(), actual.validation(), actual.test()).get(s);
            ImageSet e = List.of(expected.train(), expected.validation(), expected.test()).get(s);
            assertThat(a.labels()).isEqualTo(e.labels());
            assertThat(a.batch(all(a)).images()).isEqualTo(e.batch(all(e)).images());
        }
    }

    private static int[] all(ImageSet set) {
        int[] indices = new int[set.size()];
        Arrays.setAll(indices, i -> i);
        return indices;
    }
}
