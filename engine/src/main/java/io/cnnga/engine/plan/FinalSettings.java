package io.cnnga.engine.plan;

/**
 * The plan's {@code final} section: how the best genome's network is trained once the search ends.
 *
 * <pre>{@code
 * new FinalSettings(20);   // the paper's CIFAR-10 setting
 * new FinalSettings(5, FinalSelect.KNEE, true);   // a multi-objective search: every front member, the knee first
 * }</pre>
 *
 * @param epochs epochs of the final training from scratch (paper: 20 for CIFAR-10, 50 for CIFAR-100)
 * @param select which network of a multi-objective search's front is "the" final network
 * @param front  whether every member of the front is trained and tested too, each exported under
 *               {@code model/GENOME/}
 */
public record FinalSettings(int epochs, FinalSelect select, boolean front) {

    public FinalSettings {
        select = select == null ? FinalSelect.ACCURACY : select;
    }

    public FinalSettings(int epochs) {
        this(epochs, FinalSelect.ACCURACY, false);
    }
}
