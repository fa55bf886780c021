package io.cnnga.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The resident memory of this process (Linux' {@code VmRSS}), for tests that check that closing
 * what a backend opened gives its native memory back.
 *
 * <pre>{@code
 * assumeTrue(ResidentMemory.measurable());
 * List<Long> readings = new ArrayList<>();
 * for (int cycle = 1; cycle <= 50; cycle++) {
 *     openTrainClose();
 *     System.gc();
 *     readings.add(ResidentMemory.kilobytes());
 * }
 * assertThat(ResidentMemory.growth(readings, 2)).isLessThan(150L * 1024);
 * }</pre>
 */
public final class ResidentMemory {

    private static final Path STATUS = Path.of("/proc/self/status");

    private ResidentMemory() {
    }

    /** Whether this system reports it ({@code /proc/self/status}: Linux). */
    public static boolean measurable() {
        return Files.isReadable(STATUS);
    }

    /** {@code VmRSS} in kB. */
    public static long kilobytes() {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("no VmRSS in " + STATUS);
    }

    /**
     * How much a series of readings, one after each cycle of some work, grew: the least of the last
     * three less the most of the three from index {@code warmedUp} on. A reading that happens to
     * fall before an allocator returns memory, or after it takes some, neither passes for growth
     * nor hides it. In the readings' unit.
     *
     * @throws IllegalArgumentException when fewer than three readings follow {@code warmedUp + 3}
     */
    public static long growth(List<Long> readings, int warmedUp) {
        if (warmedUp < 0 || readings.size() < warmedUp + 6) {
            throw new IllegalArgumentException("growth needs three warmed-up and three last readings after index "
                    + warmedUp + ", not " + readings.size() + " readings");
        }
        long warmed = readings.subList(warmedUp, warmedUp + 3).stream().mapToLong(Long::longValue).max().orElseThrow();
        long last = readings.subList(readings.size() - 3, readings.size()).stream().mapToLong(Long::longValue).min()
                .orElseThrow();
        return last - warmed;
    }
}
