package io.cnnga.dataset.imagefolder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFileDecoderTest {

    private static final Color ORANGE = new Color(200, 100, 50);

    @TempDir
    Path dir;

    private static int[] decode(Path file, int size, int channels) {
        ImageFileDecoder decoder = new ImageFileDecoder(size, channels);
        byte[] pixels = new byte[decoder.bytesPerImage() + 2];
        decoder.decode(file, pixels, 1);
        int[] values = new int[decoder.bytesPerImage()];
        for (int i = 0; i < values.length; i++) {
            values[i] = pixels[i + 1] & 0xFF;
        }
        return values;
    }

    @Test
    void colourPngShrinksToTheSizeKeepingItsColour() {
        Path png = TestImages.write(TestImages.solid(64, 48, ORANGE), "png", dir.resolve("a.png"));

        int[] rgb = decode(png, 16, 3);

        assertThat(rgb).hasSize(16 * 16 * 3);
        for (int p = 0; p < 16 * 16; p++) {
            assertThat(new int[] {rgb[3 * p], rgb[3 * p + 1], rgb[3 * p + 2]}).containsExactly(200, 100, 50);
        }
    }

    @Test
    void colourBecomesGreyByStandardLuminance() {
        Path png = TestImages.write(TestImages.solid(10, 10, ORANGE), "png", dir.resolve("a.png"));
        Path red = TestImages.write(TestImages.solid(10, 10, Color.RED), "png", dir.resolve("red.png"));

        // 0.299 * 200 + 0.587 * 100 + 0.114 * 50 = 124.2; 0.299 * 255 = 76.2
        assertThat(decode(png, 4, 1)).hasSize(16).containsOnly(124);
        assertThat(decode(red, 4, 1)).containsOnly(76);
        assertThat(ImageFileDecoder.luma(0xFFFFFF)).isEqualTo(255);
        assertThat(ImageFileDecoder.luma(0x000000)).isZero();
    }

    @Test
    void greyPngKeepsItsValuesInOneOrThreeChannels() {
        Path png = TestImages.write(TestImages.grey(12, 12, 128), "png", dir.resolve("g.png"));

        // A grey PNG's colour space is linear in Java: a careless conversion turns 128 into 188.
        assertThat(decode(png, 6, 1)).containsOnly(128);
        assertThat(decode(png, 6, 3)).hasSize(6 * 6 * 3).containsOnly(128);
    }

    @Test
    void sixteenBitGreyPngReads() {
        BufferedImage deep = new BufferedImage(8, 8, BufferedImage.TYPE_USHORT_GRAY);
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                deep.getRaster().setSample(x, y, 0, 200 * 257);
            }
        }
        Path png = TestImages.write(deep, "png", dir.resolve("deep.png"));

        assertThat(decode(png, 4, 1)).containsOnly(200);
    }

    @Test
    void jpegInColourAndGrey() {
        Path colour = TestImages.write(TestImages.solid(40, 30, ORANGE), "jpg", dir.resolve("c.jpg"));
        Path grey = TestImages.write(TestImages.grey(40, 30, 90), "jpeg", dir.resolve("g.jpeg"));

        int[] rgb = decode(colour, 8, 3);
        for (int p = 0; p < 64; p++) {
            assertThat(rgb[3 * p]).isCloseTo(200, within(4));
            assertThat(rgb[3 * p + 1]).isCloseTo(100, within(4));
            assertThat(rgb[3 * p + 2]).isCloseTo(50, within(4));
        }
        for (int value : decode(grey, 8, 1)) {
            assertThat(value).isCloseTo(90, within(2));
        }
    }

    @Test
    void pixelsAreRowMajorAndNotTransposed() {
        // Wider than tall, so a transposed or mis-strided result would land colours elsewhere.
        Path png = TestImages.write(TestImages.quadrants(80, 40, Color.RED, Color.GREEN, Color.BLUE, Color.WHITE),
                "png", dir.resolve("q.png"));

        int[] rgb = decode(png, 8, 3);

        assertThat(at(rgb, 8, 0, 0)).containsExactly(255, 0, 0);     // top-left
        assertThat(at(rgb, 8, 0, 7)).containsExactly(0, 255, 0);     // top-right
        assertThat(at(rgb, 8, 7, 0)).containsExactly(0, 0, 255);     // bottom-left
        assertThat(at(rgb, 8, 7, 7)).containsExactly(255, 255, 255); // bottom-right
    }

    @Test
    void smallImagesAreEnlarged() {
        Path png = TestImages.write(TestImages.quadrants(4, 4, Color.RED, Color.GREEN, Color.BLUE, Color.BLACK),
                "png", dir.resolve("small.png"));

        int[] rgb = decode(png, 32, 3);

        assertThat(rgb).hasSize(32 * 32 * 3);
        assertThat(at(rgb, 32, 0, 0)).containsExactly(255, 0, 0);
        assertThat(at(rgb, 32, 31, 0)).containsExactly(0, 0, 255);
    }

    @Test
    void largeImagesAreAveragedNotSampled() {
        // A one-pixel checkerboard: sampling would give black or white, averaging gives mid-grey.
        BufferedImage board = new BufferedImage(1024, 768, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 768; y++) {
            for (int x = 0; x < 1024; x++) {
                board.getRaster().setSample(x, y, 0, (x + y) % 2 == 0 ? 255 : 0);
            }
        }
        Path png = TestImages.write(board, "png", dir.resolve("board.png"));

        for (int value : decode(png, 16, 1)) {
            assertThat(value).isCloseTo(128, within(8));
        }
    }

    @Test
    void transparentPixelsShowWhite() {
        BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_INT_ARGB);
        Path png = TestImages.write(image, "png", dir.resolve("clear.png"));

        assertThat(decode(png, 4, 3)).containsOnly(255);
    }

    private static int[] at(int[] rgb, int size, int y, int x) {
        int p = (y * size + x) * 3;
        return new int[] {rgb[p], rgb[p + 1], rgb[p + 2]};
    }
}
