package io.cnnga.api.support;

import io.cnnga.api.InvalidDataException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Input bytes from images of any size and kind, and image files read or refused with a line naming them. */
class ImagePixelsTest {

    @TempDir
    Path dir;

    @Test
    void aGreyImageTwiceAsLargeComesBackAsItsOwnPixels() {
        BufferedImage small = new BufferedImage(5, 4, BufferedImage.TYPE_BYTE_GRAY);
        BufferedImage large = new BufferedImage(10, 8, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 10; x++) {
                int v = (x / 2 * 37 + y / 2 * 53) % 256;
                small.getRaster().setSample(x / 2, y / 2, 0, v);
                large.setRGB(x, y, v << 16 | v << 8 | v);
            }
        }
        byte[] fromSmall = new byte[20];
        byte[] fromLarge = new byte[20];
        ImagePixels.write(small, 4, 5, 1, fromSmall, 0);
        ImagePixels.write(large, 4, 5, 1, fromLarge, 0);
        for (int i = 0; i < 20; i++) {
            int v = (i % 5 * 37 + i / 5 * 53) % 256;
            assertThat(fromSmall[i] & 0xFF).as("grey pixel %d", i).isEqualTo(v);
            assertThat(fromLarge[i] & 0xFF).as("RGB pixel %d, 2x", i).isEqualTo(v);
        }
    }

    @Test
    void rgbKeepsItsChannelsAndGreyIsLuma() {
        BufferedImage image = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, 0x204080);
        byte[] rgb = new byte[3];
        ImagePixels.write(image, 1, 1, 3, rgb, 0);
        assertThat(new int[] {rgb[0] & 0xFF, rgb[1] & 0xFF, rgb[2] & 0xFF}).containsExactly(0x20, 0x40, 0x80);
        byte[] grey = new byte[1];
        ImagePixels.write(image, 1, 1, 1, grey, 0);
        assertThat(grey[0] & 0xFF).isEqualTo(ImagePixels.luma(0x204080)).isEqualTo((32 * 19595 + 64 * 38470 + 128 * 7471 + 32768) >> 16);
        assertThatThrownBy(() -> ImagePixels.write(image, 1, 1, 2, new byte[2], 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void transparencyBecomesWhite() {
        BufferedImage image = new BufferedImage(2, 2, BufferedImage.TYPE_INT_ARGB);
        byte[] grey = new byte[4];
        ImagePixels.write(image, 2, 2, 1, grey, 0);
        assertThat(grey).containsOnly((byte) 255);
    }

    @Test
    void imageFilesAreReadAndDamagedOnesNamed() throws Exception {
        BufferedImage image = new BufferedImage(3, 3, BufferedImage.TYPE_INT_RGB);
        Path png = dir.resolve("a.PNG");
        ImageIO.write(image, "png", png.toFile());
        Path bmp = dir.resolve("b.bmp");
        ImageIO.write(image, "bmp", bmp.toFile());
        assertThat(ImageFiles.isImage(png)).isTrue();
        assertThat(ImageFiles.isImage(dir.resolve("c.gif"))).isTrue();
        assertThat(ImageFiles.isImage(dir.resolve("notes.txt"))).isFalse();
        assertThat(ImageFiles.read(png).getWidth()).isEqualTo(3);
        assertThat(ImageFiles.read(bmp).getHeight()).isEqualTo(3);
        Path cut = Files.write(dir.resolve("cut.png"), java.util.Arrays.copyOf(Files.readAllBytes(png), 40));
        assertThatThrownBy(() -> ImageFiles.read(cut)).isInstanceOf(InvalidDataException.class)
                .hasMessageStartingWith(cut + ": is not a readable image");
        Path text = Files.writeString(dir.resolve("fake.jpg"), "not an image");
        assertThatThrownBy(() -> ImageFiles.read(text)).hasMessageStartingWith(text + ": is not an image javax.imageio can read");
    }
}
