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
}
