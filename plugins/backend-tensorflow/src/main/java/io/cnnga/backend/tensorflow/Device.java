package io.cnnga.backend.tensorflow;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a network runs, as plans spell it: {@code auto}, {@code cpu} or {@code gpu:N}.
 *
 * <pre>{@code
 * Device d = Device.parse("gpu:1");   // kind GPU, index 1
 * d.tensorFlowName();                  // "/device:GPU:1"
 * }</pre>
 *
 * @param kind  AUTO leaves placement to TensorFlow
 * @param index the GPU's index (0 for the others)
 */
public record Device(Kind kind, int index) {

    public enum Kind { AUTO, CPU, GPU }

    private static final Pattern GPU = Pattern.compile("gpu:(\\d{1,3})");

    /** @throws IllegalArgumentException naming the accepted forms */
    public static Device parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("a device is required: auto, cpu or gpu:N");
        }
        if (text.equals("auto")) {
            return new Device(Kind.AUTO, 0);
        }
        if (text.equals("cpu")) {
            return new Device(Kind.CPU, 0);
        }
        Matcher m = GPU.matcher(text);
        if (m.matches()) {
            return new Device(Kind.GPU, Integer.parseInt(m.group(1)));
        }
        throw new IllegalArgumentException("unknown device \"" + text + "\"; use auto, cpu or gpu:N (e.g. gpu:0)");
    }

    /** TensorFlow's device name, or null for AUTO. */
    public String tensorFlowName() {
        return switch (kind) {
            case AUTO -> null;
            case CPU -> "/device:CPU:0";
            case GPU -> "/device:GPU:" + index;
        };
    }

    @Override
    public String toString() {
        return switch (kind) {
            case AUTO -> "auto";
            case CPU -> "cpu";
            case GPU -> "gpu:" + index;
        };
    }
}
