package io.cnnga.backend.tensorflow;

import io.cnnga.api.Backend;
import io.cnnga.api.support.BackendOptions;
import io.cnnga.api.support.CpuFeatures;
import io.cnnga.api.support.DeviceChoice;
import io.cnnga.api.EventLog;
import io.cnnga.api.Framework;
import io.cnnga.api.Predictor;
import io.cnnga.api.support.MemoryEstimate;
import io.cnnga.api.support.TrainingLoop;
import io.cnnga.api.ModelSpec;
import io.cnnga.api.Precision;
import io.cnnga.api.TrainingConfig;
import io.cnnga.api.TrainingFailedException;
import io.cnnga.api.TrainingSession;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.TensorFlow;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.ConfigProto;

/**
 * Trains {@link ModelSpec}s with TensorFlow Java in graph mode, on the CPU or a GPU.
 *
 * <pre>{@code
 * try (Backend tf = new TensorFlowBackend(BackendOptions.defaults());
 *      TrainingSession s = tf.open(spec, new TrainingConfig(2, 32, 1e-3, 42L, null))) {
 *     s.trainEpoch(1, splits.train(), splits.validation(), TrainingListener.NONE);
 * }
 * }</pre>
 *
 * <p>Creating one loads TensorFlow's native libraries. GPUs need the {@code -Pgpu} build (CUDA
 * natives); a config naming {@code gpu:N} that TensorFlow cannot see fails that training with a
 * {@link TrainingFailedException}. So does a network whose estimated memory exceeds what the
 * machine has available ({@link MemoryEstimate}): TensorFlow's oneDNN kernels crash the process
 * on an allocation failure instead of reporting it. Sessions compute in the {@link Precision} the
 * {@code precision} option resolves to on their device ({@link #precision()} for the backend's own):
 * bfloat16 mixed precision on a CPU with AVX-512 BF16 or AMX ({@link CpuFeatures}, which a test may
 * replace), float32 elsewhere. Thread-safe: sessions are independent.
 */
public final class TensorFlowBackend implements Backend {

    /** Side of the matrices {@link #peakGflops} multiplies on a CPU; GPUs get {@link #GPU_PEAK_SIZE}. */
    static final int CPU_PEAK_SIZE = 2048;
    static final int GPU_PEAK_SIZE = 8192;

    private static final System.Logger LOG = System.getLogger(TensorFlowBackend.class.getName());

    private final BackendOptions options;
    private final DeviceChoice device;
    private final CpuFeatures cpu;
    private final Map<DeviceChoice, String> deviceProblems = new ConcurrentHashMap<>();
    private final Map<Precision, Double> peaks = new ConcurrentHashMap<>();
    private final AtomicBoolean precisionWarned = new AtomicBoolean();

    /** A backend on this machine's CPU features. */
    public TensorFlowBackend(BackendOptions options) {
        this(options, CpuFeatures.current());
    }

    /** @param cpu what {@code precision: auto} (and {@code bf16}) believe the CPU can do */
    TensorFlowBackend(BackendOptions options, CpuFeatures cpu) {
        this.options = options;
        this.device = DeviceChoice.parse(options.device());
        this.cpu = cpu;
        TensorFlow.version(); // loads the natives now, not in the middle of a trial
    }

    /** The TensorFlow runtime's version, e.g. "2.18.0". */
    public static String tensorFlowVersion() {
        return TensorFlow.version();
    }

    public BackendOptions options() {
        return options;
    }

    @Override
    public TrainingSession open(ModelSpec spec, TrainingConfig config) {
        return session(spec, config);
    }

    /** {@link #open}, typed: the shared loop around this backend's steps. */
    TrainingLoop<TensorFlowTrainingSteps> session(ModelSpec spec, TrainingConfig config) {
        DeviceChoice d = config.device() == null ? device : DeviceChoice.parse(config.device());
        requireAvailable(d);
        MemoryEstimate.requireFits(spec, config.batchSize(), TrainingLoop.evalBatch(config.batchSize()));
        long seed = options.seedFor(config.seed());
        boolean onCpu = onCpu(d);
        return new TrainingLoop<>(spec, config, seed, options.batchNormStatistics(),
                TensorFlowTrainingSteps.open(spec, config, d, onCpu, options, seed, precisionOn(onCpu)));
    }

