package io.cnnga.api;

/**
 * Input the user can fix: a plan, an option, a data file. The command line prints the message as
 * one line and exits with status 2, so the message must say what is wrong, where, and how to fix it.
 *
 * <pre>{@code
 * throw new InvalidInputException("train-images-idx3-ubyte.gz: truncated at byte 16; re-download it");
 * }</pre>
 */
public class InvalidInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidInputException(String message) {
        super(message);
    }

    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
