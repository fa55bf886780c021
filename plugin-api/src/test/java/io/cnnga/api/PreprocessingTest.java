package io.cnnga.api;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What a model card says about a dataset's preprocessing is consistent with the input's channels. */
class PreprocessingTest {

    @Test
    void storedDataIsGreyRgbOrAsStoredByItsChannels() {
        assertThat(Preprocessing.stored(DataInfo.of("g", 28, 28, 1, 10), "").colour()).isEqualTo(Preprocessing.GREY);
        assertThat(Preprocessing.stored(DataInfo.of("c", 32, 32, 3, 10), "").colour()).isEqualTo(Preprocessing.RGB);
        assertThat(Preprocessing.stored(DataInfo.of("x", 8, 8, 4, 2), "").colour()).isEqualTo(Preprocessing.STORED);
        assertThat(Preprocessing.stored(DataInfo.of("g", 28, 28, 1, 10), "").resize()).isEqualTo(Preprocessing.NO_RESIZE);
    }

    @Test
    void aDatasetThatSaysNothingDescribesItsStoredBytes() {
        Dataset dataset = new Dataset() {
            public DataInfo info() {
                return DataInfo.of("mine", 12, 10, 1, 3);
            }

            public DataSplits load(long seed) {
                throw new UnsupportedOperationException();
            }
        };
        Preprocessing p = dataset.preprocessing();
        assertThat(p.height()).isEqualTo(12);
        assertThat(p.width()).isEqualTo(10);
        assertThat(p.scaling()).isEqualTo(Preprocessing.DIVIDE_BY_255);
        assertThat(p.description()).contains("mine", "12x10x1", "255");
    }

    @Test
    void colourMustGiveTheChannels() {
        assertThatThrownBy(() -> new Preprocessing(4, 4, 3, Preprocessing.NO_RESIZE, Preprocessing.LUMA,
                Preprocessing.DIVIDE_BY_255, "")).hasMessageContaining("does not give 3 channels");
        assertThatThrownBy(() -> new Preprocessing(4, 4, 1, "crop", Preprocessing.GREY, Preprocessing.DIVIDE_BY_255, ""))
                .hasMessageContaining("resize");
        assertThatThrownBy(() -> new Preprocessing(4, 4, 1, Preprocessing.NO_RESIZE, "sepia", Preprocessing.DIVIDE_BY_255, ""))
                .hasMessageContaining("colour");
    }
}
