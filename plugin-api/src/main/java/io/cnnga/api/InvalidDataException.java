package io.cnnga.api;

import java.nio.file.Path;

/**
 * A data file that cannot be used: truncated, wrong magic number, inconsistent counts, an
 * unreadable image. The message names the file and, where it applies, the byte offset or entry.
 *
 * <pre>{@code
 * throw new InvalidDataException(file, "wrong magic number 0x00000000 at byte 0, expected 0x00000803");
 * }</pre>
 */
public class InvalidDataException extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    public InvalidDataException(Path file, String problem) {
        super(file + ": " + problem);
    }

    public InvalidDataException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
    }
}
