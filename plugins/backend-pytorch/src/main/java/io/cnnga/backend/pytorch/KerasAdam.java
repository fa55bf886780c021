package io.cnnga.backend.pytorch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.ArrayList;
import java.util.List;

/**
 * Adam as Keras and TensorFlow's {@code ApplyAdam} compute it, which differs from
 * {@code torch.optim.Adam} in where epsilon sits:
 * {@code w −= lr·sqrt(1 − β₂ᵗ)/(1 − β₁ᵗ) · m / (sqrt(v) + ε)} (PyTorch divides by
 * {@code sqrt(v)/sqrt(1 − β₂ᵗ) + ε}). β₁ 0.9, β₂ 0.999, ε 1e-7 (Keras' defaults; PyTorch's ε is 1e-8).
 *
 * <pre>{@code
 * KerasAdam adam = new KerasAdam(network.parameters(), 1e-3, manager);
 * JniUtils.backward(loss, ones, false, false);
 * adam.step(stepManager);   // updates every trainable tensor and zeroes its gradient
 * }</pre>
 *
 * <p>libtorch's fused optimizers are out of DJL's reach, and DJL's own {@code adamUpdate} kernel
 * allocates five weight-sized temporaries per tensor per step (on the CPU, fresh pages each time:
 * it took longer than the forward and backward passes of {@code ref-a}). This composes the update
 * from in-place tensor operations instead, the gradient's own buffer serving as scratch, so each
 * step allocates only {@code sqrt(v)}: {@code m ← β₁(m − g) + g}, {@code v ← β₂(v − g²) + g²},
 * {@code w −= lrₜ · m / (sqrt(v) + ε)} — algebraically TensorFlow's {@code m += (g − m)(1 − β₁)}
 * and {@code v += (g² − v)(1 − β₂)}, equal up to float rounding. Those fifteen operations run
 * over {@value #CHUNK}-element slices in turn rather than over whole tensors, so that a slice is
 * read from memory once instead of fifteen times: on {@code ref-a} (8.7 million weights) that
 * made the update take 13 to 15.6 ms a step instead of 22.4. It still costs about as much as the
 * backward pass on a CPU, where TensorFlow's fused kernel costs a fraction of it.
 */
final class KerasAdam {

    static final float BETA1 = 0.9f;
    static final float BETA2 = 0.999f;
    static final float EPSILON = 1e-7f;

    /**
     * Elements updated together. Smaller slices stay in a faster cache but pay the fifteen libtorch
     * calls more often: the update's median time per step on 2 cores, at 2^15, 2^17, 2^18, 2^19,
     * 2^20 and 2^21 elements and whole tensors, was 27.9, 17.8-21.9, 16.8, 13.0-15.6, 13.0, 14.4
     * and 22.4 ms for {@code ref-a} (8.7 M weights), 15.8-16.6 ms at 2^17 and 10.2-12.3 at 2^19 for
     * {@code ref-b}; the five slices of 2^19 take 10 MB.
     */
    static final int CHUNK = 1 << 19;

    /** A trainable tensor, its moments, and the same three cut into chunk-sized views. */
    private record Slot(PtNDArray weight, PtNDArray m, PtNDArray v, List<PtNDArray[]> chunks) {
    }

    private final List<Slot> slots = new ArrayList<>();
    private final double learningRate;
    private final NDArray beta1;
    private final NDArray beta2;
    private final NDArray epsilon;
    private final NDArray zero;
    private int steps;

    /** Zero first and second moments for every trainable tensor, in {@code manager}. */
    KerasAdam(List<TorchParameter> parameters, double learningRate, NDManager manager) {
        this.learningRate = learningRate;
        for (TorchParameter p : parameters) {
            if (p.trainable()) {
                PtNDArray w = p.value();
                PtNDArray m = (PtNDArray) manager.zeros(w.getShape(), w.getDataType());
                PtNDArray v = (PtNDArray) manager.zeros(w.getShape(), w.getDataType());
                slots.add(new Slot(w, m, v, chunks(w, m, v)));
            }
        }
        // Scalars as tensors made once: DJL turns every Java number operand into a new tensor.
        beta1 = scalar(manager, BETA1);
        beta2 = scalar(manager, BETA2);
        epsilon = scalar(manager, EPSILON);
        zero = scalar(manager, 0f);
    }

    /** Views [w, m, v] of each chunk, made once, with autograd off (they are never differentiated). */
    private static List<PtNDArray[]> chunks(PtNDArray w, PtNDArray m, PtNDArray v) {
        long n = w.size();
        List<PtNDArray[]> out = new ArrayList<>();
        boolean gradMode = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try (PtNDArray wf = flat(w); PtNDArray mf = flat(m); PtNDArray vf = flat(v)) {
            for (long from = 0; from < n; from += CHUNK) {
                long to = Math.min(n, from + CHUNK);
                out.add(new PtNDArray[] {JniUtils.slice(wf, 0, from, to, 1), JniUtils.slice(mf, 0, from, to, 1),
                    JniUtils.slice(vf, 0, from, to, 1)});
            }
        } finally {
            JniUtils.setGradMode(gradMode);
        }
        return out;
    }

    private static PtNDArray flat(PtNDArray a) {
        return (PtNDArray) a.reshape(a.size());
    }

    private static NDArray scalar(NDManager manager, float value) {
        return manager.full(new Shape(), value);
    }

    /** Updates applied so far. */
    int steps() {
        return steps;
    }

    /**
     * One update from the gradients the last backward pass left; then zeroes them.
     *
     * @param scratch a manager for this step's temporaries, closed by the caller
     */
    void step(NDManager scratch) {
        steps++;
        double correction = Math.sqrt(1 - Math.pow(BETA2, steps)) / (1 - Math.pow(BETA1, steps));
        NDArray stepSize = scalar(scratch, (float) (learningRate * correction));
        boolean gradMode = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try {
            for (Slot s : slots) {
                update(s, stepSize, scratch);
            }
        } finally {
            JniUtils.setGradMode(gradMode);
        }
    }

    private void update(Slot s, NDArray stepSize, NDManager scratch) {
        PtNDArray g = JniUtils.getGradient(s.weight());
        if (g == null) {
            // The loss does not reach this tensor (e.g. batch norm's gamma over a single value):
            // TensorFlow's gradient is zero, which still moves the weight by its momentum.
            g = (PtNDArray) s.weight().zerosLike();
            g.attach(scratch);
        }
        // Closing these handles leaves the gradient buffer with the weight for the next backward pass.
        try (PtNDArray gradient = g; PtNDArray gf = flat(gradient)) {
            long from = 0;
            for (PtNDArray[] chunk : s.chunks()) {
                long to = from + chunk[0].size();
                try (PtNDArray gc = JniUtils.slice(gf, 0, from, to, 1)) {
                    update(chunk[0], gc, chunk[1], chunk[2], stepSize);
                }
                from = to;
            }
        }
    }

    /** One chunk: m ← β₁(m − g) + g; v ← β₂(v − g²) + g²; w −= lrₜ·m/(sqrt(v) + ε); g ← 0. */
    private void update(NDArray w, NDArray g, NDArray m, NDArray v, NDArray stepSize) {
        m.subi(g).muli(beta1).addi(g);
        g.muli(g);
        v.subi(g).muli(beta2).addi(g);
        try (NDArray denominator = v.sqrt()) {
            denominator.addi(epsilon);
            g.muli(zero).addi(m).divi(denominator).muli(stepSize);
        }
        w.subi(g);
        g.muli(zero);
    }
}
