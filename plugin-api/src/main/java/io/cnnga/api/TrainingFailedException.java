package io.cnnga.api;

/**
 * A training that cannot go on: the loss became NaN, the device ran out of memory, the framework
 * failed. The engine records the trial as failed with this message and carries on.
 *
 * <pre>{@code
 * throw new TrainingFailedException("loss became NaN at epoch 1, step 17");
 * }</pre>
 */
public class TrainingFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TrainingFailedException(String reason) {
        super(reason);
    }

    public TrainingFailedException(String reason, Throwable cause) {
        super(reason, cause);
    }

    /**
     * {@code e} as a failed training: itself if it is one, otherwise "{@code what}: " and the first
     * lines of its message (frameworks append long native stack dumps; the first lines say what
     * happened).
     */
    public static TrainingFailedException of(String what, Throwable e) {
        if (e instanceof TrainingFailedException t) {
            return t;
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : firstLines(e.getMessage());
        return new TrainingFailedException(what + ": " + message, e);
    }

    private static String firstLines(String message) {
        String[] lines = message.strip().split("\n");
        return String.join(" ", java.util.Arrays.copyOf(lines, Math.min(lines.length, 3))).strip();
    }
}
