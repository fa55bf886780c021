package io.cnnga.engine.compare;

/**
 * How one backend did on one genome in {@code engine compare}: its accuracies and speed, or why
 * it failed.
 *
 * <pre>{@code
 * BackendOutcome o = BackendOutcome.completed("pytorch", "fp32", 0.861, 0.853, 1_250.0, 14.2);
 * o.ok();                 // true
 * BackendOutcome.failed("tensorflow", "out of memory: ...", 3.1).failure();   // "out of memory: ..."
 * }</pre>
 *
 * @param backend              the backend's id
 * @param precision            what the training computed in ({@code fp32}, {@code bf16}); empty when
 *                             it failed before a session opened
 * @param validationAccuracy   accuracy on the validation split after the last epoch; NaN when
 *                             failed or when the plan has no validation split
 * @param testAccuracy         accuracy on the test split after training; NaN when failed
 * @param trainImagesPerSecond training images per second over all epochs (training steps only,
 *                             validation excluded); NaN when failed
 * @param seconds              wall time of the whole: building the network, training, validating, testing
 * @param failure              why it failed; empty when it completed
 */
public record BackendOutcome(String backend, String precision, double validationAccuracy, double testAccuracy,
                             double trainImagesPerSecond, double seconds, String failure) {

    public BackendOutcome {
        precision = precision == null ? "" : precision;
        failure = failure == null ? "" : failure;
    }

    public static BackendOutcome completed(String backend, String precision, double validationAccuracy,
                                           double testAccuracy, double trainImagesPerSecond, double seconds) {
        return new BackendOutcome(backend, precision, validationAccuracy, testAccuracy, trainImagesPerSecond, seconds,
                "");
    }

    public static BackendOutcome failed(String backend, String reason, double seconds) {
        return new BackendOutcome(backend, "", Double.NaN, Double.NaN, Double.NaN, seconds,
                reason == null || reason.isBlank() ? "failed" : reason);
    }

    /** Whether the training completed (its numbers are meaningful). */
    public boolean ok() {
        return failure.isEmpty();
    }
}
