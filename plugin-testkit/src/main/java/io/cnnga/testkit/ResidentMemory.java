package io.cnnga.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The resident memory of this process (Linux' {@code VmRSS}), for tests that check that closing
 * what a backend opened gives its native memory back.
 *
 * <pre>{@code
 * assumeTrue(ResidentMemory.measurable());
 * long before = ResidentMemory.kilobytes();
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
}
