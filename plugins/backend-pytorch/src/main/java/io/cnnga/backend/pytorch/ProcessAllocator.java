package io.cnnga.backend.pytorch;

import java.util.Optional;

/**
 * Which {@code malloc} the process runs on, as far as it slows libtorch: on Linux, glibc's costs
 * PyTorch a third to four fifths of its evaluation speed.
 *
 * <pre>{@code
 * ProcessAllocator.slowMallocWarning(PyTorchRuntime.processMaps())
 *         .ifPresent(log::warn);   // present under glibc's malloc, empty under tcmalloc
 * }</pre>
 *
 * <p>Why: libtorch has no caching allocator on the CPU. Every batch allocates its activations
 * afresh and frees them at its end; glibc's malloc serves tensors of tens of megabytes with
 * {@code mmap} or from a thread's arena heap that it unmaps once empty, so the next batch faults
 * every page in again. Measured on 2 cores ({@code ref-b}, evaluation batches of 256 images): a
 * median of 76 ms a batch under tcmalloc, 120 to 435 ms under glibc's malloc over nine processes,
 * which took 250,000 to 800,000 page faults beyond those of starting up in 30 or 40 batches, where
 * tcmalloc took almost none; at 64 images a batch, 22 ms against 77 to 136. tcmalloc keeps freed
 * pages for the next batch; {@code bin/engine} preloads it where it is installed.
 */
final class ProcessAllocator {

    private ProcessAllocator() {
    }

    /**
     * One line telling how to make PyTorch faster, when {@code procMaps} (the text of a Linux
     * process's {@code /proc/PID/maps}) shows glibc and no malloc that replaces it (tcmalloc,
     * jemalloc, mimalloc); empty otherwise, e.g. under musl or when a replacement is loaded.
     */
    static Optional<String> slowMallocWarning(String procMaps) {
        boolean glibc = procMaps.contains("/libc.so.6") || procMaps.contains("/libc-2.");
        boolean replaced = procMaps.contains("tcmalloc") || procMaps.contains("jemalloc")
                || procMaps.contains("mimalloc");
        if (!glibc || replaced) {
            return Optional.empty();
        }
        return Optional.of("pytorch: this process allocates with glibc's malloc, which makes libtorch fault its "
                + "tensors' memory in again every batch (its evaluation 1.5 to 6 times slower); install tcmalloc "
                + "(Debian: apt-get install libtcmalloc-minimal4), which bin/engine preloads, or start the JVM "
                + "with LD_PRELOAD=libtcmalloc_minimal.so.4");
    }
}
