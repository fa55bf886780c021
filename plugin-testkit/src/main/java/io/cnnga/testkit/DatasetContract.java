package io.cnnga.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cnnga.api.Batch;
import io.cnnga.api.DataInfo;
import io.cnnga.api.DataSplits;
import io.cnnga.api.Dataset;
import io.cnnga.api.DatasetFactory;
import io.cnnga.api.ImageSet;
import io.cnnga.api.Plugin;
import io.cnnga.api.PluginFactory;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The contract of a {@link Dataset}, for its plugin's tests to extend: {@code info()} says what
 * {@code load} gives; the three splits are disjoint, stratified and fixed by the seed; the images
 * are real pixels; bad options fail naming their JSON path.
 *
 * <pre>{@code
 * class CsvDatasetTest extends DatasetContract {
 *     @TempDir Path dir;
 *     @BeforeEach void writeData() { CsvFiles.write(dir, 200); }   // your own small test files
 *     protected DatasetFactory factory() { return new CsvDatasetFactory(); }
 *     protected Map<String, Object> options() { return Map.of("path", dir.toString()); }
 *     protected Map<String, Object> invalidOptions() { return Map.of("validationFraction", 1.5); }
 * }
 * }</pre>
 *
 * <p>The data {@link #options()} point at should be small (a few hundred images load in
 * milliseconds; each test loads it once or three times), hold at least a few images of every
 * class, and no two identical images: an image found in two splits counts as a leak.
 */
public abstract class DatasetContract extends PluginFactoryContract<Dataset> {

    /** The factory under test. */
    @Override
    protected abstract DatasetFactory factory();

    @Override
    protected final String section() {
        return "dataset";
    }

    @Override
    final List<? extends PluginFactory<?>> factories(Plugin plugin) {
        return plugin.datasets();
    }

    /** {@code info()} then {@code load}, as a run does. */
    @Override
    protected void use(Dataset created) {
        created.info();
        created.load(seed());
    }

    /** The seed of the tests' loads. */
    protected long seed() {
        return 42L;
    }

    @Test
    public void infoDescribesWhatLoadGives() {
        Dataset dataset = create();
        DataInfo info = dataset.info();
        assertNotNull(info, "info() returned null");
        DataSplits splits = dataset.load(seed());
        for (ImageSet split : List.of(splits.train(), splits.validation(), splits.test())) {
            DataInfo got = split.info();
            assertEquals(info.height() + "x" + info.width() + "x" + info.channels(),
                    got.height() + "x" + got.width() + "x" + got.channels(), "a split's image shape is not info()'s");
            assertEquals(info.classNames(), got.classNames(), "a split's classes are not info()'s");
        }
    }

    @Test
    public void everySplitHasImagesAndTrainingHasEveryClass() {
        DataSplits splits = create().load(seed());
        assertTrue(splits.train().size() > 0, "the training split is empty");
        assertTrue(splits.validation().size() > 0, "the validation split is empty: fitness would measure nothing");
        assertTrue(splits.test().size() > 0, "the test split is empty");
        int[] counts = splits.train().classCounts();
        for (int c = 0; c < counts.length; c++) {
            assertTrue(counts[c] > 0, "the training split has no image of class " + c + " ("
                    + splits.info().classNames().get(c) + "), which info() promises");
        }
    }

    /** No image is in two splits: a validation image seen in training inflates every fitness. */
    @Test
    public void theSplitsAreDisjoint() {
        DataSplits splits = create().load(seed());
        Map<ByteBuffer, String> seen = new HashMap<>();
        record Named(String name, ImageSet set) {
        }
        for (Named split : List.of(new Named("train", splits.train()), new Named("validation", splits.validation()),
                new Named("test", splits.test()))) {
            for (int i = 0; i < split.set().size(); i++) {
                String here = split.name() + " image " + i;
                String before = seen.putIfAbsent(ByteBuffer.wrap(pixels(split.set(), i)), here);
                assertTrue(before == null || before.startsWith(split.name() + " "),
                        () -> here + " is also " + before + ": the splits overlap (or the test data holds two identical images)");
            }
        }
    }

    /**
     * The validation split keeps every class's share of the training data: per class, its count
     * is the share of the class's images the whole validation fraction gives, to within one.
     */
    @Test
    public void theValidationSplitIsStratified() {
        DataSplits splits = create().load(seed());
        int[] train = splits.train().classCounts();
        int[] validation = splits.validation().classCounts();
        double fraction = (double) splits.validation().size() / (splits.train().size() + splits.validation().size());
        for (int c = 0; c < train.length; c++) {
            double expected = fraction * (train[c] + validation[c]);
            assertTrue(Math.abs(validation[c] - expected) < 1 + 1e-9, "class " + c + " ("
                    + splits.info().classNames().get(c) + ") has " + validation[c] + " validation images, its share is "
                    + String.format(java.util.Locale.ROOT, "%.1f", expected) + ": the validation split is not stratified"
                    + " (io.cnnga.api.SplitPolicy does it)");
        }
    }

    @Test
    public void theSameSeedGivesTheSameSplitsAndAnotherSeedAnotherValidation() {
        Dataset dataset = create();
        DataSplits first = dataset.load(seed());
        DataSplits again = create().load(seed());
        assertSame("train", first.train(), again.train());
        assertSame("validation", first.validation(), again.validation());
        assertSame("test", first.test(), again.test());
        DataSplits other = dataset.load(seed() + 1);
        assertFalse(Arrays.equals(fingerprint(first.validation()), fingerprint(other.validation())),
                "seeds " + seed() + " and " + (seed() + 1) + " give the same validation split: the split ignores the seed");
    }

    /** Pixels are real images, not a zeroed buffer: they vary, and batches give floats in [0, 1]. */
    @Test
    public void thePixelsVaryAndBatchesAreInZeroToOne() {
        ImageSet train = create().load(seed()).train();
        int min = 255;
        int max = 0;
        int[] all = new int[train.size()];
        Arrays.setAll(all, i -> i);
        for (int i = 0; i < train.size(); i++) {
            for (byte b : pixels(train, i)) {
                min = Math.min(min, b & 0xFF);
                max = Math.max(max, b & 0xFF);
            }
        }
        assertTrue(max > min, "every training pixel is " + min + ": the images were not read");
        Batch batch = train.batch(Arrays.copyOf(all, Math.min(all.length, 64)));
        for (float p : batch.images()) {
            assertTrue(p >= 0 && p <= 1, "a batch pixel is " + p + ", outside [0, 1]");
        }
    }

    private static void assertSame(String name, ImageSet a, ImageSet b) {
        assertEquals(a.size(), b.size(), "the " + name + " split's size changed between two loads with the same seed");
        assertArrayEquals(fingerprint(a), fingerprint(b), "the " + name + " split changed between two loads with the same seed");
    }

    /** Per image, in order: its label and a hash of its pixels. */
    private static long[] fingerprint(ImageSet set) {
        long[] out = new long[set.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = 31L * Arrays.hashCode(pixels(set, i)) + set.label(i);
        }
        return out;
    }

    /** The stored bytes of image {@code i}. */
    static byte[] pixels(ImageSet set, int i) {
        DataInfo info = set.info();
        byte[] out = new byte[info.pixelsPerImage()];
        int n = 0;
        for (int y = 0; y < info.height(); y++) {
            for (int x = 0; x < info.width(); x++) {
                for (int c = 0; c < info.channels(); c++) {
                    out[n++] = (byte) set.pixel(i, y, x, c);
                }
            }
        }
        return out;
    }
}
