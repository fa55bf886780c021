package io.cnnga.engine.predict;

import io.cnnga.api.InvalidDataException;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * An idx file of unsigned bytes (MNIST's format), plain or gzipped, read front to back: its header
 * first, then its data in pieces, so a large file never has to fit in memory.
 *
 * <pre>{@code
 * try (IdxStream idx = IdxStream.open(Path.of("t10k-images-idx3-ubyte.gz"))) {
 *     idx.dims();                        // [10000, 28, 28]
 *     idx.read(buffer, 0, 784 * 64);     // the first 64 images
 * }
 * }</pre>
 *
 * <p>Every problem is an {@link InvalidDataException} naming the file: a wrong magic number, an
 * element type other than unsigned byte, a file shorter than its header promises (with the byte
 * offset), one longer.
 */
final class IdxStream implements AutoCloseable {

    /** The element type this reader takes: unsigned byte. */
    private static final int UBYTE = 0x08;

    private final Path file;
    private final InputStream in;
    private final int[] dims;
    private long offset;

    private IdxStream(Path file, InputStream in, int[] dims, long offset) {
        this.file = file;
        this.in = in;
        this.dims = dims;
        this.offset = offset;
    }

    /** Whether the file starts like an idx file (after gunzipping): two zero bytes, unsigned bytes, 1 to 4 dimensions. */
    static boolean looksLikeIdx(Path file) {
        try (IdxStream ignored = open(file)) {
            return true;
        } catch (InvalidDataException e) {
            return false;
        }
    }

    /**
     * Opens {@code file} and reads its header.
     *
     * @throws InvalidDataException when the file is missing, unreadable, or not an idx file of unsigned bytes
     */
    static IdxStream open(Path file) {
        InputStream in = null;
        try {
            in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
            in.mark(2);
            int b0 = in.read();
            int b1 = in.read();
            in.reset();
            if (b0 == 0x1f && b1 == 0x8b) {
                in = new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16);
            }
            byte[] magic = in.readNBytes(4);
            if (magic.length < 4 || magic[0] != 0 || magic[1] != 0 || magic[3] < 1 || magic[3] > 4) {
                throw new InvalidDataException(file, "is not an idx file (its magic number is "
                        + hex(magic) + "; idx files start with 0x0000 0x08 and 1 to 4 dimensions)");
            }
            if ((magic[2] & 0xFF) != UBYTE) {
                throw new InvalidDataException(file, String.format("holds elements of type 0x%02x; only unsigned "
                        + "bytes (0x08) are images and labels", magic[2] & 0xFF));
            }
            int[] dims = new int[magic[3]];
            for (int i = 0; i < dims.length; i++) {
                byte[] d = in.readNBytes(4);
                if (d.length < 4) {
                    throw new InvalidDataException(file, "truncated in its header at byte " + (4 + 4 * i + d.length));
                }
                dims[i] = ((d[0] & 0xFF) << 24) | ((d[1] & 0xFF) << 16) | ((d[2] & 0xFF) << 8) | (d[3] & 0xFF);
                if (dims[i] < 0) {
                    throw new InvalidDataException(file, "dimension " + i + " is " + Integer.toUnsignedString(dims[i])
                            + ", more than any file holds");
                }
            }
            IdxStream stream = new IdxStream(file, in, dims, 4 + 4L * dims.length);
            in = null;
            return stream;
        } catch (NoSuchFileException e) {
            throw new InvalidDataException(file, "no such file");
        } catch (IOException e) {
            throw new InvalidDataException(file, "cannot be read as an idx file: " + e.getMessage(), e);
        } finally {
            if (in != null) {
                try {
                    in.close();
                } catch (IOException ignored) {
                    // nothing was read from it that matters
                }
            }
        }
    }

    Path file() {
        return file;
    }

    /** The dimensions the header gives, e.g. [count, rows, columns]. */
    int[] dims() {
        return dims.clone();
    }

    /**
     * Reads exactly {@code length} bytes.
     *
     * @throws InvalidDataException when the file ends first (naming the byte offset)
     */
    void read(byte[] buffer, int from, int length) {
        try {
            int n = in.readNBytes(buffer, from, length);
            if (n < length) {
                throw new InvalidDataException(file, "truncated at byte " + (offset + n) + " (after decompression): "
                        + "its header " + Arrays.toString(dims) + " promises more");
            }
            offset += n;
        } catch (EOFException e) {
            throw new InvalidDataException(file, "truncated at byte " + offset + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new InvalidDataException(file, "cannot be read at byte " + offset + ": " + e.getMessage(), e);
        }
    }

    /** @throws InvalidDataException when bytes follow the data the header promised */
    void requireEnd() {
        try {
            if (in.read() != -1) {
                throw new InvalidDataException(file, "holds more bytes than its header " + Arrays.toString(dims)
                        + " says (from byte " + offset + ")");
            }
        } catch (IOException e) {
            throw new InvalidDataException(file, "cannot be read at byte " + offset + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String hex(byte[] bytes) {
        StringBuilder s = new StringBuilder("0x");
        for (byte b : bytes) {
            s.append(String.format("%02x", b & 0xFF));
        }
        return bytes.length == 0 ? "missing" : s.toString();
    }
}
