package io.cnnga.api;

/**
 * A batch of images as float32 NHWC pixels in [0, 1], with their labels.
 *
 * <pre>{@code
 * for (Batch batch : trainSet.batches(32, seed, true)) {
 *     feed(batch.images(), batch.size());   // images.length == size * H * W * C
 * }
 * }</pre>
 *
 * <p>A batch is produced on demand from the bytes an {@link ImageSet} keeps; its arrays belong to
 * the caller.
 *
 * @param images NHWC pixels, {@code size × H × W × C} floats
 * @param labels one class index per image
 */
public record Batch(float[] images, int[] labels) {

    public Batch {
        if (labels.length == 0 || images.length % labels.length != 0) {
            throw new IllegalArgumentException("a batch needs images for each of its " + labels.length + " labels");
        }
    }

    public int size() {
        return labels.length;
    }
}
