package io.cnnga.dataset.imagefolder;

import io.cnnga.api.InvalidDataException;
import io.cnnga.api.support.DataBudget;

import java.awt.image.DataBuffer;
import java.awt.image.SampleModel;
import java.nio.file.Path;
import java.util.concurrent.Semaphore;

import javax.imageio.ImageTypeSpecifier;

/**
 * The heap that images being decoded at once may share, so that decode parallelism is bounded by
 * memory as well as by cores: each decode reserves its estimate (from the file's header, before
 * any pixel is decoded) and waits while the others hold too much.
 *
 * <pre>{@code
 * DecodeMemory memory = new DecodeMemory(DataBudget.ofHeap().minus(pixelBytes));
 * try (DecodeMemory.Reservation r = memory.reserve(file, DecodeMemory.estimate(9999, 9999, type), "9999x9999")) {
 *     ... decode and scale ...
 * }   // eight 9999x9999 16-bit PNGs: one at a time with a 4 GB heap, refused with a 1 GB heap
 * }</pre>
 *
 * <p>An image that alone needs more than the whole budget is refused with an
 * {@link InvalidDataException} naming it. Memory is counted in kilobytes.
 */
final class DecodeMemory {

    private final DataBudget budget;
    private final int kilobytes;
    private final Semaphore available;

    DecodeMemory(DataBudget budget) {
        this.budget = budget;
        this.kilobytes = (int) Math.min(Integer.MAX_VALUE, budget.bytes() / 1024);
        this.available = new Semaphore(kilobytes, true);
    }

    /** No bound but the heap's: for decoding one image alone. */
    static DecodeMemory ofHeap() {
        return new DecodeMemory(DataBudget.ofHeap());
    }

    /** The reader's buffers and what else a decode allocates besides its pixels. */
    static final long OVERHEAD = 16L << 20;

    /**
     * Bytes decoding an image and scaling it take at most: its raster as the reader stores it, a
     * 4-byte-per-pixel copy that Java2D makes of rasters of other layouts (16-bit PNGs) while it
     * scales, and the first halving step's 4-byte pixels, plus a tenth and {@link #OVERHEAD} for
     * the reader's buffers. A 9999x9999 16-bit RGBA PNG: about 1.3 GB (measured peak: 1.25 GB).
     *
     * @param type the reader's raw image type, or {@code null} when it gives none (counted as 4 bytes a pixel)
     */
    static long estimate(int width, int height, ImageTypeSpecifier type) {
        long pixels = (long) width * height;
        long rasterBytesPerPixel = 4;
        if (type != null) {
            SampleModel model = type.getSampleModel(1, 1);
            rasterBytesPerPixel = Math.max(1, (long) model.getNumBands() * DataBuffer.getDataTypeSize(model.getDataType()) / 8);
        }
        return pixels * (rasterBytesPerPixel + 4 + 1) * 11 / 10 + OVERHEAD;
    }

    /**
     * Waits until {@code bytes} are free and takes them.
     *
     * @param what the image's size and kind, for the error
     * @throws InvalidDataException naming {@code file} when it alone needs more than the budget
     */
    Reservation reserve(Path file, long bytes, String what) {
        long needKilobytes = Math.max(1, (bytes + 1023) / 1024);
        if (needKilobytes > kilobytes) {
            throw new InvalidDataException(file, "is " + what + ": decoding it would need about "
                    + DataBudget.human(bytes) + " of memory, more than the " + DataBudget.human(budget.bytes())
                    + " this JVM has left for decoding images (of its " + DataBudget.human(budget.maxHeap())
                    + " maximum heap); scale it down, or give Java more memory (JAVA_OPTS=-Xmx...)");
        }
        int permits = (int) needKilobytes;
        available.acquireUninterruptibly(permits);
        return () -> available.release(permits);
    }

    /** Decode memory held until closed. */
    interface Reservation extends AutoCloseable {
        @Override
        void close();
    }
}
