package io.cnnga.api;

/**
 * How long a trained network takes to classify one image, measured by its backend on its device:
 * what a multi-objective search minimises for a latency budget.
 *
 * <pre>{@code
 * session.inferenceLatency().ifPresent(l -> System.out.println(l.millis() + " ms on " + l.device()));
 * }</pre>
 *
 * @param millis milliseconds per image at batch 1 (the median of repeated measurements)
 * @param device where it was measured, e.g. {@code cpu} or {@code gpu:0}
 */
public record InferenceLatency(double millis, String device) {

    public InferenceLatency {
        if (!(millis >= 0) || !Double.isFinite(millis)) {
            throw new IllegalArgumentException("millis must be >= 0, was " + millis);
        }
        if (device == null || device.isBlank()) {
            throw new IllegalArgumentException("a latency names its device");
        }
    }
}
