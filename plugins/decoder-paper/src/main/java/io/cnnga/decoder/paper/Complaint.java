package io.cnnga.decoder.paper;

import io.cnnga.api.InvalidOptionException;
import io.cnnga.api.Options;

/**
 * How a broken rule on a decoder setting becomes an exception. The same rules guard values built in
 * code, where a bad argument is an {@link IllegalArgumentException}, and values read from a plan,
 * where the user needs the JSON path of the offending value.
 *
 * <pre>{@code
 * throw Complaint.inOptions(options).about("kernels", "must have 4 entries, had 3");
 * // InvalidOptionException: decoder.options.kernels: must have 4 entries, had 3
 * }</pre>
 */
@FunctionalInterface
interface Complaint {

    /** For values built in code: the key and the problem in an {@link IllegalArgumentException}. */
    Complaint ARGUMENT = (key, problem) -> new IllegalArgumentException(key + ": " + problem);

    /**
     * The exception for a problem with {@code key}, which may carry an index ({@code "kernels[2]"}).
     */
    RuntimeException about(String key, String problem);

    /** For values read from a plan: an {@link InvalidOptionException} at the key's JSON path. */
    static Complaint inOptions(Options options) {
        return (key, problem) -> new InvalidOptionException(options.pathOf(key), problem);
    }
}
