package io.cnnga.api;

import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Random;

/**
 * An immutable set of labelled images, kept as unsigned bytes (NHWC) and turned into float32
 * pixels in [0, 1] one batch at a time: CIFAR-10 as floats would take 600 MB, as bytes 150 MB.
 *
 * <pre>{@code
 * ImageSet set = new ImageSet(info, pixels, labels);   // pixels.length == labels.length * H * W * C
 * for (Batch batch : set.batches(32, 42L, true)) { ... }
 * int[] perClass = set.classCounts();
 * }</pre>
 */
public final class ImageSet {

    private final DataInfo info;
    private final byte[] pixels;
    private final int[] labels;

    /**
     * @param info   shape and classes
     * @param pixels {@code labels.length × H × W × C} bytes, NHWC, 0..255; not copied, must not change
     * @param labels class indices in {@code [0, classes)}; not copied, must not change
     * @throws IllegalArgumentException when the sizes disagree or a label is out of range
     */
    public ImageSet(DataInfo info, byte[] pixels, int[] labels) {
        this.info = info;
        this.pixels = pixels;
        this.labels = labels;
        if ((long) labels.length * info.pixelsPerImage() != pixels.length) {
            throw new IllegalArgumentException(labels.length + " labels but " + pixels.length
                    + " pixel bytes (expected " + (long) labels.length * info.pixelsPerImage() + ")");
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= info.classes()) {
                throw new IllegalArgumentException("label " + labels[i] + " of image " + i
                        + " outside [0, " + info.classes() + ")");
            }
        }
    }

    public DataInfo info() {
        return info;
    }

    public int size() {
        return labels.length;
    }

    public int label(int index) {
        return labels[index];
    }

    /** A copy of all labels. */
    public int[] labels() {
        return labels.clone();
    }

    /** Pixel {@code (y, x, c)} of image {@code index} as stored, 0..255. */
    public int pixel(int index, int y, int x, int c) {
        int offset = index * info.pixelsPerImage() + (y * info.width() + x) * info.channels() + c;
        return pixels[offset] & 0xFF;
    }

    /** Images per class, index = class. */
    public int[] classCounts() {
        int[] counts = new int[info.classes()];
        for (int label : labels) {
            counts[label]++;
        }
        return counts;
    }

    /** The images at {@code indices}, in that order (a copy). */
    public ImageSet subset(int[] indices) {
        int per = info.pixelsPerImage();
        byte[] p = new byte[indices.length * per];
        int[] l = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(pixels, indices[i] * per, p, i * per, per);
            l[i] = labels[indices[i]];
        }
        return new ImageSet(info, p, l);
    }

    /** The first {@code n} images (or all, if fewer). */
    public ImageSet head(int n) {
        int count = Math.min(n, size());
        int[] idx = new int[count];
        Arrays.setAll(idx, i -> i);
        return subset(idx);
    }

    /** The images at {@code indices} as one batch of floats in [0, 1]. */
    public Batch batch(int[] indices) {
        int per = info.pixelsPerImage();
        float[] images = new float[indices.length * per];
        int[] l = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            int from = indices[i] * per;
            int to = i * per;
            for (int j = 0; j < per; j++) {
                images[to + j] = (pixels[from + j] & 0xFF) / 255f;
            }
            l[i] = labels[indices[i]];
        }
        return new Batch(images, l);
    }

    /** Batches of {@code batchSize} (the last one may be smaller). */
    public int batchCount(int batchSize) {
        return (size() + batchSize - 1) / batchSize;
    }

    /**
     * All images in batches of {@code batchSize}, the last one possibly smaller; shuffled with a
     * {@link Random} seeded by {@code seed} when {@code shuffle}, in stored order otherwise.
     */
    public Iterable<Batch> batches(int batchSize, long seed, boolean shuffle) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, was " + batchSize);
        }
        int[] order = new int[size()];
        Arrays.setAll(order, i -> i);
        if (shuffle) {
            shuffle(order, new Random(seed));
        }
        return () -> new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < order.length;
            }

            @Override
            public Batch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int end = Math.min(order.length, next + batchSize);
                Batch batch = batch(Arrays.copyOfRange(order, next, end));
                next = end;
                return batch;
            }
        };
    }

    /** Fisher–Yates, so that a seed gives the same order on every JVM. */
    static void shuffle(int[] a, Random random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** Bytes held for pixels. */
    public long pixelBytes() {
        return pixels.length;
    }

    @Override
    public String toString() {
        return info.name() + ": " + size() + " images " + info.height() + "x" + info.width() + "x" + info.channels();
    }
}
