package io.cnnga.dataset.idx;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/**
 * Writes small idx files for tests, in the exact format of MNIST: big-endian header, then bytes.
 *
 * <pre>{@code
 * IdxTestFiles.writeDataset(folder, 100, 20, true);   // 4x3 images, label = index % 10, gzipped
 * }</pre>
 *
 * <p>Pixel {@code (y, x)} of image {@code i} is {@link #pixel}, so a test can tell any image from
 * any other and check the row-major order.
 */
final class IdxTestFiles {

    static final int ROWS = 4;
    static final int COLS = 3;
    static final int CLASSES = 10;

    private IdxTestFiles() {
    }

    /** The pixel written at {@code (y, x)} of image {@code index} (numbered across train, then test). */
    static int pixel(int index, int y, int x) {
        return (index * 7 + y * COLS + x * 31) % 256;
    }

    /** The label written for image {@code index}. */
    static int label(int index) {
        return index % CLASSES;
    }

    /** Writes the four files of a dataset: train images 0..train-1, test images train..train+test-1. */
    static void writeDataset(Path folder, int train, int test, boolean gzip) {
        String gz = gzip ? ".gz" : "";
        write(folder.resolve(IdxFiles.TRAIN_IMAGES + gz), images(0, train, ROWS, COLS), gzip);
        write(folder.resolve(IdxFiles.TRAIN_LABELS + gz), labels(0, train), gzip);
        write(folder.resolve(IdxFiles.TEST_IMAGES + gz), images(train, test, ROWS, COLS), gzip);
        write(folder.resolve(IdxFiles.TEST_LABELS + gz), labels(train, test), gzip);
    }

    /** An idx images file's bytes: images {@code first .. first+count-1}. */
    static byte[] images(int first, int count, int rows, int cols) {
        ByteBuffer buffer = ByteBuffer.allocate(16 + count * rows * cols);
        buffer.putInt(IdxReader.IMAGES_MAGIC).putInt(count).putInt(rows).putInt(cols);
        for (int i = 0; i < count; i++) {
            for (int y = 0; y < rows; y++) {
                for (int x = 0; x < cols; x++) {
                    buffer.put((byte) pixel(first + i, y, x));
                }
            }
        }
        return buffer.array();
    }

    /** An idx labels file's bytes: labels of images {@code first .. first+count-1}. */
    static byte[] labels(int first, int count) {
        ByteBuffer buffer = ByteBuffer.allocate(8 + count);
        buffer.putInt(IdxReader.LABELS_MAGIC).putInt(count);
        for (int i = 0; i < count; i++) {
            buffer.put((byte) label(first + i));
        }
        return buffer.array();
    }

    static void write(Path file, byte[] bytes, boolean gzip) {
        try {
            Files.write(file, gzip ? gzip(bytes) : bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
