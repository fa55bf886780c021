package io.cnnga.backend.pytorch;

import static org.assertj.core.api.Assertions.assertThat;

import io.cnnga.api.support.BackendOptions;
import io.cnnga.api.support.BatchNormStatistics;
import io.cnnga.api.ImageSet;
import io.cnnga.api.TrainingConfig;
import io.cnnga.api.TrainingListener;
import io.cnnga.api.TrainingSession;
import io.cnnga.api.support.ReferenceNetworks;
import io.cnnga.testkit.TestImages;
import io.cnnga.testkit.FashionMnistSample;
import io.cnnga.testkit.ResidentMemory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A search opens and closes thousands of sessions in one JVM: 30 cycles of building {@code ref-a}
 * (8.7 million weights, 35 MB, plus Adam's 70 MB), training 5 steps, evaluating and closing
 * must not grow the process's resident memory once libtorch's, glibc's and the JVM's pools have
 * reached their working size (by cycle 10: they grow by about 150 MB over cycles 5 to 8). The
 * least resident memory of cycles 26–30 must stay within {@value #TOLERANCE_MB} MB of the most of
 * cycles 6–10; a session that leaked even a tenth of its weights would grow it by 70 MB.
 */
class NativeMemoryTest {

    static final int CYCLES = 30;
    static final long TOLERANCE_MB = 64;

    @Test
    void buildTrainCloseCyclesDoNotGrowResidentMemory() {
        ImageSet data = FashionMnistSample.available() ? FashionMnistSample.train(160) : TestImages.stripes(28, 28, 1, 160, 1L);
        List<Long> rss = new ArrayList<>();
        try (PyTorchBackend backend = new PyTorchBackend(new BackendOptions("cpu", 0, 0.9, BatchNormStatistics.RECOMPUTED, null))) {
            for (int cycle = 1; cycle <= CYCLES; cycle++) {
                try (TrainingSession s = backend.open(ReferenceNetworks.refA(), new TrainingConfig(1, 32, 1e-3, cycle, null))) {
                    s.trainEpoch(1, data, null, TrainingListener.NONE);
                    s.evaluate(data);
                }
                rss.add(ResidentMemory.kilobytes());
            }
        }
        long warmed = rss.subList(5, 10).stream().mapToLong(Long::longValue).max().orElseThrow();
        long last = rss.subList(CYCLES - 5, CYCLES).stream().mapToLong(Long::longValue).min().orElseThrow();
        System.out.printf("NativeMemoryTest: VmRSS at most %d MB in cycles 6-10, at least %d MB in cycles %d-%d "
                + "(all, MB: %s)%n", warmed / 1024, last / 1024, CYCLES - 4, CYCLES, rss.stream().map(kb -> kb / 1024).toList());
        assertThat(last - warmed).as("VmRSS growth from cycles 6-10 to cycles %d-%d, kB", CYCLES - 4, CYCLES)
                .isLessThan(TOLERANCE_MB * 1024);
    }
}
