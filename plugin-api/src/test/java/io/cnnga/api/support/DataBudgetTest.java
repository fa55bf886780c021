package io.cnnga.api.support;

import io.cnnga.api.InvalidDataException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DataBudgetTest {

    private static final Path FILE = Path.of("/data/train-images-idx3-ubyte.gz");

    @Test
    void theHeapBudgetIsThreeQuartersOfTheMaximumHeap() {
        DataBudget budget = DataBudget.ofHeap();
        assertThat(budget.maxHeap()).isEqualTo(Runtime.getRuntime().maxMemory());
        assertThat(budget.bytes()).isEqualTo((long) (Runtime.getRuntime().maxMemory() * 0.75));
    }

    @Test
    void aLoadHoldsEachImagesPixelsAndLabelTwice() {
        // Fashion-MNIST: 60,000 + 10,000 images of 28x28, read, then copied by the split.
        assertThat(DataBudget.loadBytes(60_000, 10_000, 784)).isEqualTo(2L * 70_000 * (784 + 4));
        assertThat(DataBudget.imageBytes(10, 3072)).isEqualTo(10L * 3076);
    }

    @Test
    void countsFromAHostileHeaderSaturateInsteadOfOverflowing() {
        assertThat(DataBudget.loadBytes(Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE)).isEqualTo(Long.MAX_VALUE);
        assertThat(DataBudget.maxInflatedBytes(Long.MAX_VALUE / 2)).isEqualTo(Long.MAX_VALUE);
        assertThat(new DataBudget(1L << 30, 1L << 31).fits(Long.MAX_VALUE)).isFalse();
    }

    @Test
    void tooMuchFailsNamingTheFileTheNeedTheBudgetAndTheHeapToAskFor() {
        DataBudget budget = new DataBudget(768L << 20, 1L << 30);
        budget.require(FILE, 768L << 20, "exactly the budget");

        assertThatThrownBy(() -> budget.require(FILE, 3L << 30, "its header's 2000000 images of 28x28"))
                .isInstanceOf(InvalidDataException.class)
                .hasMessage(FILE + ": its header's 2000000 images of 28x28: loading them would need about 3.0 GB of"
                        + " memory, more than the 768 MB this JVM gives data (75% of its 1.0 GB maximum heap); check the"
                        + " file (a damaged header promises too much), or give Java more memory (JAVA_OPTS=-Xmx4g)");
        assertThat(budget.shortfall(1, "one byte")).isNull();
    }

    @Test
    void anOutOfMemoryErrorBecomesAnErrorNamingTheFile() {
        DataBudget budget = new DataBudget(768L << 20, 1L << 30);

        assertThatThrownBy(() -> budget.guard(FILE, "its pixels", () -> {
            throw new OutOfMemoryError("Java heap space");
        })).isInstanceOf(InvalidDataException.class)
                .hasMessage(FILE + ": ran out of memory loading its pixels (the JVM's maximum heap is 1.0 GB); give Java"
                        + " more memory (JAVA_OPTS=-Xmx3g) or use a smaller dataset")
                .hasCauseInstanceOf(OutOfMemoryError.class);
        assertThat(budget.guard(FILE, "its pixels", () -> 7)).isEqualTo(7);
    }

    @Test
    void sizesReadAsPeopleWriteThem() {
        assertThat(DataBudget.human(12_345)).isEqualTo("13 kB");
        assertThat(DataBudget.human(640L << 20)).isEqualTo("640 MB");
        assertThat(DataBudget.human(3L << 29)).isEqualTo("1.5 GB");
        assertThat(DataBudget.human(2L << 40)).isEqualTo("2.0 TB");
    }
}
