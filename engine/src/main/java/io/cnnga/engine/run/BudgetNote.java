package io.cnnga.engine.run;

import io.cnnga.api.DataInfo;
import io.cnnga.api.Decoder;
import io.cnnga.engine.evolution.NetworkSizes;
import io.cnnga.engine.plan.Plan;

import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * What a run of a plan without a budget is told before it starts: how large the networks are that
 * its search may then train.
 *
 * <pre>{@code
 * BudgetNote.of(plan, decoder, data.info()).ifPresent(console::note);
 * }</pre>
 *
 * <p>Without {@code search.maxParams} and {@code search.maxForwardFlops} the paper decoder's networks
 * for 28x28x1 images have a median of about 16 M parameters and reach 141 M; one of 6 GFLOP per
 * image trained at 12 images per second on two CPU cores. A plan written from scratch would spend
 * most of its hours on such networks without knowing why. The sizes come from {@value #GENOMES} genomes of a fixed random stream,
 * never the plan's, so the note changes nothing the search draws.
 */
public final class BudgetNote {

    /** The random genomes the sizes are estimated from. */
    static final int GENOMES = 1000;

    private BudgetNote() {
    }

    /** The note for a plan that sets neither bound, when its decoder builds any of the sampled genomes; else empty. */
    public static Optional<String> of(Plan plan, Decoder decoder, DataInfo data) {
        if (!plan.search().budget().unbounded()) {
            return Optional.empty();
        }
        return NetworkSizes.sample(decoder, data, GENOMES, new SplittableRandom(0)).map(sizes -> String.format(
                Locale.ROOT, "note: the plan sets no budget (search.maxParams, search.maxForwardFlops), so the search "
                        + "may train any network the decoder builds; for %dx%dx%d images those have a median of %s "
                        + "parameters and %s per image, and up to %s and %s (%s). Set both to "
                        + "keep the search to networks that train fast (the quickstart: 5e6 and 2e7).",
                data.height(), data.width(), data.channels(), millions(sizes.medianParams()),
                flops(sizes.medianFlops()), millions(sizes.largestParams()), flops(sizes.largestFlops()),
                sizes.sampled() == GENOMES ? String.format(Locale.ROOT, "a sample of %,d random genomes", GENOMES)
                        : String.format(Locale.ROOT, "the %,d of %,d random genomes it builds", sizes.sampled(), GENOMES)));
    }

    private static String millions(long count) {
        return count >= 1_000_000 ? String.format(Locale.ROOT, "%.1f M", count / 1e6) : String.format(Locale.ROOT, "%,d", count);
    }

    private static String flops(long flops) {
        return flops >= 1_000_000_000L ? String.format(Locale.ROOT, "%.1f GFLOP", flops / 1e9)
                : String.format(Locale.ROOT, "%.1f MFLOP", flops / 1e6);
    }
}
