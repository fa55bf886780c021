package io.cnnga.testkit;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a contract's subject (a deliberately broken plugin's contract test, meant to fail) only
 * when a mutation test starts it through the EngineTestKit with {@value #KEY} set; the build's
 * own test run skips it.
 */
final class OnlyUnderEngineTestKit implements ExecutionCondition {

    static final String KEY = "cnnga.testkit.subjects";

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        return context.getConfigurationParameter(KEY).isPresent()
                ? ConditionEvaluationResult.enabled("run by a mutation test")
                : ConditionEvaluationResult.disabled("a contract subject, run only by the mutation tests");
    }
}
