package io.cnnga.dataset.idx;

/**
 * What the header of an idx images file promises: how many images, of how many rows and columns.
 *
 * <pre>{@code
 * IdxImageShape shape = IdxReader.readImageShape(Path.of("train-images-idx3-ubyte.gz"));
 * shape.count();        // 60000
 * shape.pixelBytes();   // 60000 * 28 * 28
 * }</pre>
 *
 * @param count number of images
 * @param rows  image height in pixels
 * @param cols  image width in pixels
 */
record IdxImageShape(int count, int rows, int cols) {

    /** Bytes of pixel data that follow the header. */
    long pixelBytes() {
        return (long) count * rows * cols;
    }
}
