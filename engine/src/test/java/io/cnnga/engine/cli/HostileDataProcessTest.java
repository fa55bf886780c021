package io.cnnga.engine.cli;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hostile data files of issue 20, each loaded by {@code bin/engine data PLAN.json} in a child
 * JVM with a 1 GB heap: each must end in one line naming the file and exit 2, the JVM's resident
 * memory staying under 1.5 GB. The files are made here, small or sparse: none takes gigabytes of disk.
 */
class HostileDataProcessTest {

    static final long MAX_RSS_KB = 1_536L * 1024;
    static final int IDX_IMAGES = 0x00000803;
    static final int IDX_LABELS = 0x00000801;

    @TempDir
    Path dir;

    @Test
    void aTwoMegabyteLabelsGzDeclaring2Point1BillionLabels() throws Exception {
        Path folder = idxDataset(100, 20);
        Path labels = folder.resolve("train-labels-idx1-ubyte.gz");
        byte[] noise = new byte[2 << 20];
        new Random(1).nextBytes(noise);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(labels))) {
            out.write(ByteBuffer.allocate(8).putInt(IDX_LABELS).putInt(2_100_000_000).array());
            out.write(noise);
        }

        Child child = data(plan("mnist", folder));

        child.assertOneLineExitTwo(labels, "its header promises 2100000000 labels but train-images-idx3-ubyte.gz"
                + " promises 100 images");
    }

    @Test
    void anImagesGzOf2MegabytesInflatingTo2GigabytesBeyondItsHeadersCount() throws Exception {
        Path folder = idxDataset(100, 20);
        Path images = folder.resolve("train-images-idx3-ubyte.gz");
        try (OutputStream out = Files.newOutputStream(images)) {
            out.write(gzip(idxImages(100)));
            writeZeroMembers(out, 30);                  // 30 x 64 MB: 1.9 GB more once inflated
        }
        assertThat(Files.size(images)).isLessThan(4L << 20);

        Child child = data(plan("mnist", folder));

        child.assertOneLineExitTwo(images, "unexpected data at byte 78416 (uncompressed) after everything the header"
                + " promised");
    }

    @Test
    void anImagesGzWhoseHeaderPromises2Point5MillionImagesInflatingToThem() throws Exception {
        Path folder = idxDataset(100, 20);
        Path images = folder.resolve("train-images-idx3-ubyte.gz");
        try (OutputStream out = Files.newOutputStream(images)) {
            out.write(gzip(ByteBuffer.allocate(16).putInt(IDX_IMAGES).putInt(2_500_000).putInt(28).putInt(28).array()));
            writeZeroMembers(out, 30);                  // 2,500,000 x 784 bytes = 30 x 64 MB, less 7.6 MB
        }
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(folder.resolve("train-labels-idx1-ubyte.gz")))) {
            out.write(ByteBuffer.allocate(8).putInt(IDX_LABELS).putInt(2_500_000).array());
            out.write(new byte[2_500_000]);
        }

        Child child = data(plan("mnist", folder));

        child.assertOneLineExitTwo(images, "its header's 2500000 images of 28x28 (with the 20 of"
                + " t10k-images-idx3-ubyte.gz): loading them would need about 3.7 GB of memory, more than the 768 MB"
                + " this JVM gives data (75% of its 1.0 GB maximum heap)");
    }

    @Test
    void fiveSparse2Point1GigabyteCifarBatchFiles() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("cifar-10-batches-bin"));
        Files.writeString(folder.resolve("batches.meta.txt"), "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n");
        long size = 2_100_000_000L / 3073 * 3073;
        for (int i = 1; i <= 5; i++) {
            sparse(folder.resolve("data_batch_" + i + ".bin"), size);
        }
        Files.write(folder.resolve("test_batch.bin"), new byte[3073 * 10]);

        Child child = data(plan("cifar10", folder));

        child.assertOneLineExitTwo(folder.resolve("data_batch_1.bin"), "this batch file and the others hold "
                + (5 * (size / 3073) + 10) + " images of 32x32x3: loading them would need about 19.6 GB of memory");
    }

    @Test
    void aTinyCifarTarGzWhoseHeaderClaimsA2Point1GigabyteMember() throws Exception {
        Path archive = dir.resolve("cifar-10-binary.tar.gz");
        TarArchiveEntry entry = new TarArchiveEntry("cifar-10-batches-bin/data_batch_1.bin");
        long claimed = 2_100_000_000L / 3073 * 3073;
        entry.setSize(claimed);
        byte[] header = new byte[512];
        entry.writeEntryHeader(header);
        Files.write(archive, gzip(header));
        assertThat(Files.size(archive)).isLessThan(300);

        Child child = data(plan("cifar10", archive));

        child.assertOneLineExitTwo(archive, "entry cifar-10-batches-bin/data_batch_1.bin claims " + claimed + " bytes,"
                + " but a .tar.gz of " + Files.size(archive) + " bytes holds at most");
    }

    @Test
    void eight9999x9999SixteenBitRgbaPngs() throws Exception {
        Path root = dir.resolve("images");
        Path first = Files.createDirectories(root.resolve("a")).resolve("0.png");
        Files.write(first, zeroPng(9999, 9999));
        assertThat(Files.size(first)).isLessThan(1L << 20);
        for (int i = 1; i < 8; i++) {
            Path folder = Files.createDirectories(root.resolve(i < 4 ? "a" : "b"));
            Files.copy(first, folder.resolve(i + ".png"));
        }

        Child child = data(plan("image-folder", root));

        child.assertOneLineExitTwo(first, "is 9999x9999, 4 channels of 16 bits: decoding it would need about 1.3 GB of"
                + " memory, more than the");
    }

    /** What the child JVM did. */
    record Child(int status, String out, String err, long peakRssKb) {

        void assertOneLineExitTwo(Path file, String problem) {
            assertThat(status).as("exit status; stderr:%n%s", err).isEqualTo(2);
            assertThat(out).isEmpty();
            assertThat(err.lines().toList()).as(err).hasSize(1);
            assertThat(err).startsWith("error: " + file + ": ").contains(problem);
            assertThat(peakRssKb).as("peak resident memory, kB").isPositive().isLessThan(MAX_RSS_KB);
        }
    }

    private Path plan(String dataset, Path path) throws IOException {
        Path plan = dir.resolve("plan.json");
        Files.writeString(plan, "{\"dataset\": {\"id\": \"" + dataset + "\", \"options\": {\"path\": \""
                + path.toString().replace("\\", "\\\\") + "\"}}}");
        return plan;
    }

    /** {@code bin/engine data PLAN} in a child JVM with a 1 GB heap, its peak RSS read from /proc while it runs. */
    private Child data(Path plan) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx1g");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(EngineCommand.class.getName());
        command.add("data");
        command.add(plan.toString());
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        Path status = Path.of("/proc", Long.toString(process.pid()), "status");
        long peak = 0;
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (process.isAlive() && System.nanoTime() < deadline) {
            peak = Math.max(peak, highWaterMarkKb(status));
            Thread.sleep(10);
        }
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).as("the child ended").isTrue();
        return new Child(process.exitValue(), Files.readString(out), Files.readString(err), peak);
    }

    /** VmHWM of /proc/PID/status: the most resident memory the process has had; 0 once it is gone. */
    private static long highWaterMarkKb(Path status) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // the process just ended
        }
        return 0;
    }

    /** A valid gzipped MNIST-style dataset of 28x28 images, all zero, label 0. */
    private Path idxDataset(int train, int test) throws IOException {
        Path folder = Files.createDirectories(dir.resolve("mnist"));
        Files.write(folder.resolve("train-images-idx3-ubyte.gz"), gzip(idxImages(train)));
        Files.write(folder.resolve("train-labels-idx1-ubyte.gz"), gzip(idxLabels(train)));
        Files.write(folder.resolve("t10k-images-idx3-ubyte.gz"), gzip(idxImages(test)));
        Files.write(folder.resolve("t10k-labels-idx1-ubyte.gz"), gzip(idxLabels(test)));
        return folder;
    }

    private static byte[] idxImages(int count) {
        return ByteBuffer.allocate(16 + count * 784).putInt(IDX_IMAGES).putInt(count).putInt(28).putInt(28).array();
    }

    private static byte[] idxLabels(int count) {
        byte[] labels = ByteBuffer.allocate(8 + count).putInt(IDX_LABELS).putInt(count).array();
        for (int i = 0; i < count; i++) {
            labels[8 + i] = (byte) (i % 10);
        }
        return labels;
    }

    /**
     * {@code count} gzip members of 64 MB of zeros each, one after the other: a gzip reader reads
     * concatenated members as one stream, so a few megabytes inflate to gigabytes.
     */
    private static void writeZeroMembers(OutputStream out, int count) throws IOException {
        ByteArrayOutputStream member = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(member, 1 << 16)) {
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 64; i++) {
                gz.write(zeros);
            }
        }
        byte[] bytes = member.toByteArray();
        for (int i = 0; i < count; i++) {
            out.write(bytes);
        }
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }

    private static void sparse(Path file, long size) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(size);
        }
    }

    /** A real 16-bit RGBA PNG of {@code width x height}, every pixel 0: 777 kB for 9999x9999. */
    private static byte[] zeroPng(int width, int height) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10});
        chunk(out, "IHDR", ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 16).put((byte) 6)
                .put((byte) 0).put((byte) 0).put((byte) 0).array());
        ByteArrayOutputStream idat = new ByteArrayOutputStream();
        try (OutputStream z = new DeflaterOutputStream(idat, new Deflater(Deflater.BEST_COMPRESSION), 1 << 16)) {
            byte[] row = new byte[1 + width * 8];
            for (int y = 0; y < height; y++) {
                z.write(row);
            }
        }
        chunk(out, "IDAT", idat.toByteArray());
        chunk(out, "IEND", new byte[0]);
        return bytes.toByteArray();
    }

    private static void chunk(DataOutputStream out, String type, byte[] data) throws IOException {
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        out.writeInt(data.length);
        out.write(name);
        out.write(data);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        out.writeInt((int) crc.getValue());
    }
}
