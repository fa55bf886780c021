package com.example.cnnga;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cnnga.api.DatasetFactory;
import io.cnnga.api.InvalidDataException;
import io.cnnga.api.Options;
import io.cnnga.testkit.DatasetContract;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kit's dataset contract (info() says what load gives, splits disjoint, stratified and seeded,
 * real pixels, options checked), plus this dataset's own errors.
 */
class CsvImagesDatasetTest extends DatasetContract {

    @TempDir
    Path dir;

    @BeforeEach
    void writeData() {
        QuadrantCsv.write(dir, 200, 40);
    }

    @Override
    protected DatasetFactory factory() {
        return new CsvImagesDatasetFactory();
    }

    @Override
    protected Map<String, Object> options() {
        return Map.of("path", dir.toString(), "height", 8, "width", 8, "classes", QuadrantCsv.CLASSES);
    }

    @Override
    protected Map<String, Object> invalidOptions() {
        return Map.of("channels", 2, "height", 0, "validationFraction", 1.5);
    }

    @Test
    void aBadLineIsNamedWithItsFileAndNumber() throws IOException {
        Files.writeString(dir.resolve("test.csv"), "0,1,2\n");
        InvalidDataException e = assertThrows(InvalidDataException.class,
                () -> factory().create(Options.of("dataset.options", options())).load(1L));
        assertTrue(e.getMessage().startsWith(dir.resolve("test.csv") + ": line 1 has 2 pixels"), e.getMessage());
    }

    @Test
    void theSplitsHoldEveryImage() {
        var splits = factory().create(Options.of("dataset.options", options())).load(1L);
        assertEquals(200, splits.train().size() + splits.validation().size());
        assertEquals(40, splits.test().size());
    }
}
