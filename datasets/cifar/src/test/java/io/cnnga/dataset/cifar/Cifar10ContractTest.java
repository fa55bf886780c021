package io.cnnga.dataset.cifar;

import io.cnnga.api.DatasetFactory;
import io.cnnga.testkit.DatasetContract;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** {@code cifar10} keeps the plugin kit's dataset contract, on a written 60 + 20 image binary version. */
class Cifar10ContractTest extends DatasetContract {

    @TempDir
    Path dir;

    private Path folder;

    @BeforeEach
    void writeFiles() {
        folder = CifarTestFiles.writeCifar10(dir);
    }

    @Override
    protected DatasetFactory factory() {
        return new Cifar10DatasetFactory(name -> null);
    }

    @Override
    protected Map<String, Object> options() {
        return Map.of("path", folder.toString());
    }

    @Override
    protected Map<String, Object> invalidOptions() {
        return Map.of("validationFraction", 1.5, "trainLimit", -1);
    }
}
