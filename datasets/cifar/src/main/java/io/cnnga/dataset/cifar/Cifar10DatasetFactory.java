package io.cnnga.dataset.cifar;

import io.cnnga.api.Dataset;
import io.cnnga.api.DatasetFactory;
import io.cnnga.api.Options;
import io.cnnga.api.SplitPolicy;

import java.util.function.UnaryOperator;

/**
 * CIFAR-10: 60,000 colour 32×32 images of 10 classes, from the official binary version.
 *
 * <pre>{@code
 * "dataset": { "id": "cifar10", "options": { "path": "/data/cifar-10-binary.tar.gz", "trainLimit": 10000 } }
 * }</pre>
 *
 * <p>Options: {@code path}, the {@code cifar-10-binary.tar.gz} downloaded from
 * https://www.cs.toronto.edu/~kriz/cifar.html ("binary version"), read in place, or the
 * {@code cifar-10-batches-bin} folder it extracts to, or a folder holding either (default: the
 * {@code CIFAR10_DIR} environment variable); {@code validationFraction} (default 0.1),
 * {@code trainLimit}, {@code testLimit} (0 = all).
 */
public final class Cifar10DatasetFactory implements DatasetFactory {

    public static final String ID = "cifar10";
    public static final String ENVIRONMENT_VARIABLE = "CIFAR10_DIR";

    private final UnaryOperator<String> environment;

    public Cifar10DatasetFactory() {
        this(System::getenv);
    }

    /** With another environment than the process's: for tests. */
    Cifar10DatasetFactory(UnaryOperator<String> environment) {
        this.environment = environment;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "CIFAR-10, 32x32 colour, 10 classes, binary version (.tar.gz or folder; path or " + ENVIRONMENT_VARIABLE + ")";
    }

    @Override
    public Dataset create(Options options) {
        CifarFormat format = CifarFormat.cifar10();
        String path = options.string("path", null);
        SplitPolicy policy = SplitPolicy.consume(options);
        options.finish();
        CifarPathOption where = CifarPathOption.resolve(path, options.pathOf("path"), format, environment);
        return new CifarDataset(format, where.path(), where.origin(), policy, options.pathOf("validationFraction"));
    }
}
