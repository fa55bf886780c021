package io.cnnga.backend.tensorflow;

import io.cnnga.api.Precision;
import io.cnnga.api.support.DeviceChoice;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.OptimizerOptions;
import org.tensorflow.proto.RewriterConfig;

/**
 * The {@link ConfigProto} of every session this backend opens: soft placement, GPU memory grown
 * on demand, no GPU at all for {@code cpu}, the thread counts, and for {@link Precision#BF16}
 * (with the {@code bf16=rewrite} switch) Grappler's oneDNN bfloat16 rewrite.
 *
 * <pre>{@code
 * try (Session s = new Session(graph, SessionConfig.of(DeviceChoice.CPU, 0))) { ... }
 * try (Session s = new Session(graph, SessionConfig.of(DeviceChoice.CPU, 0, Precision.BF16))) { ... }
 * }</pre>
 *
 * <p>TensorFlow's thread pools are process-wide: the thread counts of the first session of the
 * JVM hold for every later one, whatever they ask. {@link #threadsInEffect()} says which; asking
 * for another count logs one warning.
 *
 * <p>Bfloat16 is built into the graph ({@link NetworkGraph}) unless {@link #bf16ByRewrite()}: then
 * {@code auto_mixed_precision_onednn_bfloat16} rewrites the graph before it runs instead:
 * convolutions, matrix products and the ops between them (its allow and infer lists) compute in
 * bfloat16, with casts inserted at the borders; variables, the Adam update, softmax cross-entropy,
 * reductions and batch norm's statistics stay float32. The rewrite logs two lines per graph it
 * runs on (absl's INFO lines, which {@code TF_CPP_MIN_LOG_LEVEL} does not silence), about a dozen
 * per trial, and makes Grappler's remapper log an error for leaky relu networks.
 *
 * <p>Switches for measuring, read from system properties (not options: they stay until
 * measurements on an idle machine say they pay): {@code -Dcnnga.tensorflow.bf16=rewrite} trains
 * bfloat16 through the rewrite above instead of the graph's own casts;
 * {@code -Dcnnga.tensorflow.xla=true} turns on XLA's whole-graph JIT ({@code global_jit_level ON_1};
 * on a CPU only with {@code TF_XLA_FLAGS=--tf_xla_cpu_global_jit} in the environment as well);
 * {@code -Dcnnga.tensorflow.interOpThreads=N} gives the inter-op pool N threads instead of the
 * intra-op count.
 */
final class SessionConfig {

    static final String XLA_PROPERTY = "cnnga.tensorflow.xla";
    static final String BF16_PROPERTY = "cnnga.tensorflow.bf16";
    static final String INTER_OP_PROPERTY = "cnnga.tensorflow.interOpThreads";

    private static final System.Logger LOG = System.getLogger(SessionConfig.class.getName());
    private static final AtomicInteger FIRST_THREADS = new AtomicInteger(-1);
    private static final AtomicBoolean WARNED = new AtomicBoolean();

    private SessionConfig() {
    }

    /** A float32 session. @param threads intra-op and inter-op threads; 0 lets TensorFlow choose */
    static ConfigProto of(DeviceChoice device, int threads) {
        return of(device, threads, Precision.FP32);
    }

    /**
     * @param threads   intra-op and inter-op threads; 0 lets TensorFlow choose
     * @param precision {@link Precision#BF16} turns on the oneDNN bfloat16 rewrite (CPU only)
     */
    static ConfigProto of(DeviceChoice device, int threads, Precision precision) {
        if (FIRST_THREADS.compareAndSet(-1, threads)) {
            LOG.log(System.Logger.Level.DEBUG, "threads: the first TensorFlow session of this JVM asks for {0} "
                    + "intra-op and inter-op threads (0: one per core); every later session keeps them", threads);
        } else if (FIRST_THREADS.get() != threads && WARNED.compareAndSet(false, true)) {
            LOG.log(System.Logger.Level.WARNING, "threads: TensorFlow keeps the thread count of the first "
                    + "session of this JVM ({0}); {1} is ignored", FIRST_THREADS.get(), threads);
        }
        ConfigProto.Builder b = ConfigProto.newBuilder()
                .setAllowSoftPlacement(true)
                .setIntraOpParallelismThreads(threads)
                .setInterOpParallelismThreads(Integer.getInteger(INTER_OP_PROPERTY, threads));
        b.getGpuOptionsBuilder().setAllowGrowth(true);
        if (device.kind() == DeviceChoice.Kind.CPU) {
            b.putDeviceCount("GPU", 0);
        }
        if (precision == Precision.BF16 && bf16ByRewrite()) {
            b.getGraphOptionsBuilder().getRewriteOptionsBuilder()
                    .setAutoMixedPrecisionOnednnBfloat16(RewriterConfig.Toggle.ON);
        }
        if (Boolean.parseBoolean(System.getProperty(XLA_PROPERTY, "false").toLowerCase(Locale.ROOT))) {
            b.getGraphOptionsBuilder().getOptimizerOptionsBuilder()
                    .setGlobalJitLevel(OptimizerOptions.GlobalJitLevel.ON_1);
        }
        return b.build();
    }

    /** Whether bfloat16 comes from Grappler's rewrite ({@code -Dcnnga.tensorflow.bf16=rewrite}), not the graph. */
    static boolean bf16ByRewrite() {
        return "rewrite".equals(System.getProperty(BF16_PROPERTY));
    }

    /** The thread count of the first session of this JVM (0: TensorFlow's default), -1 before any. */
    static int threadsInEffect() {
        return FIRST_THREADS.get();
    }
}
