package io.cnnga.dataset.idx;

import io.cnnga.api.InvalidDataException;

import java.nio.file.Path;

/**
 * Reads the idx format of MNIST and Fashion-MNIST, plain or gzip-compressed, checking everything a
 * damaged or wrong file could get wrong.
 *
 * <pre>{@code
 * IdxImages images = IdxReader.readImages(Path.of("train-images-idx3-ubyte.gz"));
 * int[] labels = IdxReader.readLabels(Path.of("train-labels-idx1-ubyte.gz"), 10);
 * }</pre>
 *
 * <p>The format: a big-endian int32 magic number whose third byte is the element type (0x08,
 * unsigned byte) and whose fourth is the number of dimensions; one big-endian int32 per dimension;
 * then the elements, row-major. Images are {@code 0x00000803} (count, rows, columns), labels
 * {@code 0x00000801} (count).
 */
final class IdxReader {

    static final int IMAGES_MAGIC = 0x00000803;
    static final int LABELS_MAGIC = 0x00000801;

    private IdxReader() {
    }

    /** Only the header of an images file: cheap, for {@link io.cnnga.api.Dataset#info()}. */
    static IdxImageShape readImageShape(Path file) {
        try (IdxInput in = IdxInput.open(file)) {
            return readImageHeader(in);
        }
    }

    /**
     * The header of an images file, checked against the file's size: the file can hold the pixels
     * it promises (a gzip file at most about 1032 times its size). What {@code load} checks before
     * it allocates anything.
     */
    static IdxImageShape readPromisedImages(Path file) {
        try (IdxInput in = IdxInput.open(file)) {
            IdxImageShape shape = readImageHeader(in);
            in.requireRoomFor(shape.pixelBytes(), describe(shape));
            return shape;
        }
    }

    /** A whole images file. */
    static IdxImages readImages(Path file) {
        try (IdxInput in = IdxInput.open(file)) {
            IdxImageShape shape = readImageHeader(in);
            byte[] pixels = in.readBytes(shape.pixelBytes(), describe(shape));
            in.expectEnd();
            return new IdxImages(shape, pixels);
        }
    }

    /** Only the header of a labels file: how many labels it promises, checked against the file's size. */
    static int readPromisedLabels(Path file) {
        try (IdxInput in = IdxInput.open(file)) {
            int count = readLabelHeader(in);
            in.requireRoomFor(count, count + " labels");
            return count;
        }
    }

    /**
     * A whole labels file, each label checked to lie in {@code [0, classes)}.
     */
    static int[] readLabels(Path file, int classes) {
        try (IdxInput in = IdxInput.open(file)) {
            int count = readLabelHeader(in);
            int start = (int) in.position();
            byte[] bytes = in.readBytes(count, count + " labels");
            in.expectEnd();
            int[] labels = new int[count];
            for (int i = 0; i < count; i++) {
                int label = bytes[i] & 0xFF;
                if (label >= classes) {
                    throw new InvalidDataException(file, "label " + label + " of item " + i + " at byte "
                            + (start + i) + " is outside [0, " + classes + ")");
                }
                labels[i] = label;
            }
            return labels;
        }
    }

    private static int readLabelHeader(IdxInput in) {
        expectMagic(in, LABELS_MAGIC, "labels: unsigned bytes, 1 dimension");
        return readDimension(in, "label count", 0);
    }

    private static IdxImageShape readImageHeader(IdxInput in) {
        expectMagic(in, IMAGES_MAGIC, "images: unsigned bytes, 3 dimensions");
        int count = readDimension(in, "image count", 0);
        int rows = readDimension(in, "row count", 1);
        int cols = readDimension(in, "column count", 1);
        return new IdxImageShape(count, rows, cols);
    }

    private static String describe(IdxImageShape shape) {
        return shape.count() + " images of " + shape.rows() + "x" + shape.cols();
    }

    private static void expectMagic(IdxInput in, int expected, String meaning) {
        int magic = in.readInt("the magic number");
        if (magic != expected) {
            throw new InvalidDataException(in.file(), String.format(
                    "wrong magic number 0x%08X at byte 0, expected 0x%08X (idx %s)", magic, expected, meaning));
        }
    }

    private static int readDimension(IdxInput in, String what, int min) {
        long at = in.position();
        int value = in.readInt("the " + what);
        if (value < min) {
            throw new InvalidDataException(in.file(), "the " + what + " at byte " + at + " is " + value
                    + ", must be >= " + min);
        }
        return value;
    }
}
