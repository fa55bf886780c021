package io.cnnga.engine.report;

/**
 * What a generation did with children over the budget (or that the decoder could not build), in
 * words, for the console's and the report's generation tables.
 *
 * <pre>{@code
 * RepairCounts.describe(3, 1);   // ", 3 children repaired to the nearest valid genome, 1 drawn at random"
 * RepairCounts.describe(0, 0);   // ""
 * }</pre>
 */
public final class RepairCounts {

    private RepairCounts() {
    }

    public static String describe(int repaired, int drawn) {
        if (repaired + drawn == 0) {
            return "";
        }
        StringBuilder b = new StringBuilder(", ");
        if (repaired > 0) {
            b.append(repaired).append(repaired == 1 ? " child" : " children").append(" repaired to the nearest valid genome");
        }
        if (drawn > 0) {
            b.append(repaired > 0 ? ", " + drawn : drawn + (drawn == 1 ? " child" : " children")).append(" drawn at random");
        }
        return b.toString();
    }
}
