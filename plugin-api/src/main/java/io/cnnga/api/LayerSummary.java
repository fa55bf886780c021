package io.cnnga.api;

/**
 * One row of {@link ModelSpec#summary()}: a layer with its name, shapes and costs.
 *
 * <pre>{@code
 * for (LayerSummary row : spec.summary()) {
 *     System.out.println(row.name() + " " + row.output() + " " + row.params());
 * }
 * }</pre>
 *
 * @param index        position in the network, from 0
 * @param name         unique name, Keras style ({@code conv2d}, {@code conv2d_1}, ...)
 * @param layer        the layer
 * @param input        shape going in
 * @param output       shape coming out
 * @param params       parameters, trainable or not
 * @param forwardFlops FLOPs of one example's forward pass through this layer
 */
public record LayerSummary(int index, String name, LayerSpec layer, Shape input, Shape output,
                           long params, long forwardFlops) {
}
