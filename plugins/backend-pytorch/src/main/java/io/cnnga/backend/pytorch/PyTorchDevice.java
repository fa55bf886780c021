package io.cnnga.backend.pytorch;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a network trains, as plans spell it: {@code auto}, {@code cpu} or {@code gpu:N}.
 *
 * <pre>{@code
 * PyTorchDevice d = PyTorchDevice.parse("gpu:1");   // kind GPU, index 1
 * d.resolve(engine);                                 // DJL's Device.gpu(1)
 * }</pre>
 *
 * @param kind  AUTO picks the first GPU when libtorch has CUDA and sees one, else the CPU
 * @param index the GPU's index (0 for the others)
 */
public record PyTorchDevice(Kind kind, int index) {

    public enum Kind { AUTO, CPU, GPU }

    private static final Pattern GPU = Pattern.compile("gpu:(\\d{1,3})");

    /** @throws IllegalArgumentException naming the accepted forms */
    public static PyTorchDevice parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("a device is required: auto, cpu or gpu:N");
        }
        if (text.equals("auto")) {
            return new PyTorchDevice(Kind.AUTO, 0);
        }
        if (text.equals("cpu")) {
            return new PyTorchDevice(Kind.CPU, 0);
        }
        Matcher m = GPU.matcher(text);
        if (m.matches()) {
            return new PyTorchDevice(Kind.GPU, Integer.parseInt(m.group(1)));
        }
        throw new IllegalArgumentException("unknown device \"" + text + "\"; use auto, cpu or gpu:N (e.g. gpu:0)");
    }

    /**
     * DJL's device for this choice.
     *
     * @throws IllegalStateException when a {@code gpu:N} is asked for and libtorch is the CPU build,
     *                               or counts its GPUs and has fewer
     */
    Device resolve(Engine engine) {
        return switch (kind) {
            case AUTO -> engine.defaultDevice();
            case CPU -> Device.cpu();
            case GPU -> {
                if (!engine.hasCapability("CUDA")) {
                    throw new IllegalStateException("device " + this + " is not available: libtorch "
                            + engine.getVersion() + " is the CPU build (point PYTORCH_LIBRARY_PATH at a CUDA"
                            + " libtorch 2.7.1 and set PYTORCH_FLAVOR=cu128)");
                }
                // DJL counts GPUs through the CUDA runtime it finds on the library path; when it finds
                // none, libtorch itself will say whether the device exists at the first tensor.
                int gpus = engine.getGpuCount();
                if (gpus > 0 && index >= gpus) {
                    throw new IllegalStateException("device " + this + " is not available: libtorch "
                            + engine.getVersion() + " sees " + gpus + " GPU(s)");
                }
                yield Device.gpu(index);
            }
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
