package io.cnnga.api;

/**
 * The framework a backend trains with, and its version, as a model card records them.
 *
 * <pre>{@code
 * Framework tf = backend.framework();   // e.g. new Framework("TensorFlow", "2.18.0")
 * tf.toString();                        // "TensorFlow 2.18.0"
 * }</pre>
 *
 * @param name    the framework's own name, e.g. {@code TensorFlow}, {@code PyTorch}
 * @param version its version as it reports it, e.g. {@code 2.18.0}; {@link #UNKNOWN} when not known
 */
public record Framework(String name, String version) {

    /** What a backend that does not say reports. */
    public static final String UNKNOWN = "unknown";

    public Framework {
        if (name == null || name.isBlank() || version == null || version.isBlank()) {
            throw new IllegalArgumentException("a framework needs a name and a version, was " + name + " " + version);
        }
    }

    @Override
    public String toString() {
        return name + " " + version;
    }
}
