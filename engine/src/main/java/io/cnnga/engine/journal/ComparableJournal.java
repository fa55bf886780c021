package io.cnnga.engine.journal;

import io.cnnga.api.EpochMetrics;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * A run's journal without what differs between processes — times, durations, the folder, which
 * process trained what, and the resumptions themselves — one event per string: what two runs of
 * one plan must agree on, however often they were interrupted and resumed.
 *
 * <pre>{@code
 * assertThat(ComparableJournal.of(resumedRun)).isEqualTo(ComparableJournal.of(uninterruptedRun));
 * List<TrialFinished> trials = ComparableJournal.events(run, TrialFinished.class);
 * }</pre>
 */
public final class ComparableJournal {

    private static final Instant EPOCH = Instant.EPOCH;

    private ComparableJournal() {
    }

    public static List<String> of(Path runDir) {
        Path file = runDir.resolve(Journal.FILE);
        if (!Files.exists(file)) {
            return List.of();
        }
        return Journal.read(file).stream().filter(e -> !(e instanceof RunResumed))
                .map(ComparableJournal::normalized).map(JournalJson::write).toList();
    }

    private static JournalEvent normalized(JournalEvent event) {
        if (event instanceof RunStarted e) {
            var plan = e.plan();
            plan.remove("output");
            return new RunStarted(EPOCH, plan, e.genomeLength(), e.train(), e.trialTrain(), e.validation(), e.test(),
                    e.format());
        }
        if (event instanceof TrialFinished e) {
            return new TrialFinished(EPOCH, EPOCH, e.generation(), e.index(), e.genome(), e.status(), e.fitness(),
                    history(e.history()), e.params(), e.flops(), 0, e.reason(), null, null, null, null, e.precision());
        }
        if (event instanceof GenerationFinished e) {
            return new GenerationFinished(EPOCH, e.generation(), e.best(), e.mean(), e.replaced(), e.repaired(), e.drawn(), e.population(),
                    e.bestSoFar());
        }
        if (event instanceof FinalFinished e) {
            return new FinalFinished(EPOCH, e.genome(), e.epochs(), history(e.history()), e.testLoss(), e.testAccuracy(),
                    0, e.model(), e.classNames(), e.confusionMatrix(), e.parameterHistograms());
        }
        if (event instanceof RunFinished) {
            return new RunFinished(EPOCH, 0, 0);
        }
        return event;
    }

    private static List<EpochMetrics> history(List<EpochMetrics> history) {
        return history.stream().map(m -> new EpochMetrics(m.epoch(), m.loss(), m.accuracy(), m.validationLoss(),
                m.validationAccuracy(), 0, 0, m.complete())).toList();
    }

    /** The events of one kind, in journal order. */
    public static <T extends JournalEvent> List<T> events(Path runDir, Class<T> kind) {
        Path file = runDir.resolve(Journal.FILE);
        if (!Files.exists(file)) {
            return List.of();
        }
        return Journal.read(file).stream().filter(kind::isInstance).map(kind::cast).toList();
    }
}
