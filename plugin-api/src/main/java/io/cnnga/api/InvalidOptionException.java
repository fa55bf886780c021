package io.cnnga.api;

/**
 * A plan value that is missing, of the wrong type or out of range, named by its JSON path.
 *
 * <pre>{@code
 * throw new InvalidOptionException("search.population", "must be between 2 and 1000, was 0");
 * // message: "search.population: must be between 2 and 1000, was 0"
 * }</pre>
 */
public class InvalidOptionException extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    private final String path;

    public InvalidOptionException(String path, String problem) {
        super(path + ": " + problem);
        this.path = path;
    }

    /** The JSON path of the offending value, e.g. {@code dataset.options.trainLimit}. */
    public String path() {
        return path;
    }
}
