package io.cnnga.dataset.imagefolder;

import io.cnnga.api.InvalidDataException;
import io.cnnga.api.support.DataBudget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.color.ColorSpace;
import java.awt.image.DataBuffer;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.CRC32;
import java.util.zip.DeflaterOutputStream;

import javax.imageio.ImageTypeSpecifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/** Images larger than the memory left for decoding are refused from their header; decodes share that memory. */
class ImageFolderHostileDataTest {

    @TempDir
    Path dir;

    @Test
    void aPngWhoseHeaderSays9999x9999SixteenBitRgbaIsRefusedBeforeDecoding() throws IOException {
        Path png = Files.write(dir.resolve("huge.png"), png(9999, 9999, 0));
        DecodeMemory memory = new DecodeMemory(new DataBudget(700L << 20, 1L << 30));
        ImageFileDecoder decoder = new ImageFileDecoder(32, 3);

        Throwable thrown = catchThrowable(() -> decoder.decode(png, new byte[decoder.bytesPerImage()], 0, memory));

        assertThat(thrown).isInstanceOf(InvalidDataException.class)
                .hasMessage(png + ": is 9999x9999, 4 channels of 16 bits: decoding it would need about 1.3 GB of"
                        + " memory, more than the 700 MB this JVM has left for decoding images (of its 1.0 GB maximum"
                        + " heap); scale it down, or give Java more memory (JAVA_OPTS=-Xmx...)");
    }

    @Test
    void decodesWaitWhileOthersHoldTheMemoryTheyNeed() throws Exception {
        DecodeMemory memory = new DecodeMemory(new DataBudget(100L << 20, 1L << 30));
        Path file = dir.resolve("a.png");
        DecodeMemory.Reservation first = memory.reserve(file, 60L << 20, "first");
        CompletableFuture<DecodeMemory.Reservation> second =
                CompletableFuture.supplyAsync(() -> memory.reserve(file, 60L << 20, "second"));

        assertThatThrownBy(() -> second.get(300, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
        first.close();
        second.get(10, TimeUnit.SECONDS).close();
        memory.reserve(file, 100L << 20, "all of it").close();
    }

    @Test
    void theEstimateCoversWhatDecodingAndScalingASixteenBitPngTakes() throws IOException {
        Path png = Files.write(dir.resolve("big.png"), png(2000, 2000, 2000));
        ImageFileDecoder decoder = new ImageFileDecoder(32, 3);
        byte[] pixels = new byte[decoder.bytesPerImage()];
        System.gc();
        long before = heapUsed();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);

        decoder.decode(png, pixels, 0, new DecodeMemory(new DataBudget(1L << 30, 1L << 30)));

        long peak = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        // 2000x2000 16-bit RGBA: a 32 MB raster, a 16 MB ARGB copy while scaling, 4 MB of first halving.
        assertThat(peak - before).isGreaterThan(32L << 20)
                .isLessThanOrEqualTo(DecodeMemory.estimate(2000, 2000, sixteenBitRgba()));
    }

    private static ImageTypeSpecifier sixteenBitRgba() {
        return ImageTypeSpecifier.createInterleaved(ColorSpace.getInstance(ColorSpace.CS_sRGB), new int[] {0, 1, 2, 3},
                DataBuffer.TYPE_USHORT, true, false);
    }

    private static long heapUsed() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getUsage().getUsed()).sum();
    }

    /**
     * A 16-bit RGBA PNG of {@code width × height}, every pixel 0, with {@code rows} rows of IDAT
     * data (0 gives a header-only file: enough for anything that reads the header alone).
     */
    static byte[] png(int width, int height, int rows) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10});
        chunk(out, "IHDR", ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 16).put((byte) 6)
                .put((byte) 0).put((byte) 0).put((byte) 0).array());
        if (rows > 0) {
            ByteArrayOutputStream idat = new ByteArrayOutputStream();
            try (DeflaterOutputStream z = new DeflaterOutputStream(idat)) {
                byte[] row = new byte[1 + width * 8];
                for (int y = 0; y < rows; y++) {
                    z.write(row);
                }
            }
            chunk(out, "IDAT", idat.toByteArray());
        }
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
