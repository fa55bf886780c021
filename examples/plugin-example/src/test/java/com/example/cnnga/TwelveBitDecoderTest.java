package com.example.cnnga;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cnnga.api.DataInfo;
import io.cnnga.api.DecoderFactory;
import io.cnnga.api.Genome;
import io.cnnga.api.LayerSpec;
import io.cnnga.api.ModelSpec;
import io.cnnga.api.Options;
import io.cnnga.testkit.DecoderContract;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The kit's decoder contract (random genomes decode or are refused with a reason, decoding is
 * pure, options are checked, the service file names the plugin), plus what this decoder's bits mean.
 */
class TwelveBitDecoderTest extends DecoderContract {

    @Override
    protected DecoderFactory factory() {
        return new TwelveBitDecoderFactory();
    }

    /** The contract's shapes and the 8×8 images of the sample data, on which deep genomes are refused. */
    @Override
    protected List<DataInfo> inputs() {
        return List.of(DataInfo.of("8x8x1", 8, 8, 1, 4), DataInfo.of("28x28x1", 28, 28, 1, 10),
                DataInfo.of("32x32x3", 32, 32, 3, 100));
    }

    @Override
    protected Map<String, Object> invalidOptions() {
        return Map.of("maxFilters", 4);
    }

    @Test
    void theBitsChooseFiltersKernelBlocksAndHead() {
        // 011 filters 32, 01 kernel 3, 01 two blocks, 1 batch norm, 01 elu, 10 dense 64
        ModelSpec spec = factory().create(Options.empty("decoder.options"))
                .decode(Genome.of("011010110110"), DataInfo.of("28x28x1", 28, 28, 1, 10));
        List<LayerSpec.Conv2D> convs = spec.layersOf(LayerSpec.Conv2D.class);
        assertEquals(List.of(32, 64), convs.stream().map(LayerSpec.Conv2D::filters).toList());
        assertEquals(3, convs.get(0).kernelSize());
        assertEquals(2, spec.layersOf(LayerSpec.BatchNorm.class).size());
        assertEquals(List.of(64, 10), spec.layersOf(LayerSpec.Dense.class).stream().map(LayerSpec.Dense::units).toList());
    }

    @Test
    void fourBlocksOnEightPixelsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> factory().create(Options.empty("decoder.options"))
                .decode(Genome.of("000001100000"), DataInfo.of("8x8x1", 8, 8, 1, 4)));
    }
}
