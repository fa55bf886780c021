package io.cnnga.engine.evolution;

import io.cnnga.api.InvalidInputException;

/**
 * The plan's budget admits (almost) no network of the decoder's space.
 *
 * <pre>{@code
 * throw new BudgetTooTightException("no genome within the search budget in 100000 random draws; ...");
 * }</pre>
 */
public class BudgetTooTightException extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    public BudgetTooTightException(String message) {
        super(message);
    }
}
