package io.cnnga.backend.tensorflow;

import java.util.HashSet;
import java.util.Set;
import org.tensorflow.TensorFlow;
import org.tensorflow.op.RawCustomGradient;

/**
 * Gradients written in Java for ops the backend builds ({@link FusedConvolution}, {@link FusedDense}),
 * registered with TensorFlow once per JVM: TensorFlow keeps one gradient per op type for the
 * process, and refuses a second.
 *
 * <pre>{@code
 * JavaGradients.registerOnce("_FusedMatMul", FusedDense::gradient);  // before the first graph using it is differentiated
 * }</pre>
 *
 * @implSpec thread-safe.
 */
final class JavaGradients {

    private static final Set<String> REGISTERED = new HashSet<>();

    private JavaGradients() {
    }

    /** Registers {@code gradient} for {@code opType} unless this JVM already has. */
    static synchronized void registerOnce(String opType, RawCustomGradient gradient) {
        if (REGISTERED.add(opType)) {
            TensorFlow.registerCustomGradient(opType, gradient);
        }
    }
}
