package io.cnnga.dataset.idx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.cnnga.api.InvalidDataException;
import io.cnnga.api.Options;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every kind of damaged idx file fails with an {@link InvalidDataException} naming the file. */
class IdxBrokenDataTest {

    /** Damages one file of a valid dataset; returns the file the error must name. */
    interface Damage {
        Path apply(Path folder) throws IOException;
    }

    private static final String TRAIN_IMAGES = IdxFiles.TRAIN_IMAGES + ".gz";
    private static final String TRAIN_LABELS = IdxFiles.TRAIN_LABELS + ".gz";
    private static final String TEST_IMAGES = IdxFiles.TEST_IMAGES + ".gz";

    @TempDir
    Path dir;

    static Stream<Arguments> damages() {
        return Stream.of(
                damage("wrong magic number in images", "wrong magic number 0x00000801 at byte 0, expected 0x00000803",
                        f -> replace(f, TRAIN_IMAGES, IdxTestFiles.labels(0, 100))),
                damage("wrong magic number in labels", "wrong magic number 0x00000803 at byte 0, expected 0x00000801",
                        f -> replace(f, TRAIN_LABELS, IdxTestFiles.images(0, 100, 4, 3))),
                damage("empty file", "expected the magic number in 4 bytes from byte 0",
                        f -> replace(f, TRAIN_IMAGES, new byte[0])),
                damage("header cut short", "truncated at byte 10 (uncompressed): expected the row count in 4 bytes from byte 8",
                        f -> replace(f, TRAIN_IMAGES, Arrays.copyOf(IdxTestFiles.images(0, 100, 4, 3), 10))),
                damage("pixels cut short (plain file)", "truncated: expected 100 images of 4x3 in 1200 bytes from byte 16, but the file ends at byte 616",
                        f -> replacePlain(f, TRAIN_IMAGES, Arrays.copyOf(IdxTestFiles.images(0, 100, 4, 3), 616))),
                damage("pixels cut short (gzip)", "truncated at byte 616 (uncompressed)",
                        f -> replace(f, TRAIN_IMAGES, Arrays.copyOf(IdxTestFiles.images(0, 100, 4, 3), 616))),
                damage("gzip file cut in half", "gzip",
                        f -> cut(f.resolve(TRAIN_IMAGES))),
                damage("gzip data corrupted", "",
                        f -> corrupt(f.resolve(TRAIN_IMAGES))),
                damage("header promises far more than the gzip file can hold", "cannot hold that many",
                        f -> replace(f, TRAIN_IMAGES, withCount(IdxTestFiles.images(0, 100, 4, 3), 2_000_000_000))),
                damage("negative image count", "the image count at byte 4 is -1, must be >= 0",
                        f -> replace(f, TRAIN_IMAGES, withCount(IdxTestFiles.images(0, 100, 4, 3), -1))),
                damage("zero rows", "the row count at byte 8 is 0, must be >= 1",
                        f -> replace(f, TRAIN_IMAGES, ByteBuffer.wrap(IdxTestFiles.images(0, 100, 4, 3)).putInt(8, 0).array())),
                damage("data after what the header promises", "unexpected data at byte 1216",
                        f -> replace(f, TRAIN_IMAGES, Arrays.copyOf(IdxTestFiles.images(0, 100, 4, 3), 1216 + 5))),
                damage("fewer labels than images", "its header promises 99 labels but " + TRAIN_IMAGES + " promises 100 images",
                        f -> replace(f, TRAIN_LABELS, IdxTestFiles.labels(0, 99))),
                damage("label out of range", "label 10 of item 3 at byte 11 is outside [0, 10)",
                        f -> replace(f, TRAIN_LABELS, patch(IdxTestFiles.labels(0, 100), 11, 10))),
                damage("test images of another size", "images are 3x4 but the training images are 4x3",
                        f -> replace(f, TEST_IMAGES, IdxTestFiles.images(100, 20, 3, 4))),
                damage("labels file missing", "missing",
                        f -> {
                            Files.delete(f.resolve(TRAIN_LABELS));
                            return f.resolve(TRAIN_LABELS);
                        }));
    }

    private static Arguments damage(String name, String problem, Damage damage) {
        return Arguments.of(name, problem, damage);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("damages")
    void brokenDataFailsNamingTheFile(String name, String problem, Damage damage) throws IOException {
        IdxTestFiles.writeDataset(dir, 100, 20, true);
        Path broken = damage.apply(dir);

        Throwable thrown = catchThrowable(() -> new FashionMnistDatasetFactory()
                .create(Options.of("dataset.options", Map.of("path", dir.toString()))).load(1L));

        assertThat(thrown).isInstanceOf(InvalidDataException.class)
                .hasMessageStartingWith(broken + ": ")
                .hasMessageContaining(problem);
        assertThat(thrown.getMessage()).doesNotContain("\n");
    }

    private static Path replace(Path folder, String name, byte[] content) {
        IdxTestFiles.write(folder.resolve(name), content, true);
        return folder.resolve(name);
    }

    /** Replaces a gzipped file by a plain one of the same name: the reader goes by content. */
    private static Path replacePlain(Path folder, String name, byte[] content) {
        IdxTestFiles.write(folder.resolve(name), content, false);
        return folder.resolve(name);
    }

    private static Path cut(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));
        return file;
    }

    private static Path corrupt(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        for (int i = 12; i < bytes.length - 8; i += 3) {
            bytes[i] ^= (byte) 0x5A;
        }
        Files.write(file, bytes);
        return file;
    }

    private static byte[] withCount(byte[] images, int count) {
        return ByteBuffer.wrap(images).putInt(4, count).array();
    }

    private static byte[] patch(byte[] bytes, int at, int value) {
        bytes[at] = (byte) value;
        return bytes;
    }
}
