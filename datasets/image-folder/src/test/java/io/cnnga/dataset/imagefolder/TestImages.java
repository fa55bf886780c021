package io.cnnga.dataset.imagefolder;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;

/**
 * Makes and writes small PNG and JPEG images for tests.
 *
 * <pre>{@code
 * TestImages.write(TestImages.solid(64, 48, new Color(200, 100, 50)), "png", dir.resolve("cat/1.png"));
 * }</pre>
 */
final class TestImages {

    private TestImages() {
    }

    static BufferedImage solid(int width, int height, Color color) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(color);
        g.fillRect(0, 0, width, height);
        g.dispose();
        return image;
    }

    /** A grey image (one 8-bit channel, as a scanner or MNIST-style tool writes it). */
    static BufferedImage grey(int width, int height, int value) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.getRaster().setSample(x, y, 0, value);
            }
        }
        return image;
    }

    /** Four quadrants: top-left, top-right, bottom-left, bottom-right. */
    static BufferedImage quadrants(int width, int height, Color topLeft, Color topRight, Color bottomLeft,
                                   Color bottomRight) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        int w = width / 2;
        int h = height / 2;
        g.setColor(topLeft);
        g.fillRect(0, 0, w, h);
        g.setColor(topRight);
        g.fillRect(w, 0, width - w, h);
        g.setColor(bottomLeft);
        g.fillRect(0, h, w, height - h);
        g.setColor(bottomRight);
        g.fillRect(w, h, width - w, height - h);
        g.dispose();
        return image;
    }

    static Path write(BufferedImage image, String format, Path file) {
        try {
            Files.createDirectories(file.getParent());
            if (!ImageIO.write(image, format, file.toFile())) {
                throw new IllegalStateException("no " + format + " writer for " + image);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    static int red(int rgb) {
        return (rgb >> 16) & 0xFF;
    }

    static int green(int rgb) {
        return (rgb >> 8) & 0xFF;
    }

    static int blue(int rgb) {
        return rgb & 0xFF;
    }
}
