package io.cnnga.api.support;

import io.cnnga.api.DataInfo;
import io.cnnga.api.ImageSet;
import io.cnnga.api.InvalidOptionException;
import io.cnnga.api.Options;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class BatchNormStatisticsTest {

    private static final DataInfo INFO = DataInfo.of("tiny", 1, 1, 1, 10);

    /** n one-pixel images whose pixel value and label tell their index. */
    private static ImageSet numbered(int n) {
        byte[] pixels = new byte[n];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            pixels[i] = (byte) (i % 256);
            labels[i] = i * 10 / n; // stored class by class
        }
        return new ImageSet(INFO, pixels, labels);
    }

    @Test
    void recomputedUnlessThePlanSaysMoving() {
        assertThat(BatchNormStatistics.consume(Options.of("backend.options", Map.of())))
                .isEqualTo(BatchNormStatistics.RECOMPUTED);
        assertThat(BatchNormStatistics.consume(Options.of("backend.options", Map.of("batchNormStatistics", "moving"))))
                .isEqualTo(BatchNormStatistics.MOVING);
        assertThat(BatchNormStatistics.MOVING.id()).isEqualTo("moving");
    }

    @Test
    void anUnknownValueNamesItsPathAndTheChoices() {
        Options options = Options.of("backend.options", Map.of("batchNormStatistics", "Moving"));
        assertThatThrownBy(() -> BatchNormStatistics.consume(options))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("backend.options.batchNormStatistics")
                .hasMessageContaining("must be one of recomputed, moving, was \"Moving\"");
    }

    @Test
    void aSmallTrainingSetIsMeasuredWhole() {
        ImageSet train = numbered(BatchNormStatistics.SAMPLE_IMAGES);
        assertThat(BatchNormStatistics.sample(train)).isSameAs(train);
    }

    @Test
    void aLargeOneIsSampledEvenlyAcrossItsClasses() {
        ImageSet train = numbered(BatchNormStatistics.SAMPLE_IMAGES * 3 + 1);
        ImageSet sample = BatchNormStatistics.sample(train);
        assertThat(sample.size()).isEqualTo(BatchNormStatistics.SAMPLE_IMAGES);
        int[] counts = sample.classCounts();
        for (int c = 0; c < 10; c++) {
            assertThat(counts[c]).isBetween(BatchNormStatistics.SAMPLE_IMAGES / 10 - 1, BatchNormStatistics.SAMPLE_IMAGES / 10 + 1);
        }
        assertThat(sample.pixel(1, 0, 0, 0)).isEqualTo(3);
    }
}
