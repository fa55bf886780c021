package io.cnnga.dataset.imagefolder;

import io.cnnga.api.Dataset;
import io.cnnga.api.DatasetFactory;
import io.cnnga.api.InvalidOptionException;
import io.cnnga.api.Options;
import io.cnnga.api.SplitPolicy;

import java.nio.file.Path;

/**
 * Your own images: one folder per class of PNG and JPEG files, scaled to {@code size × size}.
 *
 * <pre>{@code
 * "dataset": { "id": "image-folder", "options": { "path": "/data/flowers", "size": 32, "channels": 3 } }
 * // /data/flowers/daisy/*.jpg, /data/flowers/rose/*.png, ...  -> classes [daisy, rose, ...]
 * }</pre>
 *
 * <p>Options:
 * <ul>
 * <li>{@code path} (required): a folder with one sub-folder per class, named after the class; class
 *     indices follow the sorted folder names. Images may sit in sub-folders of a class folder.
 * <li>{@code size} (default 32): every image is stretched to {@code size × size} with bilinear
 *     scaling.
 * <li>{@code channels} (default 3): 3 for RGB, 1 for grey (luminance 0.299 R + 0.587 G + 0.114 B).
 * <li>{@code testFraction} (default 0.2): when {@code path/train/CLASS} and {@code path/test/CLASS}
 *     exist, they are the training and test sets and this is not used; otherwise this share of each
 *     class is held out as the test set, always the same images whatever the plan's seed.
 * <li>{@code validationFraction} (default 0.1), {@code trainLimit}, {@code testLimit} (0 = all):
 *     as for every dataset; the validation set comes out of the training set.
 * </ul>
 */
public final class ImageFolderDatasetFactory implements DatasetFactory {

    public static final String ID = "image-folder";
    public static final int DEFAULT_SIZE = 32;
    public static final int DEFAULT_CHANNELS = 3;
    public static final double DEFAULT_TEST_FRACTION = 0.2;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "PNG/JPEG images in one folder per class (path/CLASS or path/train/CLASS + path/test/CLASS)";
    }

    @Override
    public Dataset create(Options options) {
        Path root = Path.of(options.requiredString("path"));
        int size = options.integer("size", DEFAULT_SIZE, 1, 1024);
        int channels = options.integer("channels", DEFAULT_CHANNELS);
        if (channels != 1 && channels != 3) {
            throw new InvalidOptionException(options.pathOf("channels"), "must be 1 (grey) or 3 (RGB), was " + channels);
        }
        double testFraction = options.number("testFraction", DEFAULT_TEST_FRACTION);
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new InvalidOptionException(options.pathOf("testFraction"),
                    "must be greater than 0 and less than 1, was " + testFraction);
        }
        SplitPolicy policy = SplitPolicy.consume(options);
        options.finish();
        return new ImageFolderDataset(root, size, channels, testFraction, policy, options.pathOf("testFraction"),
                options.pathOf("validationFraction"));
    }
}
