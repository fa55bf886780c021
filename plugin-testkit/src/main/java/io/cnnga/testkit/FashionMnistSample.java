package io.cnnga.testkit;

import io.cnnga.api.DataInfo;
import io.cnnga.api.ImageSet;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * The first images of Fashion-MNIST, read from the gzipped idx files that Debian's
 * {@code dataset-fashion-mnist} package installs, for tests that want real data and skip
 * without it. Not a dataset plugin: no split, no checks beyond the magic numbers (the
 * {@code fashion-mnist} dataset plugin is the real reader).
 *
 * <pre>{@code
 * assumeTrue(FashionMnistSample.available(), "apt-get install dataset-fashion-mnist");
 * ImageSet train = FashionMnistSample.train(600);
 * ImageSet test = FashionMnistSample.test(200);
 * }</pre>
 *
 * <p>The folder is {@value #DEFAULT_FOLDER}, or the system property {@code cnnga.fashion}.
 */
public final class FashionMnistSample {

    /** Where Debian's package installs the files. */
    public static final String DEFAULT_FOLDER = "/usr/share/datasets/fashion-mnist";

    /** The folder read: the system property {@code cnnga.fashion}, or {@value #DEFAULT_FOLDER}. */
    public static final Path FOLDER = Path.of(System.getProperty("cnnga.fashion", DEFAULT_FOLDER));

    /** 28×28×1, the ten official class names. */
    public static final DataInfo INFO = new DataInfo("fashion-mnist", 28, 28, 1, List.of("T-shirt/top", "Trouser",
            "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"));

    private FashionMnistSample() {
    }

    /** Whether the four files are there to read. */
    public static boolean available() {
        return Files.isReadable(FOLDER.resolve("train-images-idx3-ubyte.gz"))
                && Files.isReadable(FOLDER.resolve("train-labels-idx1-ubyte.gz"))
                && Files.isReadable(FOLDER.resolve("t10k-images-idx3-ubyte.gz"))
                && Files.isReadable(FOLDER.resolve("t10k-labels-idx1-ubyte.gz"));
    }

    /** The first {@code limit} training images (0: all 60,000). */
    public static ImageSet train(int limit) {
        return read("train", limit);
    }

    /** The first {@code limit} test images (0: all 10,000). */
    public static ImageSet test(int limit) {
        return read("t10k", limit);
    }

    private static ImageSet read(String prefix, int limit) {
        try {
            byte[] pixels;
            int n;
            try (DataInputStream in = open(prefix + "-images-idx3-ubyte.gz")) {
                expect(in.readInt(), 0x803);
                n = in.readInt();
                int rows = in.readInt();
                int cols = in.readInt();
                if (rows != 28 || cols != 28) {
                    throw new IOException("expected 28x28 images, found " + rows + "x" + cols);
                }
                n = limit > 0 ? Math.min(limit, n) : n;
                pixels = new byte[n * 28 * 28];
                in.readFully(pixels);
            }
            int[] labels = new int[n];
            try (DataInputStream in = open(prefix + "-labels-idx1-ubyte.gz")) {
                expect(in.readInt(), 0x801);
                in.readInt();
                for (int i = 0; i < n; i++) {
                    labels[i] = in.readUnsignedByte();
                }
            }
            return new ImageSet(INFO, pixels, labels);
        } catch (IOException e) {
            throw new UncheckedIOException(FOLDER + ": " + e.getMessage(), e);
        }
    }

    private static DataInputStream open(String name) throws IOException {
        InputStream raw = Files.newInputStream(FOLDER.resolve(name));
        return new DataInputStream(new GZIPInputStream(raw, 1 << 16));
    }

    private static void expect(int magic, int wanted) throws IOException {
        if (magic != wanted) {
            throw new IOException(String.format("wrong magic number 0x%08x, expected 0x%08x", magic, wanted));
        }
    }
}
