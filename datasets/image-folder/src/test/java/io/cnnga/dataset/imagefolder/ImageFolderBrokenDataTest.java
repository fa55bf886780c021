package io.cnnga.dataset.imagefolder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.cnnga.api.InvalidDataException;
import io.cnnga.api.Options;

import java.awt.Color;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.CRC32;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every kind of broken image folder fails with an {@link InvalidDataException} naming the file or folder. */
class ImageFolderBrokenDataTest {

    /** Breaks a valid image folder {@code root}; returns the file or folder the error must name. */
    interface Damage {
        Path apply(Path root) throws IOException;
    }

    @TempDir
    Path dir;

    static Stream<Arguments> damages() {
        return Stream.of(
                damage("text file named .png", "is not an image javax.imageio can read",
                        root -> Files.writeString(root.resolve("b/3.png"), "hello")),
                damage("empty .jpg", "is not an image javax.imageio can read",
                        root -> Files.write(root.resolve("a/0.jpg"), new byte[0])),
                damage("PNG cut short", "is not a readable PNG or JPEG image",
                        root -> cut(TestImages.write(TestImages.solid(64, 64, Color.ORANGE), "png", root.resolve("a/9.png")))),
                damage("JPEG cut short", "is not a readable PNG or JPEG image",
                        root -> cut(TestImages.write(TestImages.solid(64, 64, Color.ORANGE), "jpg", root.resolve("b/9.jpg")))),
                damage("PNG claiming 100000x100000 pixels", "is 100000x100000, more than 100000000 pixels",
                        root -> hugeHeader(root.resolve("a/1.png"))),
                damage("class folder without images", "holds no .png, .jpg or .jpeg images",
                        root -> Files.createDirectories(root.resolve("c"))),
                damage("a single class folder", "needs at least 2 class folders",
                        root -> {
                            deleteTree(root.resolve("b"));
                            return root;
                        }),
                damage("test class unknown to train", "is a class folder that",
                        root -> {
                            Files.move(root.resolve("a"), Files.createDirectories(root.resolve("train")).resolve("a"));
                            Files.move(root.resolve("b"), root.resolve("train/b"));
                            TestImages.write(TestImages.solid(4, 4, Color.RED), "png", root.resolve("test/a/1.png"));
                            TestImages.write(TestImages.solid(4, 4, Color.RED), "png", root.resolve("test/z/1.png"));
                            return root.resolve("test/z");
                        }),
                damage("test folder without images", "holds no .png, .jpg or .jpeg images in class folders",
                        root -> {
                            Files.move(root.resolve("a"), Files.createDirectories(root.resolve("train")).resolve("a"));
                            Files.move(root.resolve("b"), root.resolve("train/b"));
                            Files.createDirectories(root.resolve("test/a"));
                            return root.resolve("test");
                        }),
                damage("folder missing", "does not exist",
                        root -> {
                            deleteTree(root);
                            return root;
                        }));
    }

    private static Arguments damage(String name, String problem, Damage damage) {
        return Arguments.of(name, problem, damage);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("damages")
    void brokenDataFailsNamingTheFile(String name, String problem, Damage damage) throws IOException {
        Path root = dir.resolve("images");
        for (int i = 0; i < 5; i++) {
            TestImages.write(TestImages.solid(8, 8, Color.RED), "png", root.resolve("a/" + i + ".png"));
            TestImages.write(TestImages.solid(8, 8, Color.BLUE), "jpg", root.resolve("b/" + i + ".jpg"));
        }
        Path broken = damage.apply(root);

        Throwable thrown = catchThrowable(() -> new ImageFolderDatasetFactory()
                .create(Options.of("dataset.options", Map.of("path", root.toString(), "size", 4))).load(1L));

        assertThat(thrown).isInstanceOf(InvalidDataException.class)
                .hasMessageStartingWith(broken + ": ")
                .hasMessageContaining(problem);
        assertThat(thrown.getMessage()).doesNotContain("\n");
    }

    private static Path cut(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));
        return file;
    }

    /** A real PNG whose header (IHDR, with a correct checksum) claims an enormous image. */
    private static Path hugeHeader(Path file) throws IOException {
        TestImages.write(TestImages.solid(4, 4, Color.RED), "png", file);
        byte[] png = Files.readAllBytes(file);
        // 8-byte signature, 4-byte length, "IHDR" at 12, width at 16, height at 20, CRC after the 13 data bytes.
        ByteBuffer buffer = ByteBuffer.wrap(png).putInt(16, 100_000).putInt(20, 100_000);
        CRC32 crc = new CRC32();
        crc.update(png, 12, 4 + 13);
        buffer.putInt(12 + 4 + 13, (int) crc.getValue());
        Files.write(file, png);
        return file;
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted((x, y) -> y.compareTo(x)).toList()) {
                Files.delete(path);
            }
        }
    }
}
