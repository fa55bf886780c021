package io.cnnga.api.support;

import io.cnnga.api.TrainingConfig;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a network trains, as plans spell it — {@code auto}, {@code cpu} or {@code gpu:N} — in a
 * backend's {@code device} option, an executor's {@code devices} and {@link TrainingConfig#device()}.
 *
 * <pre>{@code
 * DeviceChoice d = DeviceChoice.parse("gpu:1");   // kind GPU, index 1
 * d.toString();                                   // "gpu:1"
 * }</pre>
 *
 * <p>One syntax for every plugin, so that the device an executor hands a trial means the same to
 * every backend. What {@code auto} becomes is the backend's choice.
 *
 * @param kind  AUTO leaves the choice to the backend
 * @param index the GPU's index (0 for the others)
 */
public record DeviceChoice(Kind kind, int index) {

    public enum Kind { AUTO, CPU, GPU }

    public static final DeviceChoice AUTO = new DeviceChoice(Kind.AUTO, 0);
    public static final DeviceChoice CPU = new DeviceChoice(Kind.CPU, 0);

    private static final Pattern GPU = Pattern.compile("gpu:(\\d{1,3})");

    public DeviceChoice {
        if (kind == null) {
            throw new IllegalArgumentException("a device kind is required");
        }
        if (index < 0 || (kind != Kind.GPU && index != 0)) {
            throw new IllegalArgumentException("device index " + index + " does not fit kind " + kind);
        }
    }

    /** @throws IllegalArgumentException naming the accepted forms */
    public static DeviceChoice parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("a device is required: auto, cpu or gpu:N");
        }
        if (text.equals("auto")) {
            return AUTO;
        }
        if (text.equals("cpu")) {
            return CPU;
        }
        Matcher m = GPU.matcher(text);
        if (m.matches()) {
            return new DeviceChoice(Kind.GPU, Integer.parseInt(m.group(1)));
        }
        throw new IllegalArgumentException("unknown device \"" + text + "\"; use auto, cpu or gpu:N (e.g. gpu:0)");
    }

    public boolean isGpu() {
        return kind == Kind.GPU;
    }

    /** As plans spell it: {@code auto}, {@code cpu}, {@code gpu:N}. */
    @Override
    public String toString() {
        return switch (kind) {
            case AUTO -> "auto";
            case CPU -> "cpu";
            case GPU -> "gpu:" + index;
        };
    }
}
