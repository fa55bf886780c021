package io.cnnga.dataset.cifar;

import java.util.List;

/**
 * The images of one or more CIFAR batch files, already in the engine's layout: NHWC bytes.
 *
 * <pre>{@code
 * CifarBatch train = CifarBatch.concat(List.of(batch1, batch2, batch3, batch4, batch5));
 * new ImageSet(info, train.pixels(), train.labels());
 * }</pre>
 *
 * @param pixels {@code labels.length × 32 × 32 × 3} bytes, NHWC
 * @param labels the chosen label of each image
 */
record CifarBatch(byte[] pixels, int[] labels) {

    /** The batches one after the other; a single batch is returned as is (no copy). */
    static CifarBatch concat(List<CifarBatch> batches) {
        if (batches.size() == 1) {
            return batches.get(0);
        }
        int images = batches.stream().mapToInt(b -> b.labels().length).sum();
        byte[] pixels = new byte[Math.multiplyExact(images, CifarFormat.PIXELS)];
        int[] labels = new int[images];
        int at = 0;
        for (CifarBatch batch : batches) {
            int n = batch.labels().length;
            System.arraycopy(batch.pixels(), 0, pixels, at * CifarFormat.PIXELS, n * CifarFormat.PIXELS);
            System.arraycopy(batch.labels(), 0, labels, at, n);
            at += n;
        }
        return new CifarBatch(pixels, labels);
    }
}
