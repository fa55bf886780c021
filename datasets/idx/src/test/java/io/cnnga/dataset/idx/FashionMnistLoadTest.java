package io.cnnga.dataset.idx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cnnga.api.DataSplits;
import io.cnnga.api.Options;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/**
 * The real Fashion-MNIST of Debian's {@code dataset-fashion-mnist}, with default options; skipped
 * where the package is not installed. Prints load time and pixel bytes (the budget: under
 * 3 s and 150 MB).
 */
class FashionMnistLoadTest {

    @Test
    void defaultOptionsGiveBalancedSplitsOf54000And6000And10000() {
        assumeTrue(Files.isDirectory(Path.of(FashionMnistDatasetFactory.DEFAULT_PATH)),
                "Debian's dataset-fashion-mnist is not installed");

        long start = System.nanoTime();
        DataSplits splits = new FashionMnistDatasetFactory().create(Options.empty("dataset.options")).load(42L);
        double seconds = (System.nanoTime() - start) / 1e9;
        long pixelBytes = splits.train().pixelBytes() + splits.validation().pixelBytes() + splits.test().pixelBytes();
        System.out.printf("fashion-mnist: loaded %d / %d / %d images in %.2f s, %d pixel bytes (%.1f MB)%n",
                splits.train().size(), splits.validation().size(), splits.test().size(), seconds, pixelBytes,
                pixelBytes / 1e6);

        assertThat(splits.info().classes()).isEqualTo(10);
        assertThat(splits.info().pixelsPerImage()).isEqualTo(28 * 28);
        assertThat(splits.train().size()).isEqualTo(54_000);
        assertThat(splits.validation().size()).isEqualTo(6_000);
        assertThat(splits.test().size()).isEqualTo(10_000);
        assertThat(splits.train().classCounts()).containsOnly(5_400);
        assertThat(splits.validation().classCounts()).containsOnly(600);
        assertThat(splits.test().classCounts()).containsOnly(1_000);
        assertThat(pixelBytes).isEqualTo(70_000L * 28 * 28).isLessThan(150_000_000L);
    }
}
