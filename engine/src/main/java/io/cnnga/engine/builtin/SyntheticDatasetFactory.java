package io.cnnga.engine.builtin;

import io.cnnga.api.DataInfo;
import io.cnnga.api.DataSplits;
import io.cnnga.api.Dataset;
import io.cnnga.api.DatasetFactory;
import io.cnnga.api.ImageSet;
import io.cnnga.api.InvalidOptionException;
import io.cnnga.api.Options;
import io.cnnga.api.SplitPolicy;
import io.cnnga.api.support.DataBudget;

import java.util.Random;

/**
 * Dataset {@code synthetic}: generated images of any shape, one noisy template per class, so a
 * network can learn them. For benchmarks and smoke tests where no real data is installed.
 *
 * <pre>{@code
 * "dataset": { "id": "synthetic", "options": { "height": 28, "width": 28, "channels": 1,
 *              "classes": 10, "trainSize": 2000, "testSize": 500 } }
 * }</pre>
 *
 * <p>Each class has a template of uniform random pixels drawn from {@code patternSeed}; an image
 * is its class template blended with fresh uniform noise ({@code noise} is the noise's share).
 * The splits follow {@link SplitPolicy} like every dataset.
 *
 * <p>Options (defaults in brackets): {@code height} and {@code width} [28], 1–4096;
 * {@code channels} [1], 1–4; {@code classes} [10], 2–100,000; {@code trainSize} [2000] and
 * {@code testSize} [500], the official sets' sizes; {@code noise} [0.5], in [0, 1];
 * {@code patternSeed} [7], which fixes the images whatever the plan's seed; and
 * {@code validationFraction}, {@code trainLimit}, {@code testLimit} as for every dataset.
 */
public final class SyntheticDatasetFactory implements DatasetFactory {

    public static final String ID = "synthetic";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "generated images, a noisy template per class (benchmarks, smoke tests)";
    }

    @Override
    public Dataset create(Options options) {
        int height = options.integer("height", 28, 1, 4096);
        int width = options.integer("width", 28, 1, 4096);
        int channels = options.integer("channels", 1, 1, 4);
        int classes = options.integer("classes", 10, 2, 100_000);
        int trainSize = options.integer("trainSize", 2000, 2, 10_000_000);
        int testSize = options.integer("testSize", 500, 1, 10_000_000);
        double noise = options.number("noise", 0.5, 0, 1);
        long patternSeed = options.longValue("patternSeed", 7);
        SplitPolicy split = SplitPolicy.consume(options);
        options.finish();
        DataInfo info = DataInfo.of(ID, height, width, channels, classes);
        long per = info.pixelsPerImage();
        if (Math.max(Math.max(trainSize, testSize), classes) * per > Integer.MAX_VALUE - 8) {
            throw new InvalidOptionException(options.pathOf(trainSize >= testSize ? "trainSize" : "testSize"),
                    Math.max(trainSize, testSize) + " images (or " + classes + " templates) of " + height + "x" + width
                    + "x" + channels + " are more than one Java array holds; use fewer or smaller images");
        }
        DataBudget budget = DataBudget.ofHeap();
        String shortfall = budget.shortfall(DataBudget.loadBytes(trainSize, testSize, per) + classes * per,
                (trainSize + testSize) + " images of " + height + "x" + width + "x" + channels);
        if (shortfall != null) {
            throw new InvalidOptionException(options.pathOf("trainSize"), shortfall + "; use fewer or smaller images,"
                    + " or give Java more memory (JAVA_OPTS=-Xmx...)");
        }
        return new Dataset() {
            @Override
            public DataInfo info() {
                return info;
            }

            @Override
            public DataSplits load(long seed) {
                byte[][] templates = new byte[classes][info.pixelsPerImage()];
                Random patterns = new Random(patternSeed);
                for (byte[] t : templates) {
                    patterns.nextBytes(t);
                }
                ImageSet train = generate(info, templates, trainSize, noise, new Random(patternSeed * 31 + 1));
                ImageSet test = generate(info, templates, testSize, noise, new Random(patternSeed * 31 + 2));
                return split.apply(train, test, seed);
            }
        };
    }

    private static ImageSet generate(DataInfo info, byte[][] templates, int count, double noise, Random random) {
        int per = info.pixelsPerImage();
        byte[] pixels = new byte[count * per];
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            int label = i % templates.length;
            labels[i] = label;
            for (int j = 0; j < per; j++) {
                double value = (1 - noise) * (templates[label][j] & 0xFF) + noise * random.nextInt(256);
                pixels[i * per + j] = (byte) Math.round(value);
            }
        }
        return new ImageSet(info, pixels, labels);
    }
}
