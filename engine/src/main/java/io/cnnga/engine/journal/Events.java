package io.cnnga.engine.journal;

/** The one check every event's compact constructor makes of its fields. */
final class Events {

    private Events() {
    }

    /**
     * @throws IllegalArgumentException "FIELD: PROBLEM", which the journal reader turns into a
     *                                  line naming the journal line
     */
    static void require(boolean condition, String field, String problem) {
        if (!condition) {
            throw new IllegalArgumentException(field + ": " + problem);
        }
    }
}
