package io.cnnga.backend.pytorch;

import ai.djl.Device;
import ai.djl.engine.Engine;
import io.cnnga.api.Backend;
import io.cnnga.api.Framework;
import io.cnnga.api.Predictor;
import io.cnnga.api.support.BackendOptions;
import io.cnnga.api.support.DeviceChoice;
import io.cnnga.api.support.PrecisionChoice;
import io.cnnga.api.support.MemoryEstimate;
import io.cnnga.api.support.TrainingLoop;
import io.cnnga.api.ModelSpec;
import io.cnnga.api.TrainingConfig;
import io.cnnga.api.TrainingFailedException;
import io.cnnga.api.TrainingSession;
import java.nio.file.Path;
import java.util.OptionalDouble;

/**
 * Trains {@link ModelSpec}s with PyTorch (libtorch 2.7.1 through DJL 0.36), on the CPU or a GPU,
 * with the TensorFlow backend's semantics.
 *
 * <pre>{@code
 * try (Backend torch = new PyTorchBackend(BackendOptions.defaults());
 *      TrainingSession s = torch.open(spec, new TrainingConfig(2, 32, 1e-3, 42L, null))) {
 *     s.trainEpoch(1, splits.train(), splits.validation(), TrainingListener.NONE);
 * }
 * }</pre>
 *
 * <p>Creating one loads libtorch (see {@link PyTorchRuntime}: offline, from the bundled CPU build
 * or from {@code PYTORCH_LIBRARY_PATH}). A config naming a {@code gpu:N} that libtorch cannot see
 * fails that training with a {@link TrainingFailedException}; so does, on the CPU, a network whose
 * estimated memory exceeds what the machine has available ({@link MemoryEstimate}), before libtorch
 * allocates it (CUDA reports its own out-of-memory errors, which fail the training too). Thread-safe: sessions are
 * independent (dropout shares libtorch's global generator, so concurrent sessions are not
 * bit-reproducible).
 */
public final class PyTorchBackend implements Backend {

    /** Side of the matrices {@link #peakGflops()} multiplies on a CPU; GPUs get {@link #GPU_PEAK_SIZE}. */
    static final int CPU_PEAK_SIZE = 2048;
    static final int GPU_PEAK_SIZE = 8192;

    /**
     * Why {@code precision: bf16} is refused. DJL 0.36's libtorch binding can make no bfloat16
     * tensor (a cast to it aborts the JVM: its native dtype table stops at complex64) and casts
     * with autograd off, so a bfloat16 copy of a weight would not pass gradients back to the
     * float32 weight; it does not expose libtorch's autocast either.
     */
    static final String BF16_UNAVAILABLE = "bf16 is not available on the pytorch backend (DJL 0.36 cannot make "
            + "bfloat16 tensors that autograd follows); use fp32, or auto, which is fp32 here";

    private final BackendOptions options;
    private final DeviceChoice device;
    private final Engine engine;
    private volatile Double peak;

    /**
     * Trains in float32 whatever the CPU: {@code precision: auto} means fp32 here.
     *
     * @throws IllegalArgumentException for {@code precision: bf16} ({@link #BF16_UNAVAILABLE})
     * @throws TrainingFailedException  when libtorch cannot be loaded
     */
    public PyTorchBackend(BackendOptions options) {
        if (options.precision() == PrecisionChoice.BF16) {
            throw new IllegalArgumentException("precision: " + BF16_UNAVAILABLE);
        }
        this.options = options;
        this.device = DeviceChoice.parse(options.device());
        this.engine = PyTorchRuntime.engine(options.threads());
    }

    /** libtorch's version, e.g. "2.7.1" (loads it). */
    public static String pyTorchVersion() {
        return PyTorchRuntime.version();
    }

    public BackendOptions options() {
        return options;
    }

    @Override
    public TrainingSession open(ModelSpec spec, TrainingConfig config) {
        return session(spec, config);
    }

    /** {@link #open}, typed: the shared loop around this backend's steps. */
    TrainingLoop<PyTorchTrainingSteps> session(ModelSpec spec, TrainingConfig config) {
        DeviceChoice d = config.device() == null ? device : DeviceChoice.parse(config.device());
        Device resolved = resolve(d);
        if (!resolved.isGpu()) {
            MemoryEstimate.requireFits(spec, config.batchSize(), TrainingLoop.evalBatch(config.batchSize()));
        }
        long seed = options.seedFor(config.seed());
        return new TrainingLoop<>(spec, config, seed, options.batchNormStatistics(),
                PyTorchTrainingSteps.open(engine, spec, config, resolved, options, seed));
    }

    @Override
    public Framework framework() {
        return new Framework("PyTorch", engine.getVersion());
    }

    /** {@code model.safetensors} ({@link PyTorchTrainingSteps#export}). */
    @Override
    public String exportFormat() {
        return "safetensors";
    }

    /** The network of {@code spec} with the tensors of {@code directory/model.safetensors}, on this backend's device. */
    @Override
    public Predictor load(Path directory, ModelSpec spec) {
        return SafetensorsPredictor.load(engine, resolve(device), directory, spec);
    }

    /** The device {@code auto} means here: {@code gpu:0} with a CUDA libtorch that sees a GPU, else {@code cpu}. */
    @Override
    public String defaultDevice() {
        return words(resolve(device));
    }

    @Override
    public OptionalDouble peakGflops() {
        Double p = peak;
        if (p == null) {
            synchronized (this) {
                if (peak == null) {
                    Device d = resolve(device);
                    peak = MatMulPeak.measure(engine, d, d.isGpu() ? GPU_PEAK_SIZE : CPU_PEAK_SIZE);
                }
                p = peak;
            }
        }
        return OptionalDouble.of(p);
    }

    private Device resolve(DeviceChoice d) {
        try {
            return PyTorchRuntime.device(d, engine);
        } catch (IllegalStateException e) {
            throw new TrainingFailedException(e.getMessage(), e);
        }
    }

    private static String words(Device d) {
        return d.isGpu() ? "gpu:" + d.getDeviceId() : "cpu";
    }

    @Override
    public String toString() {
        return "pytorch " + engine.getVersion() + " on " + defaultDevice();
    }
}
