package io.cnnga.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.cnnga.api.DatasetFactory;
import io.cnnga.testkit.SubjectDatasetFactory.Mutation;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link DatasetContract} passes a dataset that keeps it and fails each deliberately broken one
 * in the test that names its bug.
 */
class DatasetContractMutationTest {

    @Test
    void aDatasetThatKeepsTheContractPassesEveryTest() {
        ContractRun run = ContractRun.of(Correct.class);
        assertThat(run.failed()).isEmpty();
        assertThat(run.skipped()).isEmpty();
        assertThat(run.succeeded()).contains("theSplitsAreDisjoint", "theValidationSplitIsStratified",
                "theSameSeedGivesTheSameSplitsAndAnotherSeedAnotherValidation", "thePixelsVaryAndBatchesAreInZeroToOne",
                "infoDescribesWhatLoadGives", "invalidOptionsAreRejectedNamingTheirPath");
    }

    static Stream<Arguments> mutants() {
        return Stream.of(
                Arguments.of(LeaksValidation.class, "theSplitsAreDisjoint"),
                Arguments.of(Unstratified.class, "theValidationSplitIsStratified"),
                Arguments.of(IgnoresSeed.class, "theSameSeedGivesTheSameSplitsAndAnotherSeedAnotherValidation"),
                Arguments.of(BlankPixels.class, "thePixelsVaryAndBatchesAreInZeroToOne"),
                Arguments.of(WrongInfo.class, "infoDescribesWhatLoadGives"),
                Arguments.of(LaxOptions.class, "anUnknownOptionIsRejectedNamingItsPath"),
                Arguments.of(WrongPath.class, "invalidOptionsAreRejectedNamingTheirPath"));
    }

    @ParameterizedTest(name = "{0} fails {1}")
    @MethodSource("mutants")
    void aBrokenDatasetFailsTheTestNamingItsBug(Class<?> subject, String test) {
        ContractRun run = ContractRun.of(subject);
        assertThat(run.failedTests()).as(run.failed().toString()).contains(test);
        assertThat(run.succeeded()).isNotEmpty();
    }

    /** The subjects' common options: 200 images, and the bad values every one of them must refuse. */
    abstract static class Subject extends DatasetContract {
        abstract Mutation mutation();

        @Override
        protected DatasetFactory factory() {
            return new SubjectDatasetFactory(SubjectPlugin.idOf(mutation()), mutation());
        }

        @Override
        protected Map<String, Object> options() {
            return Map.of("size", 200);
        }

        @Override
        protected Map<String, Object> invalidOptions() {
            return Map.of("size", 3, "validationFraction", 1.5);
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
    static class LeaksValidation extends Subject {
        @Override
        Mutation mutation() {
            return Mutation.LEAKS_VALIDATION;
        }
    }

    @ExtendWith(OnlyUnderEngineTestKit.class)
    static class Unstratified extends Subject {
        @Override
        Mutation mutation() {
            return Mutation.UNSTRATIFIED;
        }
    }

    @ExtendWith(OnlyUnderEngineTestKit.class)
    static class IgnoresSeed extends Subject {
        @Override
        Mutation mutation() {
            return Mutation.IGNORES_SEED;
        }
    }

    @ExtendWith(OnlyUnderEngineTestKit.class)
    static class BlankPixels extends Subject {
        @Override
        Mutation mutation() {
            return Mutation.BLANK_PIXELS;
        }
    }

    @ExtendWith(OnlyUnderEngineTestKit.class)
    static class WrongInfo extends Subject {
        @Override
        Mutation mutation() {
            return Mutation.WRONG_INFO;
        }
    }

    @ExtendWith(OnlyUnderEngineTestKit.class)
    static class LaxOptions extends Subject {
        @Override
        Mutation mutation() {
            return Mutation.LAX_OPTIONS;
        }
    }

    @ExtendWith(OnlyUnderEngineTestKit.class)
    static class WrongPath extends Subject {
        @Override
        Mutation mutation() {
            return Mutation.WRONG_PATH;
        }
    }
}
