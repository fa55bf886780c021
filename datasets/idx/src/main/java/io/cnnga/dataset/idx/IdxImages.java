package io.cnnga.dataset.idx;

/**
 * The images of one idx file: grey pixels, one byte each, image after image, row-major (which is
 * NHWC with one channel, as {@link io.cnnga.api.ImageSet} wants it).
 *
 * <pre>{@code
 * IdxImages images = IdxReader.readImages(Path.of("t10k-images-idx3-ubyte.gz"));
 * int firstPixelOfSecondImage = images.pixels()[images.shape().rows() * images.shape().cols()] & 0xFF;
 * }</pre>
 *
 * @param shape  count, rows and columns from the header
 * @param pixels {@code count × rows × cols} bytes, 0..255
 */
record IdxImages(IdxImageShape shape, byte[] pixels) {
}
