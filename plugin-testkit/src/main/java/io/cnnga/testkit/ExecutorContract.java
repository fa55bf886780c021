package io.cnnga.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cnnga.api.ExecutionContext;
import io.cnnga.api.Executor;
import io.cnnga.api.ExecutorFactory;
import io.cnnga.api.Genome;
import io.cnnga.api.Plugin;
import io.cnnga.api.PluginFactory;
import io.cnnga.api.RemoteTrials;
import io.cnnga.api.RemoteWorker;
import io.cnnga.api.Trial;
import io.cnnga.api.TrialListener;
import io.cnnga.api.TrialResult;
import io.cnnga.api.TrialRunner;
import io.cnnga.api.TrialStatus;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The contract of an {@link Executor}, for its plugin's tests to extend: one result per trial in
 * the trials' order whatever order they finished in, a failed trial costs only itself, the
 * listener hears each trial start and finish once, and the executor serves generation after
 * generation. Trials "train" through a {@link ScriptedTrialRunner}, which trains nothing: an
 * executor does not care what trains.
 *
 * <pre>{@code
 * class MyExecutorTest extends ExecutorContract {
 *     protected ExecutorFactory factory() { return new MyExecutorFactory(); }
 *     protected Map<String, Object> options() { return Map.of("workers", 3); }
 * }
 * }</pre>
 *
 * <p>The executor is created once for the class and closed after it, as a run keeps one for all
 * its generations. An executor that trains trials outside this JVM through
 * {@link ExecutionContext#remote()} rather than {@link ExecutionContext#runner()} needs the
 * engine's {@link RemoteTrials} there, which this kit does not have: override {@link #context}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ExecutorContract extends PluginFactoryContract<Executor> {

    private Executor executor;

    /** The factory under test. */
    @Override
    protected abstract ExecutorFactory factory();

    @Override
    protected final String section() {
        return "executor";
    }

    @Override
    final List<? extends PluginFactory<?>> factories(Plugin plugin) {
        return plugin.executors();
    }

    /** Runs two trials, then closes the executor. */
    @Override
    protected void use(Executor created) {
        try (Executor e = created) {
            e.evaluate(ScriptedTrialRunner.trials(2, 4), context(new ScriptedTrialRunner(Set.of()), TrialListener.NONE));
        }
    }

    /**
     * The context the executor runs trials with: {@code runner} in this JVM, and remote trials
     * that refuse to be used (override this for an executor that needs them).
     */
    protected ExecutionContext context(TrialRunner runner, TrialListener listener) {
        return new ExecutionContext(runner, listener, new NoRemoteTrials());
    }

    @BeforeAll
    public void createExecutor() {
        executor = create();
    }

    @AfterAll
    public void closeExecutor() {
        if (executor != null) {
            executor.close();
        }
    }

    /** The executor the tests run, created from {@link #options()}. */
    protected final Executor executor() {
        return executor;
    }

    @Test
    public void everyTrialGetsItsResultInTheTrialsOrder() {
        List<Trial> trials = ScriptedTrialRunner.trials(6, 4);
        List<TrialResult> results = executor.evaluate(trials, context(new ScriptedTrialRunner(Set.of()), TrialListener.NONE));
        assertEquals(trials.size(), results.size(), "one result per trial");
        for (int i = 0; i < trials.size(); i++) {
            TrialResult r = results.get(i);
            assertEquals(trials.get(i).genome(), r.genome(), "result " + i + " is another trial's (trials finish out of order)");
            assertEquals(trials.get(i).index(), r.index());
            assertEquals(TrialStatus.COMPLETE, r.status(), "trial " + i + ": " + r.reason());
            assertEquals(ScriptedTrialRunner.fitnessOf(r.genome()), r.fitness(), 1e-12, "trial " + i + "'s fitness");
        }
    }

    @Test
    public void aFailedTrialCostsOnlyItself() {
        List<Trial> trials = ScriptedTrialRunner.trials(5, 4);
        Genome failing = trials.get(2).genome();
        List<TrialResult> results = executor.evaluate(trials, context(new ScriptedTrialRunner(Set.of(failing)),
                TrialListener.NONE));
        assertEquals(trials.size(), results.size(), "one result per trial");
        for (int i = 0; i < trials.size(); i++) {
            TrialResult r = results.get(i);
            if (i == 2) {
                assertEquals(TrialStatus.FAILED, r.status(), "the failing trial");
                assertTrue(r.reason().contains(ScriptedTrialRunner.FAILURE), "the failure's reason was lost: " + r.reason());
            } else {
                assertEquals(TrialStatus.COMPLETE, r.status(), "trial " + i + " beside a failing one: " + r.reason());
            }
        }
    }

    @Test
    public void theListenerHearsEachTrialStartAndFinishOnce() {
        List<Trial> trials = ScriptedTrialRunner.trials(5, 4);
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        TrialListener listener = new TrialListener() {
            @Override
            public void started(Trial trial) {
                events.add("started " + trial.index());
            }

            @Override
            public void finished(TrialResult result) {
                events.add("finished " + result.index() + " " + result.status());
            }
        };
        executor.evaluate(trials, context(new ScriptedTrialRunner(Set.of()), listener));
        List<String> heard = List.copyOf(events);
        assertEquals(2 * trials.size(), heard.size(), "events heard: " + heard);
        for (Trial trial : trials) {
            int started = heard.indexOf("started " + trial.index());
            int finished = heard.indexOf("finished " + trial.index() + " COMPLETE");
            assertTrue(started >= 0, "trial " + trial.index() + "'s start was not heard: " + heard);
            assertTrue(finished > started, "trial " + trial.index() + "'s finish was not heard after its start: " + heard);
        }
    }

    @Test
    public void anEmptyGenerationGivesNoResults() {
        assertEquals(List.of(), executor.evaluate(List.of(), context(new ScriptedTrialRunner(Set.of()), TrialListener.NONE)));
    }

    @Test
    public void oneExecutorServesGenerationAfterGeneration() {
        for (int generation = 0; generation < 3; generation++) {
            List<TrialResult> results = executor.evaluate(ScriptedTrialRunner.trials(3, 4),
                    context(new ScriptedTrialRunner(Set.of()), TrialListener.NONE));
            assertEquals(3, results.size(), "generation " + generation);
            assertTrue(results.stream().allMatch(r -> r.status() == TrialStatus.COMPLETE), "generation " + generation);
        }
    }

    /** Remote trials for executors that never train outside this JVM: every use says how to give real ones. */
    private static final class NoRemoteTrials implements RemoteTrials {

        private static UnsupportedOperationException refused() {
            return new UnsupportedOperationException("ExecutorContract's default context trains in this JVM only; "
                    + "an executor that trains elsewhere needs the engine's RemoteTrials: override context()");
        }

        @Override
        public String request(Trial trial) {
            throw refused();
        }

        @Override
        public TrialResult result(Trial trial, String answer) {
            throw refused();
        }

        @Override
        public RemoteWorker worker() {
            throw refused();
        }

        @Override
        public List<String> classPath() {
            throw refused();
        }

        @Override
        public List<String> pluginFolders() {
            return List.of();
        }
    }
}
