package io.cnnga.engine.builtin;

import io.cnnga.api.DatasetFactory;
import io.cnnga.testkit.DatasetContract;
import java.util.Map;

/** The built-in {@code synthetic} dataset keeps the plugin kit's dataset contract, at a small size. */
class SyntheticDatasetContractTest extends DatasetContract {

    @Override
    protected DatasetFactory factory() {
        return new SyntheticDatasetFactory();
    }

    @Override
    protected Map<String, Object> options() {
        return Map.of("height", 8, "width", 8, "classes", 4, "trainSize", 200, "testSize", 40);
    }

    @Override
    protected Map<String, Object> invalidOptions() {
        return Map.of("classes", 1, "noise", 1.5, "channels", 5, "trainSize", 1, "validationFraction", 0);
    }
}
