package io.cnnga.api;

/**
 * A source of labelled images.
 *
 * <pre>{@code
 * Dataset data = registry.dataset("fashion-mnist").create(options);
 * DataInfo info = data.info();            // cheap: 28x28x1, 10 classes
 * DataSplits splits = data.load(42L);     // reads the files, splits them (stratified, seeded)
 * }</pre>
 *
 * <p>{@link #info()} must be cheap (a header or a folder listing at most), since validating a
 * plan and decoding a genome need it; {@link #load} reads everything. Bad files fail with an
 * {@link InvalidDataException} naming the file.
 */
public interface Dataset {

    DataInfo info();

    /** Reads the data and splits it, deterministically for a seed. */
    DataSplits load(long seed);

    /**
     * How this dataset turns its raw images into the input: what a model card tells the users of
     * a network trained on it. The default is a dataset that stores its pixels as bytes at the
     * input size (scaled to [0, 1], nothing else); one that decodes, resizes or converts images
     * says how. Cheap, like {@link #info()}.
     */
    default Preprocessing preprocessing() {
        DataInfo info = info();
        return Preprocessing.stored(info, info.name() + ": pixel bytes as the dataset stores them, "
                + info.height() + "x" + info.width() + "x" + info.channels() + ", divided by 255");
    }
}