    /** The precision of sessions on the backend's own device. */
    @Override
    public Precision precision() {
        return precisionOn(onCpu(device));
    }

    /**
     * {@code bf16} where it is fast and tested: on a CPU with AVX-512 BF16 or AMX, through oneDNN.
     * GPUs train in float32: the graph's bfloat16 casts have never run on one (no GPU was at hand),
     * and TensorFlow's own GPU rewrite makes float16, which needs loss scaling. Asking for
     * {@code bf16} where it is not used warns once per backend.
     */
    private Precision precisionOn(boolean onCpu) {
        if (!onCpu) {
            return options.precision().resolve(false, "this backend's bfloat16 is untested on GPUs", this::warnOnce);
        }
        return options.precision().resolve(cpu.fastBf16(), "the CPU has neither avx512_bf16 nor amx_bf16",
                this::warnOnce);
    }

    private void warnOnce(String message) {
        if (precisionWarned.compareAndSet(false, true)) {
            LOG.log(System.Logger.Level.WARNING, message);
        }
    }

    @Override
    public Framework framework() {
        return new Framework("TensorFlow", TensorFlow.version());
    }

    /** A SavedModel ({@link SavedModelExporter}). */
    @Override
    public String exportFormat() {
        return "savedmodel";
    }

    /** The SavedModel in {@code directory}, run through its {@code serving_default} signature on this backend's device. */
    @Override
    public Predictor load(Path directory, ModelSpec spec) {
        requireAvailable(device);
        return SavedModelPredictor.load(directory, spec, device, options.threads());
    }

    /** Event files written by TensorFlow's summary ops, on the CPU. */
    @Override
    public Optional<EventLog> eventLog(Path directory) {
        return Optional.of(TensorFlowEventLog.open(directory, options.threads()));
    }

    @Override
    public String defaultDevice() {
        return device.toString();
    }

    @Override
    public OptionalDouble peakGflops() {
        return peakGflops(Precision.FP32);
    }

    /** The best MatMul throughput with {@code precision} operands, measured once per precision. */
    @Override
    public synchronized OptionalDouble peakGflops(Precision precision) {
        Double p = peaks.get(precision);
        if (p == null) {
            requireAvailable(device);
            int n = device.isGpu() ? GPU_PEAK_SIZE : CPU_PEAK_SIZE;
            p = MatMulPeak.measure(device, options.threads(), n, precision);
            peaks.put(precision, p);
        }
        return OptionalDouble.of(p);
    }

    /** Whether a graph on {@code d} certainly runs on the CPU: {@code cpu}, or {@code auto} with no GPU visible. */
    private boolean onCpu(DeviceChoice d) {
        return switch (d.kind()) {
            case CPU -> true;
            case GPU -> false;
            case AUTO -> !deviceProblems.computeIfAbsent(new DeviceChoice(DeviceChoice.Kind.GPU, 0), this::probe).isEmpty();
        };
    }

    /** Fails, once per device and ever after, when a {@code gpu:N} cannot be used. */
    private void requireAvailable(DeviceChoice d) {
        if (!d.isGpu()) {
            return;
        }
        String problem = deviceProblems.computeIfAbsent(d, this::probe);
        if (!problem.isEmpty()) {
            throw new TrainingFailedException("device " + d + " is not available: " + problem);
        }
    }

    /**
     * Runs a constant on the device without soft placement; "" when it works, else why not. With
     * {@code device: auto} this is the JVM's first TensorFlow session, which fixes the thread pools
     * for every later one: it asks for the configured threads.
     */
    private String probe(DeviceChoice d) {
        try (Graph g = new Graph()) {
            Ops tf = DevicePlacement.on(Ops.create(g), d);
            var value = tf.withName("probe").identity(tf.constant(1f));
            ConfigProto config = SessionConfig.of(d, options.threads()).toBuilder().setAllowSoftPlacement(false).build();
            try (Session s = new Session(g, config); Result ignored = s.runner().fetch(value).run()) {
                return "";
            }
        } catch (RuntimeException e) {
            String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip().split("\n")[0];
            return m + " (GPUs need the -Pgpu build with CUDA 12 and cuDNN 9)";
        }
    }

    @Override
    public String toString() {
        return "tensorflow " + TensorFlow.version() + " on " + device;
    }
}
