package io.cnnga.engine.executor;

/**
 * Where the local executor trains a trial: {@code thread} (in the engine's JVM) or
 * {@code process} (in a child JVM of its own).
 *
 * <pre>{@code
 * "executor": { "id": "local", "options": { "isolation": "process" } }
 * }</pre>
 *
 * <p>A child JVM costs about a second per trial (starting Java, loading the data) and buys
 * safety: a crash, a hang past {@code trialTimeout}, or memory a framework keeps until its
 * process exits (TensorFlow holds GPU memory so) then costs one trial, never the run.
 */
enum Isolation {
    THREAD("thread"),
    PROCESS("process");

    private final String option;

    Isolation(String option) {
        this.option = option;
    }

    /** How plans spell it. */
    String option() {
        return option;
    }

    static Isolation of(String option) {
        for (Isolation i : values()) {
            if (i.option.equals(option)) {
                return i;
            }
        }
        throw new IllegalArgumentException("unknown isolation \"" + option + "\"");
    }
}
