package io.cnnga.engine.evolution;

import io.cnnga.api.Genome;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/** Finding valid genomes: nearest to a child (what repair keeps of its parents), and at random. */
class GenomeSpaceTest {

    /** Valid: at most 5 ones in the first 12 bits (a budget most genomes break), and bit 19 clear. */
    static Optional<String> sparse(Genome g) {
        long ones = g.bits().substring(0, 12).chars().filter(c -> c == '1').count();
        return ones <= 5 && !g.bit(19) ? Optional.empty() : Optional.of("over budget");
    }

    static int distance(Genome a, Genome b) {
        int d = 0;
        for (int i = 0; i < a.length(); i++) {
            d += a.bit(i) != b.bit(i) ? 1 : 0;
        }
        return d;
    }

    static Genome flip(Genome g, int bit) {
        char[] c = g.bits().toCharArray();
        c[bit] = c[bit] == '0' ? '1' : '0';
        return Genome.of(new String(c));
    }

    @Test
    void aChildOneFlipFromAValidParentIsRepairedWithinTwoFlipsOfItself() {
        for (Function<Genome, Optional<String>> rule : java.util.List.<Function<Genome, Optional<String>>>of(
                GenomeSpaceTest::sparse, g -> g.bits().chars().filter(c -> c == '1').count() <= 9
                        ? Optional.empty() : Optional.of("too many"))) {
            GenomeSpace space = new GenomeSpace(20, rule);
            Random random = new Random(1);
            int checked = 0;
            while (checked < 300) {
                Genome parent = space.randomGenome(new SplittableRandom(random.nextLong()));
                if (!space.valid(parent)) {
                    continue;
                }
                Genome child = flip(parent, random.nextInt(20));
                Genome repaired = space.nearestValid(child, g -> false, new SplittableRandom(checked)).orElseThrow();
                assertThat(space.valid(repaired)).isTrue();
                assertThat(distance(child, repaired)).as(child + " -> " + repaired).isLessThanOrEqualTo(2);
                if (space.valid(child)) {
                    assertThat(repaired).isEqualTo(child);
                }
                checked++;
            }
        }
    }

    @Test
    void nearestIsTheLeastFlipsAwayAndTiesFollowTheRandomStream() {
        GenomeSpace space = new GenomeSpace(20, GenomeSpaceTest::sparse);
        assertThat(space.searchRadius()).isEqualTo(4);
        Genome child = Genome.of("11111110000000000001");   // 7 ones up front and bit 19: 3 flips from valid
        Genome a = space.nearestValid(child, g -> false, new SplittableRandom(7)).orElseThrow();
        Genome b = space.nearestValid(child, g -> false, new SplittableRandom(7)).orElseThrow();
        assertThat(a).isEqualTo(b);
        assertThat(distance(child, a)).isEqualTo(3);
        Set<Genome> ties = new HashSet<>();
        for (int s = 0; s < 50; s++) {
            ties.add(space.nearestValid(child, g -> false, new SplittableRandom(s)).orElseThrow());
        }
        // bit 19 and two of the seven ones: 21 genomes at 3 flips
        assertThat(ties).hasSizeGreaterThan(10).allMatch(g -> distance(child, g) == 3 && space.valid(g));
        Genome far = Genome.of("11111111111100000001");    // 8 flips from valid: beyond the radius
        assertThat(space.nearestValid(far, g -> false, new SplittableRandom(7))).isEmpty();
    }

    @Test
    void excludedGenomesAreSkippedForTheNextNearest() {
        GenomeSpace space = new GenomeSpace(20, GenomeSpaceTest::sparse);
        Genome valid = Genome.of("11100000000000000000");
        assertThat(space.nearestValid(valid, g -> false, new SplittableRandom(1))).contains(valid);
        Genome other = space.nearestValid(valid, valid::equals, new SplittableRandom(1)).orElseThrow();
        assertThat(distance(valid, other)).isEqualTo(1);
    }

    @Test
    void longGenomesAreSearchedAroundTheChildAndGiveUpBeyondTheRadius() {
        GenomeSpace space = new GenomeSpace(40, g -> g.bits().chars().filter(c -> c == '1').count() <= 10
                ? Optional.empty() : Optional.of("too many"));
        assertThat(space.searchRadius()).isEqualTo(3);
        Genome child = Genome.of("1".repeat(12) + "0".repeat(28));
        Genome repaired = space.nearestValid(child, g -> false, new SplittableRandom(3)).orElseThrow();
        assertThat(distance(child, repaired)).isEqualTo(2);
        Genome far = Genome.of("1".repeat(20) + "0".repeat(20));   // 10 flips away
        assertThat(space.nearestValid(far, g -> false, new SplittableRandom(3))).isEmpty();
    }

    @Test
    void aGenomeTheDecoderCannotBuildIsInvalidWithTheReason() {
        GenomeSpace space = new GenomeSpace(4, g -> {
            if (g.bit(0)) {
                throw new IllegalArgumentException("a 7x7 kernel does not fit a 2x2 input");
            }
            return Optional.empty();
        });
        assertThat(space.valid(Genome.of("1000"))).isFalse();
        assertThat(space.problem(Genome.of("1000"))).contains(GenomeSpace.NOT_BUILDABLE + "a 7x7 kernel does not fit a 2x2 input");
        assertThat(space.validShare(4000, new SplittableRandom(1))).isCloseTo(0.5, org.assertj.core.api.Assertions.within(0.03));
    }
}
