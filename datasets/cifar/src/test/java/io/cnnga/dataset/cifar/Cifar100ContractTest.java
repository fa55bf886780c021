package io.cnnga.dataset.cifar;

import io.cnnga.api.DatasetFactory;
import io.cnnga.testkit.DatasetContract;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** {@code cifar100} keeps the plugin kit's dataset contract, read from a written 200 + 40 image {@code .tar.gz}. */
class Cifar100ContractTest extends DatasetContract {

    @TempDir
    Path dir;

    private Path archive;

    @BeforeEach
    void writeFiles() {
        archive = CifarTestFiles.tarGz(dir.resolve("cifar-100-binary.tar.gz"), "cifar-100-binary", CifarTestFiles.cifar100Files());
    }

    @Override
    protected DatasetFactory factory() {
        return new Cifar100DatasetFactory(name -> null);
    }

    @Override
    protected Map<String, Object> options() {
        return Map.of("path", archive.toString(), "labels", "coarse");
    }

    @Override
    protected Map<String, Object> invalidOptions() {
        return Map.of("labels", "medium", "validationFraction", 1.5);
    }
}
