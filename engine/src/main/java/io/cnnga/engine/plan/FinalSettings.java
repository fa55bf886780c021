package io.cnnga.engine.plan;

/**
 * The plan's {@code final} section: how the best genome's network is trained once the search ends.
 *
 * <pre>{@code
 * new FinalSettings(20);   // the paper's CIFAR-10 setting
 * }</pre>
 *
 * @param epochs epochs of the final training from scratch (paper: 20 for CIFAR-10, 50 for CIFAR-100)
 */
public record FinalSettings(int epochs) {
}
