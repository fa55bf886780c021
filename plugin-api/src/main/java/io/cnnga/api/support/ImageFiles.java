package io.cnnga.api.support;

import io.cnnga.api.InvalidDataException;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Reads image files (PNG, JPEG, BMP, GIF: what {@code javax.imageio} decodes), refusing one too
 * large to hold before decoding it; {@link ImagePixels} then makes input bytes of it.
 *
 * <pre>{@code
 * if (ImageFiles.isImage(path)) {
 *     BufferedImage image = ImageFiles.read(path);   // InvalidDataException naming the file if it is damaged
 * }
 * }</pre>
 *
 * <p>A GIF is read at its first frame. Safe to use from several threads at once.
 */
public final class ImageFiles {

    /** Larger images are refused before decoding: 100 megapixels already take 400 MB as RGB. */
    public static final long MAX_PIXELS = 100_000_000L;
    /** File name extensions taken for images, lower case. */
    public static final Set<String> EXTENSIONS = Set.of("png", "jpg", "jpeg", "bmp", "gif");

    private ImageFiles() {
    }

    /** Whether the file's name ends in one of {@link #EXTENSIONS} (any case); the file is not opened. */
    public static boolean isImage(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 && EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /**
     * Decodes {@code file}.
     *
     * @throws InvalidDataException naming the file when it cannot be opened or decoded, or has more
     *                              than {@link #MAX_PIXELS} pixels
     */
    public static BufferedImage read(Path file) {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            if (in == null) {
                throw new InvalidDataException(file, "cannot be opened");
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new InvalidDataException(file, "is not an image javax.imageio can read (expected PNG, JPEG, BMP or GIF)");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                if (pixels > MAX_PIXELS) {
                    throw new InvalidDataException(file, "is " + reader.getWidth(0) + "x" + reader.getHeight(0)
                            + ", more than " + MAX_PIXELS + " pixels; scale it down first");
                }
                BufferedImage image = reader.read(0);
                if (image.getWidth() < 1 || image.getHeight() < 1) {
                    throw new InvalidDataException(file, "has no pixels");
                }
                return image;
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof InvalidDataException invalid) {
                throw invalid;
            }
            // Decoders report damaged files with IOExceptions but also with runtime exceptions
            // (index out of bounds, illegal arguments): all mean the same to the user.
            throw new InvalidDataException(file, "is not a readable image ("
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")", e);
        }
    }
}
