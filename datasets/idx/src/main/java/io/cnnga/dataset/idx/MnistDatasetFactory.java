package io.cnnga.dataset.idx;

import io.cnnga.api.Dataset;
import io.cnnga.api.DatasetFactory;
import io.cnnga.api.Options;
import io.cnnga.api.SplitPolicy;

import java.nio.file.Path;
import java.util.List;

/**
 * MNIST: 70,000 grey 28×28 images of handwritten digits, from idx files.
 *
 * <pre>{@code
 * "dataset": { "id": "mnist", "options": { "path": "/data/mnist" } }
 * }</pre>
 *
 * <p>Options: {@code path} (required: no package installs MNIST), {@code validationFraction}
 * (default 0.1), {@code trainLimit}, {@code testLimit} (0 = all). The folder holds the four files
 * as published, {@code train-images-idx3-ubyte.gz} and so on, gzipped or not. Class names are the
 * digits "0" to "9".
 */
public final class MnistDatasetFactory implements DatasetFactory {

    public static final String ID = "mnist";
    public static final List<String> CLASS_NAMES = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

    private static final String HOW_TO_GET_THEM = "set dataset.options.path to a folder holding the four MNIST"
            + " files train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz and"
            + " t10k-labels-idx1-ubyte.gz (gzipped or not)";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "MNIST handwritten digits, 28x28 grey, 10 classes, from idx(.gz) files (option path)";
    }

    @Override
    public Dataset create(Options options) {
        Path folder = Path.of(options.requiredString("path"));
        SplitPolicy policy = SplitPolicy.consume(options);
        options.finish();
        return new IdxDataset(ID, folder, CLASS_NAMES, policy, options.pathOf("validationFraction"),
                HOW_TO_GET_THEM);
    }
}
