package io.cnnga.dataset.idx;

import io.cnnga.api.InvalidDataException;
import io.cnnga.api.Options;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Small files whose headers promise far more than they hold, or that inflate far beyond what their
 * header promises: each fails from its header, before anything large is allocated.
 */
class IdxHostileDataTest {

    private static final String TRAIN_IMAGES = IdxFiles.TRAIN_IMAGES + ".gz";
    private static final String TRAIN_LABELS = IdxFiles.TRAIN_LABELS + ".gz";

    @TempDir
    Path dir;

    @Test
    void aTwoMegabyteLabelsGzDeclaringTwoBillionLabelsFailsFromItsHeader() throws IOException {
        IdxTestFiles.writeDataset(dir, 100, 20, true);
        Path labels = dir.resolve(TRAIN_LABELS);
        writeGzip(labels, ByteBuffer.allocate(8).putInt(IdxReader.LABELS_MAGIC).putInt(2_100_000_000).array(),
                2 << 20);
        assertThat(Files.size(labels)).isBetween(2_000_000L, 2_200_000L);

        Throwable thrown = load();

        assertThat(thrown).isInstanceOf(InvalidDataException.class)
                .hasMessage(labels + ": its header promises 2100000000 labels but " + TRAIN_IMAGES
                        + " promises 100 images; one of the two is damaged");
    }

    @Test
    void anImagesGzWhoseHeaderPromisesMoreThanItsLabelsFailsBeforeItsPixelsAreRead() throws IOException {
        IdxTestFiles.writeDataset(dir, 100, 20, true);
        Path images = dir.resolve(TRAIN_IMAGES);
        // 2.5 million 28x28 images (1.96 GB) promised by a 2 MB file.
        writeGzip(images, ByteBuffer.allocate(16).putInt(IdxReader.IMAGES_MAGIC).putInt(2_500_000).putInt(28)
                .putInt(28).array(), 2 << 20);

        Throwable thrown = load();

        assertThat(thrown).isInstanceOf(InvalidDataException.class)
                .hasMessage(dir.resolve(TRAIN_LABELS) + ": its header promises 100 labels but " + TRAIN_IMAGES
                        + " promises 2500000 images; one of the two is damaged");
    }

    @Test
    void anImagesGzInflatingFarBeyondItsHeaderStopsRightAfterWhatTheHeaderPromised() throws IOException {
        IdxTestFiles.writeDataset(dir, 100, 20, true);
        Path images = dir.resolve(TRAIN_IMAGES);
        // The 100 images the header promises, then 512 MB of zeros: 0.5 MB on disk.
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(images), 1 << 16)) {
            out.write(IdxTestFiles.images(0, 100, IdxTestFiles.ROWS, IdxTestFiles.COLS));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 512; i++) {
                out.write(zeros);
            }
        }
        assertThat(Files.size(images)).isLessThan(1L << 20);

        long before = usedHeap();
        Throwable thrown = load();

        assertThat(thrown).isInstanceOf(InvalidDataException.class)
                .hasMessage(images + ": unexpected data at byte 1216 (uncompressed) after everything the header"
                        + " promised; the header's counts are wrong");
        assertThat(usedHeap() - before).isLessThan(64L << 20);
    }

    private Throwable load() {
        return catchThrowable(() -> new FashionMnistDatasetFactory()
                .create(Options.of("dataset.options", Map.of("path", dir.toString()))).load(1L));
    }

    /** {@code header} followed by {@code padding} incompressible bytes, gzipped. */
    static void writeGzip(Path file, byte[] header, int padding) throws IOException {
        byte[] noise = new byte[padding];
        new Random(7).nextBytes(noise);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file), 1 << 16)) {
            out.write(header);
            out.write(noise);
        }
    }

    private static long usedHeap() {
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
