package io.cnnga.dataset.imagefolder;

import io.cnnga.api.DatasetFactory;
import io.cnnga.testkit.DatasetContract;
import java.awt.Color;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code image-folder} keeps the plugin kit's dataset contract, on three class folders of 20 PNG
 * images each, every image a colour of its own (the contract counts identical images in two
 * splits as a leak).
 */
class ImageFolderContractTest extends DatasetContract {

    @TempDir
    Path dir;

    @BeforeEach
    void writeImages() {
        String[] classes = {"cat", "dog", "fox"};
        for (int c = 0; c < classes.length; c++) {
            for (int i = 0; i < 20; i++) {
                Color colour = new Color(40 + 80 * c, 10 + 10 * i, 120);
                TestImages.write(TestImages.solid(12, 10, colour), "png", dir.resolve(classes[c] + "/" + i + ".png"));
            }
        }
    }

    @Override
    protected DatasetFactory factory() {
        return new ImageFolderDatasetFactory();
    }

    @Override
    protected Map<String, Object> options() {
        return Map.of("path", dir.toString(), "size", 8);
    }

    @Override
    protected Map<String, Object> invalidOptions() {
        return Map.of("channels", 2, "testFraction", 1.0, "size", 0, "validationFraction", 1.5);
    }
}
