package io.cnnga.dataset.idx;

import io.cnnga.api.Dataset;
import io.cnnga.api.DatasetFactory;
import io.cnnga.api.Options;
import io.cnnga.api.SplitPolicy;

import java.nio.file.Path;
import java.util.List;

/**
 * Fashion-MNIST (Zalando): 70,000 grey 28×28 images of 10 kinds of clothing, from idx files.
 *
 * <pre>{@code
 * "dataset": { "id": "fashion-mnist", "options": { "trainLimit": 12000, "testLimit": 2000 } }
 * }</pre>
 *
 * <p>Options: {@code path} (default {@value #DEFAULT_PATH}, where Debian's
 * {@code dataset-fashion-mnist} package installs the files), {@code validationFraction} (default
 * 0.1), {@code trainLimit}, {@code testLimit} (0 = all). The folder holds
 * {@code train-images-idx3-ubyte.gz}, {@code train-labels-idx1-ubyte.gz},
 * {@code t10k-images-idx3-ubyte.gz} and {@code t10k-labels-idx1-ubyte.gz} (gzipped or not).
 */
public final class FashionMnistDatasetFactory implements DatasetFactory {

    public static final String ID = "fashion-mnist";
    public static final String DEFAULT_PATH = "/usr/share/datasets/fashion-mnist";
    /** The official names, index = label. */
    public static final List<String> CLASS_NAMES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress",
            "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    private static final String HOW_TO_GET_THEM = "install Debian's dataset-fashion-mnist package"
            + " (apt-get install dataset-fashion-mnist), or set dataset.options.path to a folder holding"
            + " train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz and"
            + " t10k-labels-idx1-ubyte.gz";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "Fashion-MNIST, 28x28 grey, 10 classes, from idx(.gz) files (default " + DEFAULT_PATH + ")";
    }

    @Override
    public Dataset create(Options options) {
        Path folder = Path.of(options.string("path", DEFAULT_PATH));
        SplitPolicy policy = SplitPolicy.consume(options);
        options.finish();
        return new IdxDataset(ID, folder, CLASS_NAMES, policy, options.pathOf("validationFraction"),
                HOW_TO_GET_THEM);
    }
}
