package io.cnnga.api.support;

import io.cnnga.api.LayerSummary;
import io.cnnga.api.TrainingFailedException;
import io.cnnga.api.LayerSpec;
import io.cnnga.api.ModelSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * A rough upper estimate of the memory a network needs, which a backend checks before it builds
 * the network.
 *
 * <pre>{@code
 * MemoryEstimate.requireFits(spec, 32, 256);   // TrainingFailedException("out of memory: this network needs about …")
 * }</pre>
 *
 * <p>Why: a framework that runs out of host memory seldom reports it. TensorFlow 2.18's oneDNN CPU
 * kernels die with SIGSEGV after "OOM when allocating tensor", and libtorch's many smaller
 * allocations succeed on an overcommitting Linux until the kernel's OOM killer ends the whole
 * run. A network too large for the machine must therefore fail its trial before it runs. The
 * estimate counts, in float32: every layer's output for the batch and 1.5× that for saved
 * activations, masks and gradients, twice the largest tensor for work space, and weights with
 * their gradient and two Adam moments.
 */
public final class MemoryEstimate {

    /** Share of the available memory a training may plan to use. */
    public static final double USABLE = 0.8;

    private MemoryEstimate() {
    }

    /** Bytes a training step at {@code batch} images needs, weights and Adam's moments included. */
    public static long trainingBytes(ModelSpec spec, int batch) {
        long activations = spec.input().size();
        long largest = spec.input().size();
        for (LayerSummary row : spec.summary()) {
            long out = row.output().size();
            activations += row.layer() instanceof LayerSpec.Dropout ? 2 * out : out;
            largest = Math.max(largest, out);
        }
        double floats = 2.5 * activations * batch + 2.0 * largest * batch + 4.0 * spec.params();
        return (long) (4 * floats);
    }

    /** Bytes an inference pass over {@code batch} images needs. */
    public static long evaluationBytes(ModelSpec spec, int batch) {
        long largest = spec.input().size();
        long in = spec.input().size();
        for (LayerSummary row : spec.summary()) {
            largest = Math.max(largest, in + row.output().size());
            in = row.output().size();
        }
        return 4L * (3 * largest * batch + spec.params());
    }

    /** MemAvailable of /proc/meminfo, empty where there is none. */
    public static OptionalLong availableBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemAvailable:")) {
                    return OptionalLong.of(Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or unreadable: no check
        }
        return OptionalLong.empty();
    }

    /**
     * Null when the network fits in {@link #USABLE} of {@code available} (or nothing is known of
     * the memory), else the reason a trial fails with.
     */
    public static String problem(ModelSpec spec, int batch, int evalBatch, OptionalLong available) {
        if (available.isEmpty()) {
            return null;
        }
        long need = Math.max(trainingBytes(spec, batch), evaluationBytes(spec, evalBatch));
        if (need <= USABLE * available.getAsLong()) {
            return null;
        }
        return String.format(Locale.ROOT,
                "out of memory: this network needs about %s at batch %d, and %s of memory is available",
                human(need), batch, human(available.getAsLong()));
    }

    /**
     * Fails when the network does not fit the memory this machine has available now.
     *
     * @throws TrainingFailedException with {@link #problem}'s reason
     */
    public static void requireFits(ModelSpec spec, int batch, int evalBatch) {
        String problem = problem(spec, batch, evalBatch, availableBytes());
        if (problem != null) {
            throw new TrainingFailedException(problem);
        }
    }

    /** "1.5 GB", "640 MB". */
    public static String human(long bytes) {
        if (bytes >= 1L << 30) {
            return String.format(Locale.ROOT, "%.1f GB", bytes / (double) (1L << 30));
        }
        return String.format(Locale.ROOT, "%.0f MB", bytes / (double) (1L << 20));
    }
}
