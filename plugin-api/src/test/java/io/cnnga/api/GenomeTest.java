package io.cnnga.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class GenomeTest {

    @Test
    void indexZeroIsTheLeftmostCharacter() {
        Genome genome = Genome.of("1000");

        assertThat(genome.length()).isEqualTo(4);
        assertThat(genome.bit(0)).isTrue();
        assertThat(genome.bit(1)).isFalse();
        assertThat(genome.bit(3)).isFalse();
    }

    @Test
    void fieldsAreReadMostSignificantBitFirst() {
        Genome genome = Genome.of("01010001110010011100");

        assertThat(genome.field(0, 2)).isEqualTo(0b01);
        assertThat(genome.field(6, 3)).isEqualTo(0b011);
        assertThat(genome.field(9, 2)).isEqualTo(0b10);
        assertThat(Genome.of("110").field(0, 3)).isEqualTo(6);
        assertThat(Genome.of("011").field(0, 3)).isEqualTo(3);
        assertThat(genome.field(0, 20)).isEqualTo(0b01010001110010011100);
    }

    @Test
    void fieldsOutsideTheGenomeAreRejected() {
        Genome genome = Genome.of("0101");

        assertThatThrownBy(() -> genome.field(3, 2))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageContaining("[3, 5)")
                .hasMessageContaining("4 bits");
        assertThatThrownBy(() -> genome.field(-1, 1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> genome.field(0, 0)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void charactersOtherThanZeroAndOneAreRejectedWithTheirIndex() {
        assertThatThrownBy(() -> Genome.of("01x1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'x' at index 2");
        assertThatThrownBy(() -> Genome.of("01 1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Genome.of("0121")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anEmptyGenomeIsRejected() {
        assertThatThrownBy(() -> Genome.of("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Genome(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void booleansBuildTheSameGenomeAsItsString() {
        assertThat(Genome.of(false, true, true, false)).isEqualTo(Genome.of("0110"));
        assertThat(Genome.of("0110")).hasToString("0110");
    }

    @Test
    void randomGenomesAreReproducibleForASeed() {
        Genome first = Genome.random(20, new Random(7));
        Genome again = Genome.random(20, new Random(7));
        Genome other = Genome.random(20, new Random(8));

        assertThat(first.length()).isEqualTo(20);
        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
    }
}
