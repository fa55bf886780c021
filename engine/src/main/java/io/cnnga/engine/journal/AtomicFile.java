package io.cnnga.engine.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Replaces a file's content all at once: the new content goes into a hidden file beside it,
 * which is then moved over it, so a reader (a browser reloading the report, a resume after a
 * kill) sees the old file or the new one, never half of one.
 *
 * <pre>{@code
 * AtomicFile.write(dir.resolve("summary.json"), json);
 * }</pre>
 */
public final class AtomicFile {

    private AtomicFile() {
    }

    public static void write(Path file, String text) {
        write(file, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @throws UncheckedIOException "cannot write FILE: CAUSE" (a full disk says so)
     */
    public static void write(Path file, byte[] content) {
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
        try {
            Files.write(tmp, content);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the write failed already; the stray file is hidden and replaced next time
            }
            throw new UncheckedIOException("cannot write " + file + ": " + describe(e), e);
        }
    }

    /** An I/O failure in words: "No space left on device", not just the file's name. */
    static String describe(IOException e) {
        String message = e.getMessage();
        if (e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        return message == null ? e.getClass().getSimpleName() : message;
    }
}
