package io.cnnga.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.cnnga.api.DecoderFactory;
import io.cnnga.testkit.SubjectDecoderFactory.Mutation;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

/**
 * {@link DecoderContract} passes a decoder that keeps it and fails each deliberately broken one
 * in the test that names its bug.
 */
class DecoderContractMutationTest {

    @Test
    void aDecoderThatKeepsTheContractPassesEveryTest() {
        ContractRun run = ContractRun.of(Correct.class);
        assertThat(run.failed()).isEmpty();
        assertThat(run.skipped()).isEmpty();
        assertThat(run.succeeded()).contains("randomGenomesDecodeForTheDataOrAreRefusedWithAReason",
                "decodingIsAPureFunctionOfGenomeAndData", "theServiceLoaderFindsTheFactory",
                "anUnknownOptionIsRejectedNamingItsPath", "invalidOptionsAreRejectedNamingTheirPath");
    }

    static Stream<Arguments> mutants() {
        return Stream.of(
                Arguments.of(Throws.class, "randomGenomesDecodeForTheDataOrAreRefusedWithAReason"),
                Arguments.of(Forgets.class, "decodingIsAPureFunctionOfGenomeAndData"),
                Arguments.of(TenClasses.class, "randomGenomesDecodeForTheDataOrAreRefusedWithAReason"),
                Arguments.of(AnyLength.class, "aGenomeOfAnotherLengthIsRefused"),
                Arguments.of(LaxOptions.class, "anUnknownOptionIsRejectedNamingItsPath"),
                Arguments.of(CamelCase.class, "theIdIsOneAPlanCanName"),
                Arguments.of(Unregistered.class, "theServiceLoaderFindsTheFactory"));
    }

    @ParameterizedTest(name = "{0} fails {1}")
    @MethodSource("mutants")
    void aBrokenDecoderFailsTheTestNamingItsBug(Class<?> subject, String test) {
        ContractRun run = ContractRun.of(subject);
        assertThat(run.failedTests()).as(run.failed().toString()).contains(test);
        // the other tests still pass: the contract names the bug, it does not fail wholesale
        assertThat(run.succeeded()).isNotEmpty();
    }

    @ExtendWith(OnlyUnderEngineTestKit.class)
    static class Correct extends DecoderContract {
        @Override
        protected DecoderFactory factory() {
            return new SubjectDecoderFactory(SubjectPlugin.idOf(Mutation.NONE), Mutation.NONE);
        }

        @Override
        protected Map<String, Object> invalidOptions() {
            return Map.of("scale", 9);
        }
    }

    @ExtendWith(OnlyUnderEngineTestKit.class)
    static class Throws extends DecoderContract {
        @Override
        protected DecoderFactory factory() {
            return new SubjectDecoderFactory(SubjectPlugin.idOf(Mutation.THROWS), Mutation.THROWS);
        }
    }

    @ExtendWith(OnlyUnderEngineTestKit.class)
    static class Forgets extends DecoderContract {
        @Override
        protected DecoderFactory factory() {
            return new SubjectDecoderFactory(SubjectPlugin.idOf(Mutation.FORGETS), Mutation.FORGETS);
        }
    }

    @ExtendWith(OnlyUnderEngineTestKit.class)
    static class TenClasses extends DecoderContract {
        @Override
        protected DecoderFactory factory() {
            return new SubjectDecoderFactory(SubjectPlugin.idOf(Mutation.TEN_CLASSES), Mutation.TEN_CLASSES);
        }
    }

    @ExtendWith(OnlyUnderEngineTestKit.class)
    static class AnyLength extends DecoderContract {
        @Override
        protected DecoderFactory factory() {
            return new SubjectDecoderFactory(SubjectPlugin.idOf(Mutation.ANY_LENGTH), Mutation.ANY_LENGTH);
        }
    }

    @ExtendWith(OnlyUnderEngineTestKit.class)
    static class LaxOptions extends DecoderContract {
        @Override
        protected DecoderFactory factory() {
            return new SubjectDecoderFactory(SubjectPlugin.idOf(Mutation.LAX_OPTIONS), Mutation.LAX_OPTIONS);
        }
    }

    @ExtendWith(OnlyUnderEngineTestKit.class)
    static class CamelCase extends DecoderContract {
        @Override
        protected DecoderFactory factory() {
            return new SubjectDecoderFactory(SubjectPlugin.CAMEL_CASE, Mutation.NONE);
        }
    }

    @ExtendWith(OnlyUnderEngineTestKit.class)
    static class Unregistered extends DecoderContract {
        @Override
        protected DecoderFactory factory() {
            return new SubjectDecoderFactory("unregistered", Mutation.NONE);
        }
    }
}
