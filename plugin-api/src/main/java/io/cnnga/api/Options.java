package io.cnnga.api;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The {@code options} object of a plugin in a plan, consumed key by key.
 *
 * <pre>{@code
 * Options options = Options.of("dataset.options", Map.of("path", "/data", "trainLimit", 1000));
 * String path = options.string("path", "/usr/share/datasets/fashion-mnist");
 * int limit = options.integer("trainLimit", 0);
 * options.finish();   // fails if the plan held a key nobody asked for
 * }</pre>
 *
 * <p>Values are what JSON holds: {@link String}, {@link Number}, {@link Boolean}, {@link List},
 * {@link Map} and {@code null}. Every getter marks its key as accepted; {@link #finish()} then
 * rejects any key that was not asked for, naming it and the accepted keys, so a misspelt option
 * never passes silently. Errors are {@link InvalidOptionException}s naming the full JSON path.
 * Not thread-safe: a factory consumes its options once, in {@code create}.
 */
public final class Options {

    private final String path;
    private final Map<String, Object> values;
    private final Set<String> accepted = new LinkedHashSet<>();

    private Options(String path, Map<String, Object> values) {
        this.path = Objects.requireNonNull(path, "path");
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /**
     * Options read from the JSON object at {@code path} (e.g. {@code "dataset.options"}; the empty
     * path is the document's root).
     */
    public static Options of(String path, Map<String, ?> values) {
        Map<String, Object> copy = new LinkedHashMap<>();
        values.forEach(copy::put);
        return new Options(path, copy);
    }

    /** No options at all, at {@code path}. */
    public static Options empty(String path) {
        return new Options(path, Map.of());
    }

    /** The JSON path of this object, e.g. {@code backend.options}. */
    public String path() {
        return path;
    }

    /** The raw values, as given (for passing a plan on to another process). */
    public Map<String, Object> values() {
        return values;
    }

    /** Whether the plan holds {@code key}; marks the key accepted. */
    public boolean has(String key) {
        accepted.add(key);
        return values.containsKey(key) && values.get(key) != null;
    }

    /** The JSON path of {@code key} inside this object. */
    public String pathOf(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    public String string(String key, String defaultValue) {
        Object value = raw(key);
        if (value == null) {
            return defaultValue;
        }
        if (!(value instanceof String s)) {
            throw wrongType(key, "a string", value);
        }
        return s;
    }

    /** A string that must be present. */
    public String requiredString(String key) {
        String value = string(key, null);
        if (value == null) {
            throw new InvalidOptionException(pathOf(key), "is required");
        }
        return value;
    }

    /** A string that must be one of {@code choices}. */
    public String choice(String key, String defaultValue, List<String> choices) {
        String value = string(key, defaultValue);
        if (value != null && !choices.contains(value)) {
            throw new InvalidOptionException(pathOf(key),
                    "must be one of " + String.join(", ", choices) + ", was \"" + value + "\"");
        }
        return value;
    }

    /**
     * An integer that fits Java's {@code int}; {@code 3.0} counts as {@code 3}.
     *
     * @throws InvalidOptionException when the value is not a whole number, or outside the {@code int} range
     */
    public int integer(String key, int defaultValue) {
        return integer(key, defaultValue, Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    /** An integer that must lie in {@code [min, max]}. */
    public int integer(String key, int defaultValue, int min, int max) {
        Object value = raw(key);
        if (value == null) {
            return defaultValue;
        }
        return exactInteger(key, value, min, max).intValueExact();
    }

    /**
     * An integer that fits Java's {@code long} (64 bits, e.g. a seed). A value outside that range
     * is an error, never clamped or wrapped: JSON readers hand such a value over as a
     * {@link java.math.BigInteger} or a {@link Double}, and {@code longValue()} of either would
     * silently give another number.
     */
    public long longValue(String key, long defaultValue) {
        return longValue(key, defaultValue, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    /** A 64-bit integer that must lie in {@code [min, max]}. */
    public long longValue(String key, long defaultValue, long min, long max) {
        Object value = raw(key);
        if (value == null) {
            return defaultValue;
        }
        return exactInteger(key, value, min, max).longValueExact();
    }

    /** {@code value} as an exact whole number in {@code [min, max]}. */
    private BigDecimal exactInteger(String key, Object value, long min, long max) {
        if (!(value instanceof Number n)) {
            throw wrongType(key, "an integer", value);
        }
        BigDecimal exact;
        if (n instanceof BigDecimal d) {
            exact = d;
        } else if (n instanceof BigInteger i) {
            exact = new BigDecimal(i);
        } else if (n instanceof Double || n instanceof Float) {
            if (!Double.isFinite(n.doubleValue())) {
                throw wrongType(key, "an integer", value);
            }
            exact = new BigDecimal(n.doubleValue());
        } else {
            exact = BigDecimal.valueOf(n.longValue());
        }
        if (exact.signum() != 0 && exact.stripTrailingZeros().scale() > 0) {
            throw wrongType(key, "an integer", value);
        }
        if (exact.compareTo(BigDecimal.valueOf(min)) < 0 || exact.compareTo(BigDecimal.valueOf(max)) > 0) {
            throw new InvalidOptionException(pathOf(key), range(min, max) + ", was " + exact.toBigInteger());
        }
        return exact;
    }

    public double number(String key, double defaultValue) {
        Object value = raw(key);
        if (value == null) {
            return defaultValue;
        }
        if (!(value instanceof Number n)) {
            throw wrongType(key, "a number", value);
        }
        double d = n.doubleValue();
        if (!Double.isFinite(d)) {
            throw new InvalidOptionException(pathOf(key), "must be a finite number, was " + value);
        }
        return d;
    }

    /** A number that must lie in {@code [min, max]}. */
    public double number(String key, double defaultValue, double min, double max) {
        double value = number(key, defaultValue);
        if (value < min || value > max) {
            throw new InvalidOptionException(pathOf(key), range(min, max) + ", was " + value);
        }
        return value;
    }

    public boolean bool(String key, boolean defaultValue) {
        Object value = raw(key);
        if (value == null) {
            return defaultValue;
        }
        if (!(value instanceof Boolean b)) {
            throw wrongType(key, "true or false", value);
        }
        return b;
    }

    /** A list of strings. */
    public List<String> strings(String key, List<String> defaultValue) {
        List<?> list = list(key);
        if (list == null) {
            return defaultValue;
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof String s)) {
                throw new InvalidOptionException(pathOf(key) + "[" + i + "]",
                        "must be a string, was " + describe(list.get(i)));
            }
            out.add(s);
        }
        return List.copyOf(out);
    }

    /** A list of numbers. */
    public List<Double> numbers(String key, List<Double> defaultValue) {
        List<?> list = list(key);
        if (list == null) {
            return defaultValue;
        }
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof Number n) || !Double.isFinite(n.doubleValue())) {
                throw new InvalidOptionException(pathOf(key) + "[" + i + "]",
                        "must be a number, was " + describe(list.get(i)));
            }
            out.add(n.doubleValue());
        }
        return List.copyOf(out);
    }

    /** A list of integers. */
    public List<Integer> integers(String key, List<Integer> defaultValue) {
        List<Double> numbers = numbers(key, null);
        if (numbers == null) {
            return defaultValue;
        }
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < numbers.size(); i++) {
            double d = numbers.get(i);
            if (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) {
                throw new InvalidOptionException(pathOf(key) + "[" + i + "]", "must be an integer, was " + d);
            }
            out.add((int) d);
        }
        return List.copyOf(out);
    }

    /** A nested object, itself consumed key by key. */
    public Options object(String key) {
        Object value = raw(key);
        if (value == null) {
            return empty(pathOf(key));
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw wrongType(key, "an object", value);
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(String.valueOf(k), v));
        return new Options(pathOf(key), copy);
    }

    /** The keys asked for so far. */
    public Set<String> acceptedKeys() {
        return Collections.unmodifiableSet(accepted);
    }

    /**
     * Rejects any key that no getter asked for.
     *
     * @throws InvalidOptionException naming the first unknown key and the accepted keys
     */
    public void finish() {
        for (String key : values.keySet()) {
            if (!accepted.contains(key)) {
                String known = accepted.isEmpty() ? "none" : String.join(", ", accepted);
                throw new InvalidOptionException(pathOf(key), "unknown option; accepted: " + known);
            }
        }
    }

    private List<?> list(String key) {
        Object value = raw(key);
        if (value == null) {
            return null;
        }
        if (!(value instanceof List<?> list)) {
            throw wrongType(key, "a list", value);
        }
        return list;
    }

    private Object raw(String key) {
        accepted.add(key);
        return values.get(key);
    }

    private InvalidOptionException wrongType(String key, String expected, Object value) {
        return new InvalidOptionException(pathOf(key), "must be " + expected + ", was " + describe(value));
    }

    private static String range(long min, long max) {
        if (min == Long.MIN_VALUE && max == Long.MAX_VALUE) {
            return "must be an integer between " + min + " and " + max + " (64 bits)";
        }
        if (min == Integer.MIN_VALUE && max == Integer.MAX_VALUE) {
            return "must be an integer between " + min + " and " + max + " (32 bits)";
        }
        if (max == Integer.MAX_VALUE || max == Long.MAX_VALUE) {
            return "must be >= " + min;
        }
        return "must be between " + min + " and " + max;
    }

    private static String range(double min, double max) {
        if (max == Double.MAX_VALUE) {
            return "must be >= " + min;
        }
        return "must be between " + min + " and " + max;
    }

    static String describe(Object value) {
        if (value instanceof String s) {
            return "\"" + s + "\"";
        }
        if (value instanceof Map) {
            return "an object";
        }
        if (value instanceof List) {
            return "a list";
        }
        return String.valueOf(value);
    }

    @Override
    public String toString() {
        return path + values;
    }
}
