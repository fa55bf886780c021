package io.cnnga.engine.compare;

import io.cnnga.api.TrainingConfig;

import java.util.List;

/**
 * The result of {@code engine compare}: what was trained on what, and each genome's outcome on
 * each backend.
 *
 * <pre>{@code
 * Comparison c = new BackendComparison(setup, backends, console).run(genomes);
 * c.rows().get(0).outcome("tensorflow").validationAccuracy();
 * c.gaps();   // each later backend against the first
 * }</pre>
 *
 * @param plan            the plan's name
 * @param seed            the plan's seed (data split, weights, dropout, batch order)
 * @param dataset         the dataset's id
 * @param trainImages     images each network trained on (the plan's trial sample)
 * @param validationImages images of the validation split
 * @param testImages      images of the test split
 * @param config          the training of each network (the plan's trial training)
 * @param backends        backend ids, in the order given
 * @param rows            one per genome, in the order given
 */
public record Comparison(String plan, long seed, String dataset, int trainImages, int validationImages, int testImages,
                         TrainingConfig config, List<String> backends, List<ComparisonRow> rows) {

    public Comparison {
        backends = List.copyOf(backends);
        rows = List.copyOf(rows);
    }

    /** Each backend after the first, measured against the first. */
    public List<BackendGap> gaps() {
        return backends.stream().skip(1).map(other -> BackendGap.between(backends.get(0), other, rows)).toList();
    }
}
