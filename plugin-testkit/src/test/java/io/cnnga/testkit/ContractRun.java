package io.cnnga.testkit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.List;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

/**
 * A contract's subject run through JUnit's EngineTestKit, as a build runs an author's test: which
 * of its tests passed, failed or were skipped.
 *
 * <pre>{@code
 * ContractRun run = ContractRun.of(DecoderContractMutationTest.Throws.class);
 * run.failedTests();   // [randomGenomesDecodeForTheDataOrAreRefusedWithAReason]
 * }</pre>
 *
 * @param succeeded the test methods that passed
 * @param failed    those that failed, each as "method: message"
 * @param skipped   those skipped
 */
record ContractRun(List<String> succeeded, List<String> failed, List<String> skipped) {

    static ContractRun of(Class<?> subject) {
        Events tests = EngineTestKit.engine("junit-jupiter")
                .configurationParameter(OnlyUnderEngineTestKit.KEY, "true")
                .selectors(selectClass(subject))
                .execute()
                .testEvents();
        return new ContractRun(tests.succeeded().stream().map(ContractRun::method).toList(),
                tests.failed().stream().map(e -> method(e) + ": " + message(e)).toList(),
                tests.skipped().stream().map(ContractRun::method).toList());
    }

    /** The failed test methods' names. */
    List<String> failedTests() {
        return failed.stream().map(f -> f.substring(0, f.indexOf(": "))).toList();
    }

    private static String method(Event event) {
        return event.getTestDescriptor().getSource()
                .filter(MethodSource.class::isInstance).map(s -> ((MethodSource) s).getMethodName())
                .orElse(event.getTestDescriptor().getDisplayName());
    }

    private static String message(Event event) {
        return event.getPayload(TestExecutionResult.class).flatMap(TestExecutionResult::getThrowable)
                .map(String::valueOf).orElse("(no message)");
    }
}
