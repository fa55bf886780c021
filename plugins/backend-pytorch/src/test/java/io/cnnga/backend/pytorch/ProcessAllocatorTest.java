package io.cnnga.backend.pytorch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProcessAllocatorTest {

    private static final String JVM = """
            55d0c2a00000-55d0c2a01000 r--p 00000000 08:01 1311    /usr/lib/jvm/java-17-openjdk-amd64/bin/java
            7f3b1c000000-7f3b1c021000 rw-p 00000000 00:00 0
            7f3b2a228000-7f3b2a3bd000 r-xp 00028000 08:01 2280    /usr/lib/x86_64-linux-gnu/libc.so.6
            7f3b2a600000-7f3b2b000000 r-xp 00000000 08:01 9000    /root/.cache/cnnga/djl/pytorch/libtorch_cpu.so
            """;

    @Test
    void glibcsMallocAloneIsWarnedAboutWithTheFix() {
        assertThat(ProcessAllocator.slowMallocWarning(JVM)).hasValueSatisfying(w -> assertThat(w)
                .contains("glibc's malloc").contains("libtcmalloc-minimal4").contains("LD_PRELOAD")
                .doesNotContain("\n"));
    }

    @Test
    void aPreloadedTcmallocOrJemallocSilencesTheWarning() {
        String tcmalloc = "7f3b29e00000-7f3b29e2b000 r-xp 00000000 08:01 4242    "
                + "/usr/lib/x86_64-linux-gnu/libtcmalloc_minimal.so.4.5.10\n";
        String jemalloc = "7f3b29e00000-7f3b29e2b000 r-xp 00000000 08:01 4243    /usr/lib/x86_64-linux-gnu/libjemalloc.so.2\n";
        assertThat(ProcessAllocator.slowMallocWarning(tcmalloc + JVM)).isEmpty();
        assertThat(ProcessAllocator.slowMallocWarning(jemalloc + JVM)).isEmpty();
    }

    @Test
    void aProcessWithoutGlibcIsNotWarned() {
        String musl = "7f0000000000-7f0000050000 r-xp 00000000 08:01 77    /lib/ld-musl-x86_64.so.1\n";
        assertThat(ProcessAllocator.slowMallocWarning(musl)).isEmpty();
        assertThat(ProcessAllocator.slowMallocWarning("")).isEmpty();
    }
}
