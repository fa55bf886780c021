package com.example.cnnga;

import io.cnnga.api.Dataset;
import io.cnnga.api.DatasetFactory;
import io.cnnga.api.InvalidOptionException;
import io.cnnga.api.Options;
import io.cnnga.api.SplitPolicy;
import java.nio.file.Path;
import java.util.List;

/**
 * Dataset {@code csv-images}: images as CSV lines, {@code label,pixel,pixel,...}, in
 * {@code train.csv} and {@code test.csv} of one folder.
 *
 * <pre>{@code
 * "dataset": { "id": "csv-images",
 *              "options": { "path": "data", "height": 8, "width": 8, "classes": ["bars", "cross", "dot", "ring"] } }
 * }</pre>
 *
 * <p>Options: {@code path} (required; relative to the plan file's folder), {@code height} and
 * {@code width} (required), {@code channels} (1 or 3, default 1), {@code classes} (the class
 * names, index = label; required, at least 2), and {@code validationFraction}, {@code trainLimit},
 * {@code testLimit} as for every dataset. A pixel line holds height × width × channels values
 * 0–255, row by row, channels interleaved.
 */
public final class CsvImagesDatasetFactory implements DatasetFactory {

    public static final String ID = "csv-images";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "example: label,pixel,... lines in PATH/train.csv and PATH/test.csv";
    }

    @Override
    public Dataset create(Options options) {
        Path folder = Path.of(options.requiredString("path"));
        int height = options.integer("height", 0, 1, 1024);
        int width = options.integer("width", 0, 1, 1024);
        if (height == 0 || width == 0) {
            throw new InvalidOptionException(options.pathOf(height == 0 ? "height" : "width"), "is required");
        }
        int channels = options.integer("channels", 1);
        if (channels != 1 && channels != 3) {
            throw new InvalidOptionException(options.pathOf("channels"), "must be 1 (grey) or 3 (RGB), was " + channels);
        }
        List<String> classes = options.strings("classes", List.of());
        if (classes.size() < 2) {
            throw new InvalidOptionException(options.pathOf("classes"), "needs at least 2 class names, index = label");
        }
        SplitPolicy policy = SplitPolicy.consume(options);
        options.finish();
        return new CsvImagesDataset(folder, height, width, channels, classes, policy);
    }
}
