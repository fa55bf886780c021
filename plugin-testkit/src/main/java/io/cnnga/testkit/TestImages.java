package io.cnnga.testkit;

import io.cnnga.api.DataInfo;
import io.cnnga.api.ImageSet;
import java.util.Random;

/**
 * Small learnable image sets made in memory, for tests that train: a falling loss on them is a
 * real signal, and they need no file and no download.
 *
 * <pre>{@code
 * ImageSet train = TestImages.quadrants(320, 12, 1, 11L);     // 4 classes: a bright square in one quadrant
 * ImageSet stripes = TestImages.stripes(8, 8, 1, 64, 42L);    // 2 classes: a horizontal or a vertical stripe
 * }</pre>
 *
 * <p>Both are pure functions of their arguments: the same seed gives the same images on every JVM.
 */
public final class TestImages {

    private TestImages() {
    }

    /**
     * {@code count} images of {@code size}×{@code size}×{@code channels}, class c (of 4) being a
     * bright square in quadrant c over dim noise; classes drawn at random.
     *
     * @param size at least 2
     */
    public static ImageSet quadrants(int count, int size, int channels, long seed) {
        if (size < 2) {
            throw new IllegalArgumentException("quadrants need images of at least 2x2, was " + size);
        }
        DataInfo info = DataInfo.of("quadrants", size, size, channels, 4);
        Random random = new Random(seed);
        byte[] pixels = new byte[count * info.pixelsPerImage()];
        int[] labels = new int[count];
        int half = size / 2;
        for (int i = 0; i < count; i++) {
            int c = random.nextInt(4);
            labels[i] = c;
            int y0 = (c / 2) * half;
            int x0 = (c % 2) * half;
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    boolean inside = y >= y0 && y < y0 + half && x >= x0 && x < x0 + half;
                    for (int ch = 0; ch < channels; ch++) {
                        int v = random.nextInt(60) + (inside ? 150 : 0);
                        pixels[((i * size + y) * size + x) * channels + ch] = (byte) v;
                    }
                }
            }
        }
        return new ImageSet(info, pixels, labels);
    }

    /**
     * {@code count} images of {@code height}×{@code width}×{@code channels}: class 0 (even
     * indices) has a bright horizontal stripe, class 1 (odd) a vertical one, at a random
     * position, over faint noise.
     */
    public static ImageSet stripes(int height, int width, int channels, int count, long seed) {
        Random random = new Random(seed);
        DataInfo info = DataInfo.of("stripes", height, width, channels, 2);
        byte[] pixels = new byte[count * height * width * channels];
        int[] labels = new int[count];
        for (int n = 0; n < count; n++) {
            int label = n % 2;
            labels[n] = label;
            int line = random.nextInt(label == 0 ? height : width);
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    boolean on = label == 0 ? y == line : x == line;
                    for (int ch = 0; ch < channels; ch++) {
                        int value = on ? 200 + random.nextInt(56) : random.nextInt(40);
                        pixels[((n * height + y) * width + x) * channels + ch] = (byte) value;
                    }
                }
            }
        }
        return new ImageSet(info, pixels, labels);
    }
}
