package io.cnnga.dataset.imagefolder;

import io.cnnga.api.DataInfo;
import io.cnnga.api.DataSplits;
import io.cnnga.api.Dataset;
import io.cnnga.api.ImageSet;
import io.cnnga.api.InvalidDataException;
import io.cnnga.api.InvalidOptionException;
import io.cnnga.api.Preprocessing;
import io.cnnga.api.SplitPolicy;
import io.cnnga.api.support.DataBudget;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Labelled images from one folder per class, scaled to a square, split by a {@link SplitPolicy}.
 *
 * <pre>{@code
 * Dataset flowers = new ImageFolderDatasetFactory().create(Options.of("dataset.options",
 *         Map.of("path", "/data/flowers", "size", 32, "channels", 3)));
 * flowers.info();                        // 32x32x3, [daisy, rose, tulip]: lists folders only
 * DataSplits splits = flowers.load(42);  // decodes every image
 * }</pre>
 *
 * <p>The test set is {@code path/test} when the folder has {@code train/} and {@code test/};
 * otherwise a stratified {@code testFraction} of the images, drawn with a fixed seed
 * ({@value #TEST_HOLDOUT_SEED}), not the plan's: runs with different seeds are then scored on the
 * same test images, as they are with the official test sets of MNIST and CIFAR. The validation set
 * is then drawn from the rest with the plan's seed.
 */
final class ImageFolderDataset implements Dataset {

    static final long TEST_HOLDOUT_SEED = 20_210_601L;

    private final Path root;
    private final int size;
    private final int channels;
    private final double testFraction;
    private final SplitPolicy policy;
    private final String testFractionPath;
    private final String validationFractionPath;
    private DataInfo info;

    ImageFolderDataset(Path root, int size, int channels, double testFraction, SplitPolicy policy,
                       String testFractionPath, String validationFractionPath) {
        this.root = root;
        this.size = size;
        this.channels = channels;
        this.testFraction = testFraction;
        this.policy = policy;
        this.testFractionPath = testFractionPath;
        this.validationFractionPath = validationFractionPath;
    }

    @Override
    public synchronized DataInfo info() {
        if (info == null) {
            info = new DataInfo(name(), size, size, channels, ImageFolderLayout.classNames(root));
        }
        return info;
    }

    /** Decoded, stretched to the square, grey by luma or RGB ({@link ImageFileDecoder}). */
    @Override
    public Preprocessing preprocessing() {
        return new Preprocessing(size, size, channels, Preprocessing.BILINEAR_STRETCH,
                channels == 3 ? Preprocessing.RGB : Preprocessing.LUMA, Preprocessing.DIVIDE_BY_255,
                "image files decoded by javax.imageio, transparent pixels over white, stretched to " + size + "x" + size
                        + " with bilinear interpolation (halving first while more than twice as large), "
                        + (channels == 3 ? "RGB" : "grey by BT.601 luma (as Pillow's convert(\"L\"))")
                        + ", divided by 255");
    }

    @Override
    public DataSplits load(long seed) {
        ImageFolderLayout layout = ImageFolderLayout.scan(root);
        DataInfo shape = new DataInfo(name(), size, size, channels, layout.classNames());
        // The listing tells how many images there are: check what they will take before decoding any.
        int per = shape.pixelsPerImage();
        long images = layout.train().size() + (layout.test() == null ? 0 : layout.test().size());
        DataBudget budget = DataBudget.ofHeap();
        budget.require(root, DataBudget.loadBytes(images, 0, per), images + " images of " + size + "x" + size + "x"
                + channels);
        DecodeMemory memory = new DecodeMemory(budget.minus(DataBudget.imageBytes(images, per)));
        ImageSet train = decode(shape, layout.train(), memory);
        ImageSet test;
        if (layout.test() != null) {
            test = decode(shape, layout.test(), memory);
        } else {
            DataSplits heldOut = holdOutTest(train);
            train = heldOut.train();
            test = heldOut.validation();
        }
        try {
            return policy.apply(train, test, seed);
        } catch (IllegalArgumentException e) {
            throw new InvalidOptionException(validationFractionPath, e.getMessage());
        }
    }

    /**
     * Draws the test set exactly as {@link SplitPolicy} draws a validation set: stratified, seeded.
     * Every class must get at least one test image: the test accuracy would otherwise say nothing
     * about a class, and the run would report it without a word (a class folder of 2 images and
     * the default testFraction 0.2 gets none).
     */
    private DataSplits holdOutTest(ImageSet all) {
        DataSplits heldOut;
        try {
            heldOut = new SplitPolicy(testFraction, 0, 0).split(all, all, TEST_HOLDOUT_SEED);
        } catch (IllegalArgumentException e) {
            throw new InvalidOptionException(testFractionPath, "testFraction " + testFraction + " of "
                    + all.size() + " images leaves no training or no test image; add images, change it, or give"
                    + " " + root.resolve(ImageFolderLayout.TRAIN) + " and " + root.resolve(ImageFolderLayout.TEST));
        }
        int[] images = all.classCounts();
        int[] tested = heldOut.validation().classCounts();
        for (int c = 0; c < images.length; c++) {
            if (tested[c] == 0) {
                String name = all.info().classNames().get(c);
                throw new InvalidOptionException(testFractionPath, "class \"" + name + "\" has " + images[c] + " image"
                        + (images[c] == 1 ? "" : "s") + " and testFraction " + testFraction + " holds out none of"
                        + " them, so the test accuracy could not measure it; give " + root.resolve(name)
                        + " more images (about " + (int) Math.ceil(1 / testFraction) + " or more give one test image),"
                        + " raise testFraction, or give "
                        + root.resolve(ImageFolderLayout.TRAIN) + " and " + root.resolve(ImageFolderLayout.TEST));
            }
        }
        return heldOut;
    }

    /**
     * Decodes on all cores (PNG and JPEG decoding dominates) as far as {@code memory} lets images be
     * decoded at once; reports the first bad file in listing order.
     */
    private ImageSet decode(DataInfo shape, List<LabelledFile> files, DecodeMemory memory) {
        ImageFileDecoder decoder = new ImageFileDecoder(size, channels);
        int per = decoder.bytesPerImage();
        if ((long) files.size() * per > Integer.MAX_VALUE - 8) {
            throw new InvalidDataException(root, files.size() + " images of " + size + "x" + size + "x" + channels
                    + " are more than one Java array holds; use a smaller size");
        }
        byte[] pixels = new byte[files.size() * per];
        int[] labels = new int[files.size()];
        InvalidDataException[] failures = new InvalidDataException[files.size()];
        IntStream.range(0, files.size()).parallel().forEach(i -> {
            try {
                decoder.decode(files.get(i).file(), pixels, i * per, memory);
                labels[i] = files.get(i).label();
            } catch (InvalidDataException e) {
                failures[i] = e;
            }
        });
        for (InvalidDataException failure : failures) {
            if (failure != null) {
                throw failure;
            }
        }
        return new ImageSet(shape, pixels, labels);
    }

    private String name() {
        Path name = root.toAbsolutePath().normalize().getFileName();
        return name == null ? ImageFolderDatasetFactory.ID : name.toString();
    }

    @Override
    public String toString() {
        return "image folder " + root + " (" + size + "x" + size + "x" + channels + ")";
    }
}
