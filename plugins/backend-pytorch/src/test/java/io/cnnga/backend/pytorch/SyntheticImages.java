package io.cnnga.backend.pytorch;

import io.cnnga.api.DataInfo;
import io.cnnga.api.ImageSet;
import java.util.Random;

/**
 * A small learnable image set for tests: class 0 has a bright horizontal stripe, class 1 a
 * vertical one, at a random position, over faint noise.
 *
 * <pre>{@code
 * ImageSet stripes = SyntheticImages.stripes(8, 8, 1, 64, 42L);
 * }</pre>
 */
final class SyntheticImages {

    private SyntheticImages() {
    }

    static ImageSet stripes(int h, int w, int c, int count, long seed) {
        Random random = new Random(seed);
        DataInfo info = DataInfo.of("stripes", h, w, c, 2);
        byte[] pixels = new byte[count * h * w * c];
        int[] labels = new int[count];
        for (int n = 0; n < count; n++) {
            int label = n % 2;
            labels[n] = label;
            int line = random.nextInt(label == 0 ? h : w);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    boolean on = label == 0 ? y == line : x == line;
                    for (int ch = 0; ch < c; ch++) {
                        int value = on ? 200 + random.nextInt(56) : random.nextInt(40);
                        pixels[((n * h + y) * w + x) * c + ch] = (byte) value;
                    }
                }
            }
        }
        return new ImageSet(info, pixels, labels);
    }
}
