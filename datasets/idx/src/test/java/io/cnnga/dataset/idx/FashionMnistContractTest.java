package io.cnnga.dataset.idx;

import io.cnnga.api.DatasetFactory;
import io.cnnga.testkit.DatasetContract;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** {@code fashion-mnist} keeps the plugin kit's dataset contract, on 100 + 20 written idx images. */
class FashionMnistContractTest extends DatasetContract {

    @TempDir
    Path dir;

    @BeforeEach
    void writeFiles() {
        IdxTestFiles.writeDataset(dir, 100, 20, true);
    }

    @Override
    protected DatasetFactory factory() {
        return new FashionMnistDatasetFactory();
    }

    @Override
    protected Map<String, Object> options() {
        return Map.of("path", dir.toString());
    }

    @Override
    protected Map<String, Object> invalidOptions() {
        return Map.of("validationFraction", 1.5, "trainLimit", -1, "testLimit", "all", "path", 7);
    }
}
