package io.cnnga.dataset.cifar;

import io.cnnga.api.InvalidDataException;
import io.cnnga.api.Options;
import io.cnnga.api.support.DataBudget;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * CIFAR files that promise far more than the heap or the file can hold fail before anything large
 * is allocated: sparse batch files (no disk used) and a tiny archive whose tar header claims gigabytes.
 */
class CifarHostileDataTest {

    static final long SPARSE_BATCH = 2_100_000_000L / 3073 * 3073;

    @TempDir
    Path dir;

    @Test
    void fiveSparseTwoGigabyteBatchFilesFailFromTheirSizesBeforeAnyIsRead() throws IOException {
        Path folder = CifarTestFiles.writeCifar10(dir);
        for (int i = 1; i <= 5; i++) {
            sparse(folder.resolve("data_batch_" + i + ".bin"), SPARSE_BATCH);
        }
        long before = usedHeap();

        Throwable thrown = load(folder);

        assertThat(thrown).isInstanceOf(InvalidDataException.class)
                .hasMessageStartingWith(folder.resolve("data_batch_1.bin") + ": this batch file and the others hold "
                        + (5 * SPARSE_BATCH / 3073 + CifarTestFiles.CIFAR10_TEST) + " images of 32x32x3: loading them"
                        + " would need about 19.6 GB of memory, more than the")
                .hasMessageContaining("JAVA_OPTS=-Xmx");
        assertThat(usedHeap() - before).isLessThan(64L << 20);
    }

    @Test
    void aTinyArchiveWhoseTarHeaderClaimsTwoGigabytesFailsBeforeAllocating() throws IOException {
        Path archive = dir.resolve("cifar-10-binary.tar.gz");
        TarArchiveEntry entry = new TarArchiveEntry("cifar-10-batches-bin/data_batch_1.bin");
        entry.setSize(SPARSE_BATCH);
        byte[] header = new byte[512];
        entry.writeEntryHeader(header);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(archive))) {
            out.write(header);
        }
        long size = Files.size(archive);
        assertThat(size).isLessThan(300);
        long before = usedHeap();

        Throwable thrown = load(archive);

        assertThat(thrown).isInstanceOf(InvalidDataException.class)
                .hasMessage(archive + ": entry cifar-10-batches-bin/data_batch_1.bin claims " + SPARSE_BATCH
                        + " bytes, but a .tar.gz of " + size + " bytes holds at most " + DataBudget.maxInflatedBytes(size)
                        + " (deflate compresses at most 1032:1); the archive is damaged or not the CIFAR-10 download,"
                        + " get it again from https://www.cs.toronto.edu/~kriz/cifar.html");
        assertThat(usedHeap() - before).isLessThan(64L << 20);
    }

    private static Throwable load(Path path) {
        Map<String, String> noEnvironment = Map.of();
        return catchThrowable(() -> new Cifar10DatasetFactory(noEnvironment::get)
                .create(Options.of("dataset.options", Map.of("path", path.toString()))).load(1L));
    }

    /** A file of {@code size} bytes that takes no disk: zeros the file system does not store. */
    static void sparse(Path file, long size) throws IOException {
        Files.deleteIfExists(file);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(size);
        }
    }

    private static long usedHeap() {
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
