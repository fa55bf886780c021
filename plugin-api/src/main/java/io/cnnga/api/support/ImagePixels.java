package io.cnnga.api.support;

import io.cnnga.api.Preprocessing;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;

/**
 * Turns a decoded image of any size and kind into a network's input bytes: stretched to the
 * input's size with bilinear interpolation, then RGB or grey. The {@code image-folder} dataset
 * prepares its images with it, and {@code predict} the images it is given, so that a network sees
 * the same pixels at prediction as in training.
 *
 * <pre>{@code
 * byte[] pixels = new byte[28 * 28];
 * ImagePixels.write(ImageIO.read(file), 28, 28, 1, pixels, 0);   // NHWC bytes, grey by BT.601 luma
 * }</pre>
 *
 * <p>The image is stretched to the target (as Keras' {@code image_dataset_from_directory} does by
 * default), not cropped ({@link Preprocessing#BILINEAR_STRETCH}). Transparent pixels are composed
 * over white: transparency in PNGs is usually a background meant to be seen on a white page. Grey
 * is ITU-R BT.601 luma in the rounded fixed-point form Pillow's {@code convert("L")} uses
 * ({@link Preprocessing#LUMA}), so images match what Python tools make of them; a grey pixel
 * (R = G = B) keeps its value exactly. Safe to use from several threads at once.
 */
public final class ImagePixels {

    private ImagePixels() {
    }

    /**
     * Writes {@code image} as {@code height × width × channels} bytes, row-major NHWC, into
     * {@code pixels} from {@code offset}.
     *
     * @param channels 3 for RGB, 1 for grey (luma)
     * @throws IllegalArgumentException for another channel count
     */
    public static void write(BufferedImage image, int height, int width, int channels, byte[] pixels, int offset) {
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("images become 1 (grey) or 3 (RGB) channels, not " + channels);
        }
        write(toRgb(image, height, width), channels, pixels, offset);
    }

    /**
     * Writes pixels {@link #toRgb} made as {@code channels} bytes each into {@code pixels} from
     * {@code offset}: RGB, or grey by {@link #luma}.
     */
    public static void write(int[] rgb, int channels, byte[] pixels, int offset) {
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("images become 1 (grey) or 3 (RGB) channels, not " + channels);
        }
        if (channels == 3) {
            for (int p = 0; p < rgb.length; p++) {
                int at = offset + p * 3;
                pixels[at] = (byte) (rgb[p] >> 16);
                pixels[at + 1] = (byte) (rgb[p] >> 8);
                pixels[at + 2] = (byte) rgb[p];
            }
        } else {
            for (int p = 0; p < rgb.length; p++) {
                pixels[offset + p] = (byte) luma(rgb[p]);
            }
        }
    }

    /** BT.601 luma of {@code 0xRRGGBB}, rounded: 19595 + 38470 + 7471 = 65536. */
    public static int luma(int rgb) {
        int r = (rgb >> 16) & 0xFF;
        int g = (rgb >> 8) & 0xFF;
        int b = rgb & 0xFF;
        return (r * 19595 + g * 38470 + b * 7471 + 0x8000) >> 16;
    }

    /**
     * The image stretched to {@code height × width} opaque pixels, {@code 0xRRGGBB}, row-major.
     */
    public static int[] toRgb(BufferedImage source, int height, int width) {
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("target size must be positive, was " + height + "x" + width);
        }
        BufferedImage current = source;
        int w = source.getWidth();
        int h = source.getHeight();
        boolean first = true;
        do {
            // Bilinear reads only the 4 nearest source pixels, so one step from 1000 px to 32 would
            // skip most pixels and alias; halving until within 2x of the target reads them all.
            int nextWidth = w > 2 * width ? w / 2 : width;
            int nextHeight = h > 2 * height ? h / 2 : height;
            BufferedImage next = new BufferedImage(nextWidth, nextHeight, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = next.createGraphics();
            try {
                if (first) {
                    g.setColor(Color.WHITE);
                    g.fillRect(0, 0, nextWidth, nextHeight);
                }
                g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
                g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
                g.drawImage(current, 0, 0, nextWidth, nextHeight, null);
            } finally {
                g.dispose();
            }
            current = next;
            w = nextWidth;
            h = nextHeight;
            first = false;
        } while (w != width || h != height);
        return ((DataBufferInt) current.getRaster().getDataBuffer()).getData();
    }
}
