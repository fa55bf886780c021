package io.cnnga.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.cnnga.api.ExecutorFactory;
import io.cnnga.testkit.SubjectExecutorFactory.Mutation;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link ExecutorContract} passes an executor that keeps it and fails each deliberately broken
 * one in the test that names its bug.
 */
class ExecutorContractMutationTest {

    @Test
    void anExecutorThatKeepsTheContractPassesEveryTest() {
        ContractRun run = ContractRun.of(Correct.class);
        assertThat(run.failed()).isEmpty();
        assertThat(run.skipped()).isEmpty();
        assertThat(run.succeeded()).contains("everyTrialGetsItsResultInTheTrialsOrder", "aFailedTrialCostsOnlyItself",
                "theListenerHearsEachTrialStartAndFinishOnce", "oneExecutorServesGenerationAfterGeneration");
    }

    static Stream<Arguments> mutants() {
        return Stream.of(
                Arguments.of(CompletionOrder.class, "everyTrialGetsItsResultInTheTrialsOrder"),
                Arguments.of(StopsAtAFailure.class, "aFailedTrialCostsOnlyItself"),
                Arguments.of(Silent.class, "theListenerHearsEachTrialStartAndFinishOnce"));
    }

    @ParameterizedTest(name = "{0} fails {1}")
    @MethodSource("mutants")
    void aBrokenExecutorFailsTheTestNamingItsBug(Class<?> subject, String test) {
        ContractRun run = ContractRun.of(subject);
        assertThat(run.failedTests()).as(run.failed().toString()).contains(test);
        assertThat(run.succeeded()).isNotEmpty();
    }

    /** Three threads, and the bad value every subject must refuse. */
    abstract static class Subject extends ExecutorContract {
        abstract Mutation mutation();

        @Override
        protected ExecutorFactory factory() {
            return new SubjectExecutorFactory(SubjectPlugin.idOf(mutation()), mutation());
        }

        @Override
        protected Map<String, Object> invalidOptions() {
            return Map.of("workers", 0);
        }
    }

    @ExtendWith(OnlyUnderEngineTestKit.class)
    static class Correct extends Subject {
        @Override
        Mutation mutation() {
            return Mutation.NONE;
        }
    }

    @ExtendWith(OnlyUnderEngineTestKit.class)
    static class CompletionOrder extends Subject {
        @Override
        Mutation mutation() {
            return Mutation.COMPLETION_ORDER;
        }
    }

    @ExtendWith(OnlyUnderEngineTestKit.class)
    static class StopsAtAFailure extends Subject {
        @Override
        Mutation mutation() {
            return Mutation.STOPS_AT_A_FAILURE;
        }
    }

    @ExtendWith(OnlyUnderEngineTestKit.class)
    static class Silent extends Subject {
        @Override
        Mutation mutation() {
            return Mutation.SILENT;
        }
    }
}
