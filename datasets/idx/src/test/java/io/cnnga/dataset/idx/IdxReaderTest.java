package io.cnnga.dataset.idx;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {

    @TempDir
    Path dir;

    @Test
    void readsPlainImagesRowMajor() {
        Path file = dir.resolve("images");
        IdxTestFiles.write(file, IdxTestFiles.images(0, 5, 4, 3), false);

        IdxImages images = IdxReader.readImages(file);

        assertThat(images.shape()).isEqualTo(new IdxImageShape(5, 4, 3));
        assertThat(images.pixels()).hasSize(5 * 4 * 3);
        // image 2, row 3, column 1 sits at 2*12 + 3*3 + 1
        assertThat(images.pixels()[2 * 12 + 3 * 3 + 1] & 0xFF).isEqualTo(IdxTestFiles.pixel(2, 3, 1));
    }

    @Test
    void gzippedAndPlainFilesReadTheSame() {
        byte[] bytes = IdxTestFiles.images(0, 50, 28, 28);
        IdxTestFiles.write(dir.resolve("plain"), bytes, false);
        IdxTestFiles.write(dir.resolve("packed.gz"), bytes, true);

        assertThat(IdxReader.readImages(dir.resolve("packed.gz")).pixels())
                .isEqualTo(IdxReader.readImages(dir.resolve("plain")).pixels())
                .isEqualTo(Arrays.copyOfRange(bytes, 16, bytes.length));
    }

    @Test
    void compressionIsRecognisedByContentNotByName() {
        IdxTestFiles.write(dir.resolve("no-suffix"), IdxTestFiles.labels(0, 20), true);

        assertThat(IdxReader.readLabels(dir.resolve("no-suffix"), 10)).hasSize(20).startsWith(0, 1, 2);
    }

    @Test
    void readsLabels() {
        IdxTestFiles.write(dir.resolve("labels.gz"), IdxTestFiles.labels(5, 7), true);

        assertThat(IdxReader.readLabels(dir.resolve("labels.gz"), 10)).containsExactly(5, 6, 7, 8, 9, 0, 1);
    }

    @Test
    void shapeComesFromTheHeaderAlone() throws Exception {
        // Only the 16 header bytes of a file that promises 60,000 images: info() must not need more.
        byte[] header = Arrays.copyOf(IdxTestFiles.images(0, 1, 28, 28), 16);
        ByteBuffer.wrap(header).putInt(4, 60_000);
        Files.write(dir.resolve("header-only"), header);

        assertThat(IdxReader.readImageShape(dir.resolve("header-only"))).isEqualTo(new IdxImageShape(60_000, 28, 28));
    }
}
