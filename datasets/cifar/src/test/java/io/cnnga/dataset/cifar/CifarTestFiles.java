package io.cnnga.dataset.cifar;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Writes small CIFAR-10 and CIFAR-100 binary versions for tests, byte for byte in the official
 * layout, as a folder and as the official {@code .tar.gz}.
 *
 * <pre>{@code
 * Path folder = CifarTestFiles.writeCifar10(dir);          // dir/cifar-10-batches-bin/...
 * Path archive = CifarTestFiles.tarGz(folder, dir.resolve("cifar-10-binary.tar.gz"));
 * }</pre>
 *
 * <p>Images are numbered across the training batches, then the test batch; {@link #pixel} gives
 * every channel of every pixel of every image a value a test can check.
 */
final class CifarTestFiles {

    static final int PER_TRAIN_BATCH = 12;
    static final int CIFAR10_TEST = 20;
    static final int CIFAR100_TRAIN = 200;
    static final int CIFAR100_TEST = 40;
    static final List<String> CIFAR10_NAMES = List.of("airplane", "automobile", "bird", "cat", "deer", "dog",
            "frog", "horse", "ship", "truck");

    private CifarTestFiles() {
    }

    /** Channel {@code c} of pixel {@code (y, x)} of image {@code index}. */
    static int pixel(int index, int y, int x, int c) {
        return (index * 5 + (y * 32 + x) * (2 * c + 1) + 85 * c) % 256;
    }

    /** The image an NHWC image is, recognised by its first red value (5 * index mod 256 is unique below 256). */
    static int identify(int firstRed) {
        for (int index = 0; index < 256; index++) {
            if (pixel(index, 0, 0, 0) == firstRed) {
                return index;
            }
        }
        throw new AssertionError("no image starts with " + firstRed);
    }

    static int cifar10Label(int index) {
        return index % 10;
    }

    static int fineLabel(int index) {
        return (index * 7) % 100;
    }

    /** Superclass of a fine label: the test files group fine labels by their value mod 20. */
    static int coarseLabel(int index) {
        return fineLabel(index) % 20;
    }

    /** One record: the labels, then the red, green and blue planes, each row-major. */
    static byte[] record(int index, int... labels) {
        byte[] record = new byte[labels.length + 3072];
        for (int l = 0; l < labels.length; l++) {
            record[l] = (byte) labels[l];
        }
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < 32; y++) {
                for (int x = 0; x < 32; x++) {
                    record[labels.length + c * 1024 + y * 32 + x] = (byte) pixel(index, y, x, c);
                }
            }
        }
        return record;
    }

    static byte[] cifar10Batch(int first, int count) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = first; i < first + count; i++) {
            out.writeBytes(record(i, cifar10Label(i)));
        }
        return out.toByteArray();
    }

    static byte[] cifar100Batch(int first, int count) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = first; i < first + count; i++) {
            out.writeBytes(record(i, coarseLabel(i), fineLabel(i)));
        }
        return out.toByteArray();
    }

    /** The files of a CIFAR-10 binary version, in the order of the official archive. */
    static Map<String, byte[]> cifar10Files() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("data_batch_1.bin", cifar10Batch(0, PER_TRAIN_BATCH));
        files.put("batches.meta.txt", (String.join("\n", CIFAR10_NAMES) + "\n\n").getBytes(StandardCharsets.UTF_8));
        files.put("data_batch_3.bin", cifar10Batch(2 * PER_TRAIN_BATCH, PER_TRAIN_BATCH));
        files.put("data_batch_4.bin", cifar10Batch(3 * PER_TRAIN_BATCH, PER_TRAIN_BATCH));
        files.put("test_batch.bin", cifar10Batch(5 * PER_TRAIN_BATCH, CIFAR10_TEST));
        files.put("readme.html", "<html></html>".getBytes(StandardCharsets.UTF_8));
        files.put("data_batch_2.bin", cifar10Batch(PER_TRAIN_BATCH, PER_TRAIN_BATCH));
        files.put("data_batch_5.bin", cifar10Batch(4 * PER_TRAIN_BATCH, PER_TRAIN_BATCH));
        return files;
    }

    static List<String> fineNames() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            names.add("fine" + i);
        }
        return names;
    }

    static List<String> coarseNames() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            names.add("coarse" + i);
        }
        return names;
    }

    /** The files of a CIFAR-100 binary version. */
    static Map<String, byte[]> cifar100Files() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("coarse_label_names.txt", (String.join("\n", coarseNames()) + "\n").getBytes(StandardCharsets.UTF_8));
        files.put("fine_label_names.txt", (String.join("\n", fineNames()) + "\n").getBytes(StandardCharsets.UTF_8));
        files.put("test.bin", cifar100Batch(CIFAR100_TRAIN, CIFAR100_TEST));
        files.put("train.bin", cifar100Batch(0, CIFAR100_TRAIN));
        return files;
    }

    /** Writes {@code dir/cifar-10-batches-bin/...}; returns that folder. */
    static Path writeCifar10(Path dir) {
        return writeFolder(dir.resolve("cifar-10-batches-bin"), cifar10Files());
    }

    /** Writes {@code dir/cifar-100-binary/...}; returns that folder. */
    static Path writeCifar100(Path dir) {
        return writeFolder(dir.resolve("cifar-100-binary"), cifar100Files());
    }

    static Path writeFolder(Path folder, Map<String, byte[]> files) {
        try {
            Files.createDirectories(folder);
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                Files.write(folder.resolve(file.getKey()), file.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return folder;
    }

    /**
     * Writes {@code archive}, a gzipped tar holding the files under {@code top/} with a directory
     * entry first, as the official archives do.
     */
    static Path tarGz(Path archive, String top, Map<String, byte[]> files) {
        try (OutputStream file = Files.newOutputStream(archive);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(file))) {
            tar.putArchiveEntry(new TarArchiveEntry(top + "/"));
            tar.closeArchiveEntry();
            for (Map.Entry<String, byte[]> member : files.entrySet()) {
                TarArchiveEntry entry = new TarArchiveEntry(top + "/" + member.getKey());
                entry.setSize(member.getValue().length);
                tar.putArchiveEntry(entry);
                tar.write(member.getValue());
                tar.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return archive;
    }
}
