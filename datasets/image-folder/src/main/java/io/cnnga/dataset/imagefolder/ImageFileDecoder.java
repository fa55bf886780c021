package io.cnnga.dataset.imagefolder;

import io.cnnga.api.InvalidDataException;
import io.cnnga.api.support.DataBudget;
import io.cnnga.api.support.ImagePixels;

import java.awt.image.BufferedImage;
import java.awt.image.SampleModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.stream.ImageInputStream;

/**
 * Turns one PNG or JPEG file into {@code size × size × channels} bytes, NHWC: decoded by
 * {@code javax.imageio}, scaled and made grey or RGB by {@link ImagePixels} (which {@code predict}
 * shares, so a model sees the same pixels when it classifies an image as in training).
 *
 * <pre>{@code
 * ImageFileDecoder decoder = new ImageFileDecoder(32, 1);
 * byte[] pixels = new byte[n * decoder.bytesPerImage()];
 * decoder.decode(Path.of("cats/001.jpg"), pixels, i * decoder.bytesPerImage());
 * }</pre>
 *
 * <p>Grey is ITU-R BT.601 luma, {@code 0.299 R + 0.587 G + 0.114 B}, in the rounded fixed-point
 * form Pillow's {@code convert("L")} uses, so images match what Python tools make of them. Safe to
 * use from several threads at once.
 */
final class ImageFileDecoder {

    /** Larger images are refused before decoding: 100 megapixels already take 400 MB as RGB. */
    static final long MAX_PIXELS = 100_000_000L;

    private final int size;
    private final int channels;

    /**
     * @param size     width and height of the result
     * @param channels 1 (grey) or 3 (RGB)
     */
    ImageFileDecoder(int size, int channels) {
        this.size = size;
        this.channels = channels;
    }

    int bytesPerImage() {
        return size * size * channels;
    }

    /**
     * Decodes {@code file} into {@code pixels} from {@code offset}, alone (no other decode shares the heap).
     *
     * @throws InvalidDataException naming the file when it cannot be decoded
     */
    void decode(Path file, byte[] pixels, int offset) {
        decode(file, pixels, offset, DecodeMemory.ofHeap());
    }

    /**
     * Decodes {@code file} into {@code pixels} from {@code offset}, reserving the memory its header
     * says the decode needs from {@code memory} first.
     *
     * @throws InvalidDataException naming the file when it cannot be decoded, or is too large for the memory
     */
    void decode(Path file, byte[] pixels, int offset, DecodeMemory memory) {
        int[] rgb;
        try {
            rgb = readScaled(file, memory);
        } catch (OutOfMemoryError e) {
            throw new InvalidDataException(file, "ran out of memory decoding it (the JVM's maximum heap is "
                    + DataBudget.human(Runtime.getRuntime().maxMemory())
                    + "); scale it down, or give Java more memory (JAVA_OPTS=-Xmx...)", e);
        }
        ImagePixels.write(rgb, channels, pixels, offset);
    }

    /** BT.601 luma of {@code 0xRRGGBB}, rounded ({@link ImagePixels#luma}). */
    static int luma(int rgb) {
        return ImagePixels.luma(rgb);
    }

    /** The image scaled to {@code size × size} RGB, decoded within a reservation of {@code memory}. */
    private int[] readScaled(Path file, DecodeMemory memory) {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            if (in == null) {
                throw new InvalidDataException(file, "cannot be opened");
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new InvalidDataException(file, "is not an image javax.imageio can read (expected PNG or JPEG)");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                // Width, height and sample layout come from the header, before any pixel is decoded.
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                long pixels = (long) width * height;
                if (pixels > MAX_PIXELS) {
                    throw new InvalidDataException(file, "is " + width + "x" + height
                            + ", more than " + MAX_PIXELS + " pixels; scale it down first");
                }
                ImageTypeSpecifier type = reader.getRawImageType(0);
                String what = width + "x" + height + (type == null ? "" : ", " + describe(type));
                try (DecodeMemory.Reservation reserved = memory.reserve(file, DecodeMemory.estimate(width, height, type), what)) {
                    BufferedImage image = reader.read(0);
                    if (image.getWidth() < 1 || image.getHeight() < 1) {
                        throw new InvalidDataException(file, "has no pixels");
                    }
                    return ImagePixels.toRgb(image, size, size);
                }
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof InvalidDataException invalid) {
                throw invalid;
            }
            // Decoders report damaged files with IOExceptions but also with runtime exceptions
            // (index out of bounds, illegal arguments): all mean the same to the user.
            throw new InvalidDataException(file, "is not a readable PNG or JPEG image ("
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")", e);
        }
    }

    /** "4 channels of 16 bits". */
    private static String describe(ImageTypeSpecifier type) {
        SampleModel model = type.getSampleModel(1, 1);
        return model.getNumBands() + (model.getNumBands() == 1 ? " channel" : " channels") + " of "
                + model.getSampleSize(0) + " bits";
    }
}
