package io.cnnga.dataset.imagefolder;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;

/**
 * Scales an image of any kind to a square of opaque RGB pixels with bilinear interpolation.
 *
 * <pre>{@code
 * int[] rgb = ImageResizer.toRgb(ImageIO.read(file), 32);   // 32*32 pixels, 0xRRGGBB, row-major
 * }</pre>
 *
 * <p>The image is stretched to the square (as Keras' {@code image_dataset_from_directory} does by
 * default), not cropped. Transparent pixels are composed over white: transparency in PNGs is
 * usually a background meant to be seen on a white page.
 */
final class ImageResizer {

    private ImageResizer() {
    }

    /**
     * @return {@code size × size} pixels, {@code 0xRRGGBB}, row-major
     */
    static int[] toRgb(BufferedImage source, int size) {
        BufferedImage current = source;
        int width = source.getWidth();
        int height = source.getHeight();
        boolean first = true;
        do {
            // Bilinear reads only the 4 nearest source pixels, so one step from 1000 px to 32 would
            // skip most pixels and alias; halving until within 2x of the target reads them all.
            int nextWidth = width > 2 * size ? width / 2 : size;
            int nextHeight = height > 2 * size ? height / 2 : size;
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
            width = nextWidth;
            height = nextHeight;
            first = false;
        } while (width != size || height != size);
        return ((DataBufferInt) current.getRaster().getDataBuffer()).getData();
    }
}
