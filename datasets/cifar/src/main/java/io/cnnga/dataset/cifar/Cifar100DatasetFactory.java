package io.cnnga.dataset.cifar;

import io.cnnga.api.Dataset;
import io.cnnga.api.DatasetFactory;
import io.cnnga.api.Options;
import io.cnnga.api.SplitPolicy;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * CIFAR-100: 60,000 colour 32×32 images of 100 classes (or their 20 superclasses), from the
 * official binary version.
 *
 * <pre>{@code
 * "dataset": { "id": "cifar100", "options": { "path": "/data/cifar-100-binary.tar.gz", "labels": "coarse" } }
 * }</pre>
 *
 * <p>Options: {@code path}, the {@code cifar-100-binary.tar.gz} downloaded from
 * https://www.cs.toronto.edu/~kriz/cifar.html ("binary version"), read in place, or the
 * {@code cifar-100-binary} folder it extracts to, or a folder holding either (default: the
 * {@code CIFAR100_DIR} environment variable); {@code labels}, {@code fine} (100 classes, default)
 * or {@code coarse} (20); {@code validationFraction} (default 0.1), {@code trainLimit},
 * {@code testLimit} (0 = all).
 */
public final class Cifar100DatasetFactory implements DatasetFactory {

    public static final String ID = "cifar100";
    public static final String ENVIRONMENT_VARIABLE = "CIFAR100_DIR";
    public static final String FINE = "fine";
    public static final String COARSE = "coarse";

    private final UnaryOperator<String> environment;

    public Cifar100DatasetFactory() {
        this(System::getenv);
    }

    /** With another environment than the process's: for tests. */
    Cifar100DatasetFactory(UnaryOperator<String> environment) {
        this.environment = environment;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "CIFAR-100, 32x32 colour, 100 fine or 20 coarse classes, binary version (.tar.gz or folder; path or "
                + ENVIRONMENT_VARIABLE + ")";
    }

    @Override
    public Dataset create(Options options) {
        boolean coarse = COARSE.equals(options.choice("labels", FINE, List.of(FINE, COARSE)));
        CifarFormat format = CifarFormat.cifar100(coarse);
        String path = options.string("path", null);
        SplitPolicy policy = SplitPolicy.consume(options);
        options.finish();
        CifarPathOption where = CifarPathOption.resolve(path, options.pathOf("path"), format, environment);
        return new CifarDataset(format, where.path(), where.origin(), policy, options.pathOf("validationFraction"));
    }
}
