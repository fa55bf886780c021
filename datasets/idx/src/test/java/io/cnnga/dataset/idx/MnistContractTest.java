package io.cnnga.dataset.idx;

import io.cnnga.api.DatasetFactory;
import io.cnnga.testkit.DatasetContract;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** {@code mnist} keeps the plugin kit's dataset contract, on 100 + 20 written idx images (not gzipped). */
class MnistContractTest extends DatasetContract {

    @TempDir
    Path dir;

    @BeforeEach
    void writeFiles() {
        IdxTestFiles.writeDataset(dir, 100, 20, false);
    }

    @Override
    protected DatasetFactory factory() {
        return new MnistDatasetFactory();
    }

    @Override
    protected Map<String, Object> options() {
        return Map.of("path", dir.toString());
    }

    @Override
    protected Map<String, Object> invalidOptions() {
        return Map.of("validationFraction", 0, "trainLimit", 1.5);
    }
}
