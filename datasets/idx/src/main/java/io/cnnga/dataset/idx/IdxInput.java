package io.cnnga.dataset.idx;

import io.cnnga.api.InvalidDataException;
import io.cnnga.api.support.DataBudget;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * The bytes of one idx file, gunzipped on the fly when the file is gzip-compressed, counted so that
 * every error names the file and the (uncompressed) byte offset.
 *
 * <pre>{@code
 * try (IdxInput in = IdxInput.open(Path.of("train-images-idx3-ubyte.gz"))) {
 *     int magic = in.readInt("magic number");
 *     byte[] pixels = in.readBytes(count * rows * cols, "pixels");
 *     in.expectEnd();
 * }
 * }</pre>
 *
 * <p>Whether a file is compressed is decided by its first two bytes (gzip's 0x1f 0x8b; an idx file
 * starts with 0x00 0x00), not by its name, so a misnamed file still reads.
 */
final class IdxInput implements AutoCloseable {

    /** The largest Java array the JVM reliably allocates. */
    private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;
    private static final int BUFFER = 1 << 16;
    private static final String DAMAGED = "; the file is damaged or incomplete, download it again";

    private final Path file;
    private final InputStream in;
    private final boolean gzip;
    private final long fileSize;
    private long position;

    private IdxInput(Path file, InputStream in, boolean gzip, long fileSize) {
        this.file = file;
        this.in = in;
        this.gzip = gzip;
        this.fileSize = fileSize;
    }

    /** Opens {@code file}; a missing or unreadable file is an {@link InvalidDataException}. */
    static IdxInput open(Path file) {
        InputStream raw = null;
        try {
            long size = Files.size(file);
            raw = new BufferedInputStream(Files.newInputStream(file), BUFFER);
            raw.mark(2);
            boolean gzip = raw.read() == 0x1f && raw.read() == 0x8b;
            raw.reset();
            InputStream in = gzip ? new GZIPInputStream(raw, BUFFER) : raw;
            return new IdxInput(file, in, gzip, size);
        } catch (NoSuchFileException e) {
            closeQuietly(raw);
            throw new InvalidDataException(file, "no such file");
        } catch (IOException e) {
            closeQuietly(raw);
            throw new InvalidDataException(file, "cannot be read: " + describe(e), e);
        }
    }

    Path file() {
        return file;
    }

    /** Bytes read so far, counted in the uncompressed stream. */
    long position() {
        return position;
    }

    /** A big-endian int32, as every idx header field is. */
    int readInt(String what) {
        byte[] b = readBytes(4, what);
        return ((b[0] & 0xFF) << 24) | ((b[1] & 0xFF) << 16) | ((b[2] & 0xFF) << 8) | (b[3] & 0xFF);
    }

    /**
     * Exactly {@code count} bytes, read straight into one array (no intermediate copy: the
     * Fashion-MNIST training images alone are 47 MB).
     */
    byte[] readBytes(long count, String what) {
        requireRoomFor(count, what);
        byte[] bytes = new byte[(int) count];
        int read;
        try {
            read = in.readNBytes(bytes, 0, bytes.length);
        } catch (IOException e) {
            throw corrupt(e);
        }
        if (read < count) {
            position += read;
            throw new InvalidDataException(file, "truncated at byte " + position + (gzip ? " (uncompressed)" : "")
                    + ": expected " + what + " in " + count + " bytes from byte " + (position - read) + DAMAGED);
        }
        position += read;
        return bytes;
    }

    /**
     * Fails unless the rest of the file can hold {@code count} bytes (a gzip file: at most
     * {@value DataBudget#MAX_DEFLATE_RATIO} times its size) and one Java array can take them: what a header
     * promises is checked before anything is allocated for it.
     */
    void requireRoomFor(long count, String what) {
        long bound = gzip ? DataBudget.maxInflatedBytes(fileSize) : fileSize - position;
        if (count > bound) {
            throw truncated(count, what);
        }
        if (count > MAX_ARRAY) {
            throw new InvalidDataException(file, what + " at byte " + position + " would take " + count
                    + " bytes, more than one Java array holds");
        }
    }

    /** Fails when anything follows the data the header promised: the header is then wrong. */
    void expectEnd() {
        int next;
        try {
            next = in.read();
        } catch (IOException e) {
            throw corrupt(e);
        }
        if (next != -1) {
            throw new InvalidDataException(file, "unexpected data at byte " + position + (gzip ? " (uncompressed)" : "")
                    + " after everything the header promised; the header's counts are wrong");
        }
    }

    @Override
    public void close() {
        closeQuietly(in);
    }

    private InvalidDataException truncated(long count, String what) {
        String holds = gzip ? "a gzip file of " + fileSize + " bytes cannot hold that many"
                : "the file ends at byte " + fileSize;
        return new InvalidDataException(file, "truncated: expected " + what + " in " + count + " bytes from byte "
                + position + ", but " + holds + DAMAGED);
    }

    private InvalidDataException corrupt(IOException e) {
        if (gzip && (e instanceof ZipException || e instanceof EOFException)) {
            return new InvalidDataException(file, "corrupt or truncated gzip data after " + position
                    + " uncompressed bytes: " + describe(e) + DAMAGED, e);
        }
        return new InvalidDataException(file, "cannot be read after byte " + position + ": " + describe(e), e);
    }

    private static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static void closeQuietly(InputStream in) {
        if (in != null) {
            try {
                in.close();
            } catch (IOException ignored) {
                // Closing a stream we only read from cannot lose data.
            }
        }
    }
}
