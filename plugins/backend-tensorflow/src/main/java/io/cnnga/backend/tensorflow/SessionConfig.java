package io.cnnga.backend.tensorflow;

import io.cnnga.api.support.DeviceChoice;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.tensorflow.proto.ConfigProto;

/**
 * The {@link ConfigProto} of every session this backend opens: soft placement, GPU memory grown
 * on demand, no GPU at all for {@code cpu}, and the thread counts.
 *
 * <pre>{@code
 * try (Session s = new Session(graph, SessionConfig.of(DeviceChoice.CPU, 0))) { ... }
 * }</pre>
 *
 * <p>TensorFlow's thread pools are process-wide: the thread counts of the first session of the
 * JVM hold for every later one, whatever they ask. {@link #threadsInEffect()} says which; asking
 * for another count logs one warning.
 */
final class SessionConfig {

    private static final System.Logger LOG = System.getLogger(SessionConfig.class.getName());
    private static final AtomicInteger FIRST_THREADS = new AtomicInteger(-1);
    private static final AtomicBoolean WARNED = new AtomicBoolean();

    private SessionConfig() {
    }

    /** @param threads intra-op and inter-op threads; 0 lets TensorFlow choose */
    static ConfigProto of(DeviceChoice device, int threads) {
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
                .setInterOpParallelismThreads(threads);
        b.getGpuOptionsBuilder().setAllowGrowth(true);
        if (device.kind() == DeviceChoice.Kind.CPU) {
            b.putDeviceCount("GPU", 0);
        }
        return b.build();
    }

    /** The thread count of the first session of this JVM (0: TensorFlow's default), -1 before any. */
    static int threadsInEffect() {
        return FIRST_THREADS.get();
    }
}
