package io.cnnga.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.cnnga.api.DataInfo;
import io.cnnga.api.Decoder;
import io.cnnga.api.DecoderFactory;
import io.cnnga.api.Genome;
import io.cnnga.api.ModelSpec;
import io.cnnga.api.Plugin;
import io.cnnga.api.PluginFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The contract of a {@link Decoder}, for its plugin's tests to extend: random genomes decode to
 * networks for the data, or are refused with the documented {@link IllegalArgumentException};
 * every network takes the data's images, gives one logit per class and has weights to train;
 * decoding is a pure function of genome and data.
 *
 * <pre>{@code
 * class TwelveBitDecoderTest extends DecoderContract {
 *     protected DecoderFactory factory() { return new TwelveBitDecoderFactory(); }
 * }
 * }</pre>
 *
 * <p>Override {@link #options()} for the decoder's options, {@link #inputs()} for the data shapes
 * it must serve (default: 32×32×3 with 10 classes, 28×28×1 with 10, 27×45×3 with 100) and
 * {@link #genomes()} for how many random genomes to decode per shape (default 300, seeded: the
 * same genomes on every run).
 */
public abstract class DecoderContract extends PluginFactoryContract<Decoder> {

    /** The factory under test. */
    @Override
    protected abstract DecoderFactory factory();

    @Override
    protected final String section() {
        return "decoder";
    }

    @Override
    final List<? extends PluginFactory<?>> factories(Plugin plugin) {
        return plugin.decoders();
    }

    /** Decodes one genome for the first of {@link #inputs()}: what the engine first does with a decoder. */
    @Override
    protected void use(Decoder created) {
        Genome genome = Genome.random(created.genomeLength(), new Random(seed()));
        try {
            created.decode(genome, inputs().get(0));
        } catch (IllegalArgumentException refused) {
            // refusing a genome is allowed; the options were still accepted
        }
    }

    /** The data shapes the decoder must serve. */
    protected List<DataInfo> inputs() {
        return List.of(DataInfo.of("32x32x3", 32, 32, 3, 10), DataInfo.of("28x28x1", 28, 28, 1, 10),
                DataInfo.of("27x45x3", 27, 45, 3, 100));
    }

    /** Random genomes decoded per input shape. */
    protected int genomes() {
        return 300;
    }

    /** Seeds the random genomes. */
    protected long seed() {
        return 20240607L;
    }

    @Test
    public void theGenomeLengthIsPositive() {
        int length = create().genomeLength();
        assertTrue(length > 0, "genomeLength() must be at least 1, was " + length);
    }

    /**
     * Every random genome decodes to a network taking the data's images and giving one logit per
     * class, or is refused with an {@link IllegalArgumentException} saying why; anything else a
     * decoder throws stops a search. At least one genome must decode for each input.
     */
    @Test
    public void randomGenomesDecodeForTheDataOrAreRefusedWithAReason() {
        Decoder decoder = create();
        Random random = new Random(seed());
        for (DataInfo data : inputs()) {
            int built = 0;
            for (int n = 0; n < genomes(); n++) {
                Genome genome = Genome.random(decoder.genomeLength(), random);
                ModelSpec spec;
                try {
                    spec = decoder.decode(genome, data);
                } catch (IllegalArgumentException refused) {
                    assertTrue(refused.getMessage() != null && !refused.getMessage().isBlank(),
                            "genome " + genome + " on " + data.name() + " was refused without a reason");
                    continue;
                } catch (RuntimeException | Error e) {
                    throw new AssertionError("genome " + genome + " on " + data.name() + ": decode threw " + e
                            + "; a decoder refuses a genome only with IllegalArgumentException (anything else stops the search)", e);
                }
                assertNotNull(spec, "genome " + genome + " decoded to null");
                assertEquals(ModelSpec.inputOf(data), spec.input(), "genome " + genome + ": the network's input is not "
                        + data.name() + "'s image shape");
                assertEquals(data.classes(), spec.classes(), "genome " + genome + ": the network's classes are not "
                        + data.name() + "'s");
                built++;
            }
            assertTrue(built > 0, "none of " + genomes() + " random genomes decoded for " + data.name());
        }
    }

    /**
     * The engine treats equal specs as the same network and decodes a genome many times: two
     * decoders from the factory give equal specs (and the same explanation) for the same genome.
     */
    @Test
    public void decodingIsAPureFunctionOfGenomeAndData() {
        Decoder first = create();
        Decoder second = create();
        Random random = new Random(seed() + 1);
        for (DataInfo data : inputs()) {
            for (int n = 0; n < Math.min(genomes(), 100); n++) {
                Genome genome = Genome.random(first.genomeLength(), random);
                ModelSpec a = decodeOrNull(first, genome, data);
                ModelSpec again = decodeOrNull(first, genome, data);
                ModelSpec b = decodeOrNull(second, genome, data);
                assertEquals(a, again, "genome " + genome + " on " + data.name() + " decoded twice to different networks");
                assertEquals(a, b, "genome " + genome + " on " + data.name() + " decoded by two decoders to different networks");
                assertEquals(first.explain(genome), second.explain(genome), "genome " + genome + " explained differently");
            }
        }
    }

    /**
     * Every network has weights to train and work to do, and counts that did not overflow.
     * ({@link ModelSpec} itself checks that the layers' shapes chain and derives parameters and
     * FLOPs from them, so these are what a decoder can still get wrong.)
     */
    @Test
    public void decodedNetworksHaveWeightsToTrainAndWorkToDo() {
        Decoder decoder = create();
        Random random = new Random(seed() + 2);
        for (DataInfo data : inputs()) {
            for (int n = 0; n < Math.min(genomes(), 100); n++) {
                Genome genome = Genome.random(decoder.genomeLength(), random);
                ModelSpec spec = decodeOrNull(decoder, genome, data);
                if (spec == null) {
                    continue;
                }
                assertTrue(spec.trainableParams() > 0, "genome " + genome + " on " + data.name()
                        + ": a network with nothing to train");
                assertTrue(spec.forwardFlops() > 0, "genome " + genome + " on " + data.name()
                        + ": a network that computes nothing (or so much that its FLOPs overflowed)");
                assertTrue(spec.params() > 0, "genome " + genome + " on " + data.name()
                        + ": parameters overflowed a long");
            }
        }
    }

    @Test
    public void aGenomeOfAnotherLengthIsRefused() {
        Decoder decoder = create();
        DataInfo data = inputs().get(0);
        for (int length : new int[] {decoder.genomeLength() + 1, Math.max(1, decoder.genomeLength() - 1)}) {
            if (length == decoder.genomeLength()) {
                continue;
            }
            Genome wrong = Genome.random(length, new Random(seed()));
            assertThrows(IllegalArgumentException.class, () -> decoder.decode(wrong, data),
                    "a genome of " + length + " bits was decoded by a decoder of " + decoder.genomeLength());
        }
    }

    @Test
    public void everyGenomeIsExplainedWithoutFailing() {
        Decoder decoder = create();
        Random random = new Random(seed() + 3);
        List<String> failures = new ArrayList<>();
        for (int n = 0; n < Math.min(genomes(), 100); n++) {
            Genome genome = Genome.random(decoder.genomeLength(), random);
            try {
                if (decoder.explain(genome) == null) {
                    failures.add(genome + ": null");
                }
            } catch (RuntimeException e) {
                failures.add(genome + ": " + e);
            }
        }
        if (!failures.isEmpty()) {
            fail("explain() failed for " + failures.size() + " genomes, e.g. " + failures.get(0)
                    + " (return \"\" when there is nothing to say)");
        }
    }

    private static ModelSpec decodeOrNull(Decoder decoder, Genome genome, DataInfo data) {
        try {
            return decoder.decode(genome, data);
        } catch (IllegalArgumentException refused) {
            return null;
        }
    }
}
