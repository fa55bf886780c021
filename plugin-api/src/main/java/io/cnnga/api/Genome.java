package io.cnnga.api;

import java.util.Random;

/**
 * An immutable bit string, index 0 first (the leftmost character).
 *
 * <pre>{@code
 * Genome g = Genome.of("01010001110010011100");
 * g.length();       // 20
 * g.bit(1);         // true
 * g.field(0, 2);    // 0b01 = 1: bits read most significant first
 * }</pre>
 *
 * @param bits the characters '0' and '1', at least one
 */
public record Genome(String bits) {

    public Genome {
        if (bits == null || bits.isEmpty()) {
            throw new IllegalArgumentException("a genome needs at least one bit");
        }
        for (int i = 0; i < bits.length(); i++) {
            char c = bits.charAt(i);
            if (c != '0' && c != '1') {
                throw new IllegalArgumentException(
                        "a genome is a string of 0 and 1, found '" + c + "' at index " + i + " in \"" + bits + "\"");
            }
        }
    }

    public static Genome of(String bits) {
        return new Genome(bits);
    }

    /** A genome from booleans, index 0 first. */
    public static Genome of(boolean... bits) {
        StringBuilder s = new StringBuilder(bits.length);
        for (boolean b : bits) {
            s.append(b ? '1' : '0');
        }
        return new Genome(s.toString());
    }

    /** A uniformly random genome of {@code length} bits. */
    public static Genome random(int length, Random random) {
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append(random.nextBoolean() ? '1' : '0');
        }
        return new Genome(s.toString());
    }

    public int length() {
        return bits.length();
    }

    public boolean bit(int index) {
        return bits.charAt(index) == '1';
    }

    /**
     * The unsigned value of {@code length} bits starting at {@code from}, most significant first.
     */
    public int field(int from, int length) {
        if (length < 1 || length > 30 || from < 0 || from + length > bits.length()) {
            throw new IndexOutOfBoundsException(
                    "field [" + from + ", " + (from + length) + ") outside a genome of " + bits.length() + " bits");
        }
        int value = 0;
        for (int i = from; i < from + length; i++) {
            value = (value << 1) | (bits.charAt(i) == '1' ? 1 : 0);
        }
        return value;
    }

    @Override
    public String toString() {
        return bits;
    }
}
