package io.cnnga.api;

/**
 * The three splits of a dataset. Fitness is measured on {@code validation}; {@code test} is
 * touched once, by the final network.
 *
 * <pre>{@code
 * DataSplits splits = dataset.load(plan.seed());
 * splits.train().size();        // e.g. 54,000 for Fashion-MNIST with validationFraction 0.1
 * }</pre>
 */
public record DataSplits(ImageSet train, ImageSet validation, ImageSet test) {

    public DataSplits {
        if (train == null || validation == null || test == null) {
            throw new IllegalArgumentException("train, validation and test are all required");
        }
    }

    public DataInfo info() {
        return train.info();
    }
}
