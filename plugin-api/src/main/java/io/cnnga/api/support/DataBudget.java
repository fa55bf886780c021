package io.cnnga.api.support;

import io.cnnga.api.InvalidDataException;

import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The memory a dataset may fill while it loads, checked against what its files' headers promise
 * before anything is allocated for them, so that a small hostile file (a 2 MB {@code .gz} whose
 * header declares two billion images) fails with one line naming it instead of exhausting the heap.
 *
 * <pre>{@code
 * DataBudget budget = DataBudget.ofHeap();                       // 3/4 of -Xmx
 * long need = DataBudget.loadBytes(trainCount, testCount, 28 * 28);
 * budget.require(trainImages, need, trainCount + " + " + testCount + " images of 28x28");
 * byte[] pixels = budget.guard(trainImages, "its pixels", () -> in.readBytes(n));
 * }</pre>
 *
 * <p>Contracts: {@link #require} throws before the caller allocates, so a refused load has
 * allocated nothing; {@link #guard} turns an {@link OutOfMemoryError} that happens all the same
 * (the estimate is only an estimate, and other code shares the heap) into the same kind of
 * {@link InvalidDataException}, whose message the command line prints as one line (exit 2). Once
 * the error has unwound the stack, the arrays of the failed load are garbage and the JVM goes on.
 *
 * @param bytes   what a load may hold at its peak
 * @param maxHeap the JVM's maximum heap it was derived from, for messages
 */
public record DataBudget(long bytes, long maxHeap) {

    /**
     * Share of the maximum heap the data may take: the rest is left to the engine, the plugins'
     * classes, and the float batches and weights of training.
     */
    public static final double USABLE = 0.75;

    /**
     * Deflate (gzip, zip) expands by at most about 1032:1, so {@code n} compressed bytes hold at most
     * this many times {@code n}: a header promising more than that is damaged or hostile.
     */
    public static final long MAX_DEFLATE_RATIO = 1032;

    public DataBudget {
        if (bytes < 0 || maxHeap < 0) {
            throw new IllegalArgumentException("budget and heap must be >= 0, were " + bytes + " and " + maxHeap);
        }
    }

    /** {@link #USABLE} of this JVM's maximum heap ({@code -Xmx}). */
    public static DataBudget ofHeap() {
        long max = Runtime.getRuntime().maxMemory();
        return new DataBudget((long) (max * USABLE), max);
    }

    /**
     * What reading and splitting a dataset hold at their peak: the official sets as read, and the
     * copies {@link io.cnnga.api.SplitPolicy#apply} makes of them (each image's pixel bytes and its
     * {@code int} label, twice).
     */
    public static long loadBytes(long trainImages, long testImages, long bytesPerImage) {
        return saturatedMultiply(2, imageBytes(trainImages + testImages, bytesPerImage));
    }

    /** Pixel bytes and {@code int} labels of {@code images} images: what one {@link io.cnnga.api.ImageSet} holds. */
    public static long imageBytes(long images, long bytesPerImage) {
        return saturatedMultiply(images, bytesPerImage + Integer.BYTES);
    }

    /** The most bytes {@code compressedBytes} of deflate data (a {@code .gz}) can inflate to. */
    public static long maxInflatedBytes(long compressedBytes) {
        return saturatedMultiply(compressedBytes, MAX_DEFLATE_RATIO);
    }

    /** What is left after {@code used} bytes, never less than 0: e.g. for decoding once the pixels are allocated. */
    public DataBudget minus(long used) {
        return new DataBudget(Math.max(0, bytes - used), maxHeap);
    }

    /** Whether {@code need} bytes fit. */
    public boolean fits(long need) {
        return need <= bytes;
    }

    /**
     * Fails unless {@code need} bytes fit.
     *
     * @param file the file whose header promised the data, named in the message
     * @param need bytes the load would hold at its peak
     * @param what what the header promised, e.g. "its header's 60000 images of 28x28"
     * @throws InvalidDataException naming the file, the need, the budget and how to raise it
     */
    public void require(Path file, long need, String what) {
        String shortfall = shortfall(need, what);
        if (shortfall != null) {
            throw new InvalidDataException(file, shortfall + "; check the file (a damaged header promises too much),"
                    + " or give Java more memory (JAVA_OPTS=-Xmx" + suggestedHeapGigabytes(need) + "g)");
        }
    }

    /**
     * Null when {@code need} bytes fit, else why not: for data that comes from options rather than
     * a file, e.g. {@code "4000000 images of 28x28: loading them would need about 5.9 GB of memory,
     * more than the 768 MB this JVM gives data (75% of its 1.0 GB maximum heap)"}.
     */
    public String shortfall(long need, String what) {
        if (fits(need)) {
            return null;
        }
        return what + ": loading them would need about " + human(need) + " of memory, more than the " + human(bytes)
                + " this JVM gives data (" + Math.round(USABLE * 100) + "% of its " + human(maxHeap) + " maximum heap)";
    }

    /** Whole gigabytes of heap with which {@code need} bytes fit this budget's share, for messages. */
    public static long suggestedHeapGigabytes(long need) {
        double gigabytes = need / USABLE / (1L << 30);
        return Math.max(1, (long) Math.ceil(gigabytes));
    }

    /**
     * Runs {@code load}, turning an {@link OutOfMemoryError} into an {@link InvalidDataException}
     * naming {@code file}.
     *
     * @param what what was being loaded, e.g. "its pixels"
     */
    public <T> T guard(Path file, String what, Supplier<T> load) {
        try {
            return load.get();
        } catch (OutOfMemoryError e) {
            throw outOfMemory(file, what, e);
        }
    }

    /** The error for an {@link OutOfMemoryError} while loading {@code what} of {@code file}. */
    public InvalidDataException outOfMemory(Path file, String what, OutOfMemoryError cause) {
        return new InvalidDataException(file, "ran out of memory loading " + what + " (the JVM's maximum heap is "
                + human(maxHeap) + "); give Java more memory (JAVA_OPTS=-Xmx" + suggestedHeapGigabytes(2 * maxHeap)
                + "g) or use a smaller dataset", cause);
    }

    /** "1.5 GB", "640 MB", "12 kB". */
    public static String human(long bytes) {
        if (bytes >= 1L << 40) {
            return String.format(Locale.ROOT, "%.1f TB", bytes / (double) (1L << 40));
        }
        if (bytes >= 1L << 30) {
            return String.format(Locale.ROOT, "%.1f GB", bytes / (double) (1L << 30));
        }
        if (bytes >= 1L << 20) {
            return String.format(Locale.ROOT, "%.0f MB", bytes / (double) (1L << 20));
        }
        return String.format(Locale.ROOT, "%.0f kB", Math.ceil(bytes / 1024.0));
    }

    /** {@code a × b} for counts (both >= 0), {@link Long#MAX_VALUE} when that overflows: such a need never fits. */
    private static long saturatedMultiply(long a, long b) {
        return b != 0 && a > Long.MAX_VALUE / b ? Long.MAX_VALUE : a * b;
    }
}
