package io.cnnga.backend.tensorflow;

import io.cnnga.api.support.GlorotUniform;
import io.cnnga.api.LayerSpec;
import io.cnnga.api.LayerSummary;
import io.cnnga.api.ModelSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One variable of a network: its name, shape and role. Computed from a {@link ModelSpec} alone, so
 * that the training graph and the exported graph name their variables alike.
 *
 * <pre>{@code
 * List<ParameterSpec> params = ParameterSpec.of(spec);
 * params.get(0).name();    // "conv2d_kernel"
 * }</pre>
 *
 * <p>Names never contain "/" (Adam slot names are derived from them).
 *
 * @param layer index of the layer in the spec
 * @param name  unique variable name, Keras' layer name + "_" + role
 * @param shape dimensions
 * @param role  what it is
 */
record ParameterSpec(int layer, String name, long[] shape, Role role) {

    enum Role {
        KERNEL, BIAS, GAMMA, BETA, MOVING_MEAN, MOVING_VARIANCE;

        boolean trainable() {
            return this != MOVING_MEAN && this != MOVING_VARIANCE;
        }
    }

    boolean trainable() {
        return role.trainable();
    }

    int size() {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return Math.toIntExact(n);
    }

    /** The variables of {@code spec}, in layer order. */
    static List<ParameterSpec> of(ModelSpec spec) {
        List<ParameterSpec> out = new ArrayList<>();
        for (LayerSummary row : spec.summary()) {
            LayerSpec layer = row.layer();
            String n = row.name();
            int i = row.index();
            if (layer instanceof LayerSpec.Conv2D c) {
                long k = c.kernelSize();
                out.add(new ParameterSpec(i, n + "_kernel", new long[] {k, k, row.input().dim(2), c.filters()}, Role.KERNEL));
                out.add(new ParameterSpec(i, n + "_bias", new long[] {c.filters()}, Role.BIAS));
            } else if (layer instanceof LayerSpec.Dense d) {
                out.add(new ParameterSpec(i, n + "_kernel", new long[] {row.input().dim(0), d.units()}, Role.KERNEL));
                out.add(new ParameterSpec(i, n + "_bias", new long[] {d.units()}, Role.BIAS));
            } else if (layer instanceof LayerSpec.BatchNorm) {
                long ch = row.input().dim(row.input().rank() - 1);
                out.add(new ParameterSpec(i, n + "_gamma", new long[] {ch}, Role.GAMMA));
                out.add(new ParameterSpec(i, n + "_beta", new long[] {ch}, Role.BETA));
                out.add(new ParameterSpec(i, n + "_moving_mean", new long[] {ch}, Role.MOVING_MEAN));
                out.add(new ParameterSpec(i, n + "_moving_variance", new long[] {ch}, Role.MOVING_VARIANCE));
            }
        }
        return List.copyOf(out);
    }

    /**
     * Fresh values as Keras initializes them: Glorot-uniform kernels (drawn in layer order from
     * one generator seeded by {@code seed}), zero biases and betas, unit gammas, moving mean 0 and
     * moving variance 1.
     */
    float[] initialValue(SplittableRandom random) {
        return switch (role) {
            case KERNEL -> GlorotUniform.sample(shape, random);
            case BIAS, BETA, MOVING_MEAN -> new float[size()];
            case GAMMA, MOVING_VARIANCE -> {
                float[] ones = new float[size()];
                Arrays.fill(ones, 1f);
                yield ones;
            }
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ParameterSpec p && p.layer == layer && p.name.equals(name)
                && Arrays.equals(p.shape, shape) && p.role == role;
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return name + Arrays.toString(shape);
    }
}
