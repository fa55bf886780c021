package io.cnnga.engine.run;

import io.cnnga.api.Genome;
import io.cnnga.api.ModelSpec;
import io.cnnga.engine.journal.FinalFinished;
import io.cnnga.engine.model.ModelCard;
import io.cnnga.engine.model.NetworkJson;
import io.cnnga.engine.trial.PlanWorkbench;

/**
 * Makes the {@link ModelCard} of a network a run trained and exported: the plan, the data and the
 * backend from the run's workbench, the accuracy from the final training's journal event — so a
 * card lost from a finished run is made again, equal, from the journal alone.
 *
 * <pre>{@code
 * ModelCard card = new ModelCards(bench).of(genome, spec, finalFinished, ModelCard.FINAL);
 * card.write(folder.model());
 * }</pre>
 */
final class ModelCards {

    private static final String VERSION = versionOf();

    private final PlanWorkbench bench;

    ModelCards(PlanWorkbench bench) {
        this.bench = bench;
    }

    /**
     * @param event the final training of {@code genome}: its accuracy, epochs and time (the card's date)
     * @param role  {@link ModelCard#FINAL} or {@link ModelCard#FRONT}
     */
    ModelCard of(Genome genome, ModelSpec spec, FinalFinished event, String role) {
        String format = bench.backend().exportFormat();
        return new ModelCard(ModelCard.VERSION, event.time().toString(), VERSION, format,
                "savedmodel".equals(format) ? ModelCard.Signature.SERVING_DEFAULT : null, bench.backend().precision().id(),
                bench.backend().framework(), bench.plan().backend(), role, genome.bits(), bench.plan().decoder(),
                NetworkJson.of(genome, spec, bench.decoder().explain(genome)), ModelCard.Input.of(spec),
                bench.info().classNames(), bench.preprocessing(),
                new ModelCard.Accuracy(event.lastValidationAccuracy(), bench.data().validation().size(),
                        event.testAccuracy(), bench.data().test().size(), event.epochs()),
                bench.plan().dataset(), new ModelCard.PlanOrigin(bench.plan().name(), bench.plan().seed()));
    }

    /** The engine JAR's version ("dev" when run from classes, as in tests). */
    private static String versionOf() {
        String v = ModelCards.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
