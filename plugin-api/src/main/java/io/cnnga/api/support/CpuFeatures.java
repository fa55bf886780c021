package io.cnnga.api.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;

/**
 * What this machine's CPU can do, from the {@code flags} line of {@code /proc/cpuinfo}: the source
 * {@code precision: auto} decides by on the CPU. A backend takes it as a constructor argument, so
 * a test can hand it a CPU that lacks a feature.
 *
 * <pre>{@code
 * CpuFeatures cpu = CpuFeatures.current();          // this machine (no flags where /proc is absent)
 * cpu.fastBf16();                                   // avx512_bf16 or amx_bf16
 * CpuFeatures old = new CpuFeatures(Set.of("avx2", "fma"));   // a CPU without bfloat16
 * }</pre>
 *
 * @param flags the CPU's feature flags, lower case
 */
public record CpuFeatures(Set<String> flags) {

    private static final Path CPUINFO = Path.of("/proc/cpuinfo");
    private static volatile CpuFeatures current;

    public CpuFeatures {
        flags = Set.copyOf(flags);
    }

    /** This machine's CPU, read once; no flags when {@code /proc/cpuinfo} cannot be read. */
    public static CpuFeatures current() {
        CpuFeatures c = current;
        if (c == null) {
            String text;
            try {
                text = Files.readString(CPUINFO);
            } catch (IOException | RuntimeException e) {
                text = "";
            }
            c = parse(text);
            current = c;
        }
        return c;
    }

    /** The flags of the first processor listed in a {@code /proc/cpuinfo} text. */
    public static CpuFeatures parse(String cpuinfo) {
        for (String line : cpuinfo.split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).strip().equals("flags")) {
                return new CpuFeatures(new TreeSet<>(Arrays.asList(line.substring(colon + 1).strip().split("\\s+"))));
            }
        }
        return new CpuFeatures(Set.of());
    }

    /**
     * Whether the CPU computes bfloat16 fast: AVX-512 BF16 (Intel Cooper Lake and later, AMD Zen 4
     * and later) or AMX-BF16 (Intel Sapphire Rapids and later), which oneDNN uses for bfloat16
     * convolutions and matrix products. Without them oneDNN emulates bfloat16, slower than float32.
     */
    public boolean fastBf16() {
        return flags.contains("avx512_bf16") || flags.contains("amx_bf16");
    }
}
