package io.cnnga.backend.tensorflow;

import java.util.concurrent.atomic.AtomicInteger;
import org.tensorflow.proto.ConfigProto;

/**
 * The {@link ConfigProto} of every session this backend opens.
 *
 * <p>TensorFlow's thread pools are process-wide: the intra-op thread count of the first session
 * of the JVM holds for every later one, whatever they ask. {@link #threadsInEffect()} says which.
 */
final class SessionConfig {

    private static final AtomicInteger FIRST_THREADS = new AtomicInteger(-1);

    private SessionConfig() {
    }

    static ConfigProto of(Device device, int threads) {
        FIRST_THREADS.compareAndSet(-1, threads);
        ConfigProto.Builder b = ConfigProto.newBuilder()
                .setAllowSoftPlacement(true)
                .setIntraOpParallelismThreads(threads)
                .setInterOpParallelismThreads(threads);
        b.getGpuOptionsBuilder().setAllowGrowth(true);
        if (device.kind() == Device.Kind.CPU) {
            b.putDeviceCount("GPU", 0);
        }
        return b.build();
    }

    /** The thread count of the first session of this JVM (0: TensorFlow's default), -1 before any. */
    static int threadsInEffect() {
        return FIRST_THREADS.get();
    }
}
