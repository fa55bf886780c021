package io.cnnga.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OptionsTest {

    private static Options options(Map<String, ?> values) {
        return Options.of("dataset.options", values);
    }

    @Test
    void absentAndNullKeysGiveTheDefault() {
        Map<String, Object> values = new HashMap<>();
        values.put("path", null);
        Options options = options(values);

        assertThat(options.string("path", "/data")).isEqualTo("/data");
        assertThat(options.integer("trainLimit", 7)).isEqualTo(7);
        assertThat(options.number("fraction", 0.1)).isEqualTo(0.1);
        assertThat(options.bool("shuffle", true)).isTrue();
        assertThat(options.strings("names", List.of("a"))).containsExactly("a");
        assertThat(options.has("path")).isFalse();
    }

    @Test
    void readsEachJsonType() {
        Options options = options(Map.of(
                "path", "/data",
                "limit", 1000,
                "big", 5_000_000_000L,
                "fraction", 0.25,
                "shuffle", false,
                "names", List.of("x", "y"),
                "rates", List.of(1, 0.5),
                "widths", List.of(2048, 1024.0)));

        assertThat(options.string("path", null)).isEqualTo("/data");
        assertThat(options.integer("limit", 0)).isEqualTo(1000);
        assertThat(options.longValue("big", 0)).isEqualTo(5_000_000_000L);
        assertThat(options.number("fraction", 0)).isEqualTo(0.25);
        assertThat(options.bool("shuffle", true)).isFalse();
        assertThat(options.strings("names", null)).containsExactly("x", "y");
        assertThat(options.numbers("rates", null)).containsExactly(1.0, 0.5);
        assertThat(options.integers("widths", null)).containsExactly(2048, 1024);
    }

    @Test
    void aNumberWithoutFractionIsAnIntegerWhateverItsJavaType() {
        Options options = options(Map.of("a", 3.0, "b", 3L));

        assertThat(options.integer("a", 0)).isEqualTo(3);
        assertThat(options.integer("b", 0)).isEqualTo(3);
    }

    @Test
    void wrongTypesFailNamingThePathWhatWasExpectedAndWhatWasFound() {
        Options options = options(Map.of("path", 5, "limit", "10", "fraction", 2.5, "shuffle", "yes",
                "names", "x", "child", List.of()));

        assertThatThrownBy(() -> options.string("path", null))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessage("dataset.options.path: must be a string, was 5");
        assertThatThrownBy(() -> options.integer("limit", 0))
                .hasMessage("dataset.options.limit: must be an integer, was \"10\"");
        assertThatThrownBy(() -> options.integer("fraction", 0))
                .hasMessage("dataset.options.fraction: must be an integer, was 2.5");
        assertThatThrownBy(() -> options.bool("shuffle", false))
                .hasMessage("dataset.options.shuffle: must be true or false, was \"yes\"");
        assertThatThrownBy(() -> options.strings("names", null))
                .hasMessage("dataset.options.names: must be a list, was \"x\"");
        assertThatThrownBy(() -> options.object("child"))
                .hasMessage("dataset.options.child: must be an object, was a list");
    }

    @Test
    void listEntriesFailAtTheirIndexedPath() {
        Options options = options(Map.of("names", Arrays.asList("a", 2), "rates", List.of(0.1, "x"),
                "widths", List.of(1, 2.5)));

        assertThatThrownBy(() -> options.strings("names", null))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessage("dataset.options.names[1]: must be a string, was 2")
                .satisfies(e -> assertThat(((InvalidOptionException) e).path()).isEqualTo("dataset.options.names[1]"));
        assertThatThrownBy(() -> options.numbers("rates", null))
                .hasMessage("dataset.options.rates[1]: must be a number, was \"x\"");
        assertThatThrownBy(() -> options.integers("widths", null))
                .hasMessage("dataset.options.widths[1]: must be an integer, was 2.5");
    }

    @Test
    void rangesAreInclusiveAndFailWithTheBoundsAndTheValue() {
        Options options = options(Map.of("workers", 11, "limit", -1, "rate", 1.5, "edge", 10));

        assertThat(options.integer("edge", 0, 1, 10)).isEqualTo(10);
        assertThatThrownBy(() -> options.integer("workers", 1, 1, 10))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessage("dataset.options.workers: must be between 1 and 10, was 11");
        assertThatThrownBy(() -> options.integer("limit", 0, 0, Integer.MAX_VALUE))
                .hasMessage("dataset.options.limit: must be >= 0, was -1");
        assertThatThrownBy(() -> options.number("rate", 0.5, 0, 1))
                .hasMessage("dataset.options.rate: must be between 0.0 and 1.0, was 1.5");
    }

    @Test
    void integersOutsideTheirJavaTypeAreErrorsNeverClampedOrWrapped() {
        Options options = options(Map.of("seed", 1e19, "huge", new BigInteger("12345678901234567890123"),
                "max", Long.MAX_VALUE, "min", new BigInteger("-9223372036854775808"), "population", 1e12,
                "whole", new BigDecimal("7.000"), "half", new BigDecimal("7.5")));

        assertThatThrownBy(() -> options.longValue("seed", 0))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessage("dataset.options.seed: must be an integer between -9223372036854775808 and"
                        + " 9223372036854775807 (64 bits), was 10000000000000000000");
        assertThatThrownBy(() -> options.longValue("huge", 0))
                .hasMessageEndingWith("(64 bits), was 12345678901234567890123");
        assertThat(options.longValue("max", 0)).isEqualTo(Long.MAX_VALUE);
        assertThat(options.longValue("min", 0)).isEqualTo(Long.MIN_VALUE);
        assertThatThrownBy(() -> options.integer("max", 0))
                .hasMessage("dataset.options.max: must be an integer between -2147483648 and 2147483647 (32 bits),"
                        + " was 9223372036854775807");
        assertThatThrownBy(() -> options.integer("population", 4, 2, 1000))
                .hasMessage("dataset.options.population: must be between 2 and 1000, was 1000000000000");
        assertThat(options.integer("whole", 0)).isEqualTo(7);
        assertThatThrownBy(() -> options.longValue("half", 0))
                .hasMessage("dataset.options.half: must be an integer, was 7.5");
    }

    @Test
    void nonFiniteNumbersAreRejected() {
        Options options = options(Map.of("rate", Double.NaN, "rates", List.of(Double.POSITIVE_INFINITY)));

        assertThatThrownBy(() -> options.number("rate", 0))
                .hasMessageStartingWith("dataset.options.rate: must be a finite number");
        assertThatThrownBy(() -> options.numbers("rates", null))
                .hasMessageStartingWith("dataset.options.rates[0]: must be a number");
    }

    @Test
    void choicesAndRequiredStringsNameTheirProblem() {
        Options options = options(Map.of("device", "tpu"));

        assertThatThrownBy(() -> options.choice("device", "auto", List.of("auto", "cpu", "gpu")))
                .hasMessage("dataset.options.device: must be one of auto, cpu, gpu, was \"tpu\"");
        assertThatThrownBy(() -> options.requiredString("path"))
                .hasMessage("dataset.options.path: is required");
        assertThat(options(Map.of()).choice("device", "auto", List.of("auto", "cpu"))).isEqualTo("auto");
    }

    @Test
    void nestedObjectsCarryTheirFullPath() {
        Options options = Options.of("backend.options", Map.of("gpu", Map.of("memory", "lots")));

        Options gpu = options.object("gpu");

        assertThat(gpu.path()).isEqualTo("backend.options.gpu");
        assertThatThrownBy(() -> gpu.integer("memory", 0))
                .hasMessage("backend.options.gpu.memory: must be an integer, was \"lots\"");
        assertThat(options.object("absent").path()).isEqualTo("backend.options.absent");
        assertThat(Options.empty("decoder.options").pathOf("kernels")).isEqualTo("decoder.options.kernels");
    }

    @Test
    void finishRejectsAnUnknownKeyNamingItAndTheAcceptedKeys() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("path", "/data");
        values.put("trainLimt", 100);
        Options options = options(values);
        options.string("path", null);
        options.integer("trainLimit", 0);
        options.integer("testLimit", 0);

        assertThatThrownBy(options::finish)
                .isInstanceOf(InvalidOptionException.class)
                .hasMessage("dataset.options.trainLimt: unknown option; accepted: path, trainLimit, testLimit");
    }

    @Test
    void finishWithNothingAskedForSaysNoKeyIsAccepted() {
        assertThatThrownBy(() -> options(Map.of("x", 1)).finish())
                .hasMessage("dataset.options.x: unknown option; accepted: none");
    }

    @Test
    void finishAcceptsEveryKeyThatWasAskedFor() {
        Options options = options(Map.of("path", "/data", "seed", 1));
        options.string("path", null);
        assertThat(options.has("seed")).isTrue();

        options.finish();

        assertThat(options.acceptedKeys()).containsExactly("path", "seed");
    }

    @Test
    void valuesAreACopyTheCallerCannotChange() {
        Map<String, Object> source = new HashMap<>(Map.of("a", 1));
        Options options = options(source);
        source.put("b", 2);

        assertThat(options.values()).containsOnlyKeys("a");
        assertThatThrownBy(() -> options.values().put("c", 3)).isInstanceOf(UnsupportedOperationException.class);
    }
}
