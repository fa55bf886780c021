package io.cnnga.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ImageSetTest {

    /** 2×3 pixels, 2 channels: 12 bytes per image. */
    private static final DataInfo INFO = DataInfo.of("tiny", 2, 3, 2, 3);
    private static final int PER_IMAGE = 12;

    /** {@code n} images whose byte {@code k} (over the whole array) is {@code k & 0xFF}; label = index % 3. */
    private static ImageSet counting(int n) {
        byte[] pixels = new byte[n * PER_IMAGE];
        for (int k = 0; k < pixels.length; k++) {
            pixels[k] = (byte) k;
        }
        return new ImageSet(INFO, pixels, IntStream.range(0, n).map(i -> i % 3).toArray());
    }

    /** {@code n} images whose first byte is their index, so a batch tells which images it holds. */
    private static ImageSet numbered(int n) {
        byte[] pixels = new byte[n * PER_IMAGE];
        for (int i = 0; i < n; i++) {
            pixels[i * PER_IMAGE] = (byte) i;
        }
        return new ImageSet(INFO, pixels, IntStream.range(0, n).map(i -> i % 3).toArray());
    }

    private static List<Integer> order(Iterable<Batch> batches) {
        List<Integer> ids = new ArrayList<>();
        for (Batch batch : batches) {
            for (int i = 0; i < batch.size(); i++) {
                int id = Math.round(batch.images()[i * PER_IMAGE] * 255f);
                assertThat(batch.labels()[i]).isEqualTo(id % 3);
                ids.add(id);
            }
        }
        return ids;
    }

    @Test
    void batchesCoverEveryImageExactlyOnce() {
        ImageSet set = numbered(50);
        List<Integer> sizes = new ArrayList<>();
        set.batches(7, 42L, true).forEach(batch -> sizes.add(batch.size()));

        assertThat(sizes).containsExactly(7, 7, 7, 7, 7, 7, 7, 1);
        assertThat(set.batchCount(7)).isEqualTo(8);
        assertThat(order(set.batches(7, 42L, true))).containsExactlyInAnyOrderElementsOf(
                IntStream.range(0, 50).boxed().toList());
    }

    @Test
    void shuffledOrderDependsOnlyOnTheSeed() {
        ImageSet set = numbered(50);
        Iterable<Batch> batches = set.batches(8, 1L, true);

        List<Integer> first = order(batches);

        assertThat(order(batches)).isEqualTo(first);
        assertThat(order(set.batches(8, 1L, true))).isEqualTo(first);
        assertThat(order(set.batches(8, 2L, true))).isNotEqualTo(first);
        assertThat(first).isNotEqualTo(IntStream.range(0, 50).boxed().toList());
    }

    @Test
    void unshuffledBatchesKeepTheStoredOrder() {
        assertThat(order(numbered(20).batches(6, 1L, false)))
                .isEqualTo(IntStream.range(0, 20).boxed().toList());
    }

    @Test
    void batchPixelsAreBytesDividedBy255() {
        byte[] pixels = new byte[PER_IMAGE];
        pixels[0] = 0;
        pixels[1] = (byte) 128;
        pixels[2] = (byte) 255;
        ImageSet set = new ImageSet(INFO, pixels, new int[] {2});

        float[] images = set.batch(new int[] {0}).images();

        assertThat(images).hasSize(PER_IMAGE);
        assertThat(images[0]).isEqualTo(0f);
        assertThat(images[1]).isEqualTo(128 / 255f);
        assertThat(images[2]).isEqualTo(1f);
        assertThat(set.pixel(0, 0, 1, 0)).isEqualTo(255); // stored unsigned
    }

    @Test
    void pixelsAreLaidOutNhwc() {
        ImageSet set = counting(3);
        float[] batch = set.batch(new int[] {2}).images();

        for (int y = 0; y < 2; y++) {
            for (int x = 0; x < 3; x++) {
                for (int c = 0; c < 2; c++) {
                    int offsetInImage = (y * 3 + x) * 2 + c;
                    assertThat(set.pixel(2, y, x, c)).isEqualTo((2 * PER_IMAGE + offsetInImage) & 0xFF);
                    assertThat(batch[offsetInImage] * 255f).isEqualTo(set.pixel(2, y, x, c), within(1e-3f));
                }
            }
        }
    }

    @Test
    void subsetsAndHeadsCopyTheChosenImagesInOrder() {
        ImageSet set = numbered(10);

        ImageSet subset = set.subset(new int[] {7, 2, 7});
        ImageSet head = set.head(4);

        assertThat(subset.size()).isEqualTo(3);
        assertThat(subset.pixel(0, 0, 0, 0)).isEqualTo(7);
        assertThat(subset.pixel(1, 0, 0, 0)).isEqualTo(2);
        assertThat(subset.labels()).containsExactly(1, 2, 1);
        assertThat(head.size()).isEqualTo(4);
        assertThat(set.head(99).size()).isEqualTo(10);
        assertThat(set.classCounts()).containsExactly(4, 3, 3);
        assertThat(set.pixelBytes()).isEqualTo(10L * PER_IMAGE);
    }

    @Test
    void rejectsPixelsThatDoNotMatchTheLabelsAndLabelsOutOfRange() {
        assertThatThrownBy(() -> new ImageSet(INFO, new byte[PER_IMAGE * 2 - 1], new int[2]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2 labels but 23 pixel bytes (expected 24)");
        assertThatThrownBy(() -> new ImageSet(INFO, new byte[PER_IMAGE], new int[] {3}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("label 3 of image 0 outside [0, 3)");
        assertThatThrownBy(() -> numbered(3).batches(0, 1L, true))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
