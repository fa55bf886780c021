package io.cnnga.executor.spark;

import java.util.Locale;

/**
 * What a Spark task sends back for its trial: the worker's answer, or why there is none,
 * with where and how long it ran. Travels as a plain string, so the driver needs no class of
 * this plugin to read what Spark deserializes.
 *
 * <pre>{@code
 * String wire = TaskOutcome.answer("3 on node-7", "gpu:0", 41.2, answer).encode();
 * TaskOutcome back = TaskOutcome.decode(wire);
 * }</pre>
 *
 * @param executor   the Spark executor and host that ran the task
 * @param device     the device the task gave the backend, or "" for the backend's own
 * @param seconds    wall time of the task
 * @param answer     the worker's answer ({@link io.cnnga.api.RemoteWorker#run}), or null when the
 *                   task failed before the worker could answer
 * @param failure    why there is no answer; null when there is one
 */
record TaskOutcome(String executor, String device, double seconds, String answer, String failure) {

    private static final String ANSWER = "ANSWER";
    private static final String FAILURE = "FAILURE";

    static TaskOutcome answer(String executor, String device, double seconds, String answer) {
        return new TaskOutcome(executor, device, seconds, answer, null);
    }

    static TaskOutcome failure(String executor, String device, double seconds, String reason) {
        return new TaskOutcome(executor, device, seconds, null, reason);
    }

    /** One header line of tab-separated fields, then the answer or the reason. */
    String encode() {
        return String.join("\t", answer != null ? ANSWER : FAILURE, clean(executor), clean(device),
                String.format(Locale.ROOT, "%.3f", seconds)) + "\n" + (answer != null ? answer : failure);
    }

    static TaskOutcome decode(String wire) {
        int newline = wire.indexOf('\n');
        String[] header = wire.substring(0, newline).split("\t", -1);
        String body = wire.substring(newline + 1);
        double seconds = Double.parseDouble(header[3]);
        return header[0].equals(ANSWER) ? answer(header[1], header[2], seconds, body)
                : failure(header[1], header[2], seconds, body);
    }

    private static String clean(String field) {
        return field == null ? "" : field.replace('\t', ' ').replace('\n', ' ');
    }
}
