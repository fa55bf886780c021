package io.cnnga.api;


import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SplitPolicyTest {

    /** 2×2×1 images: three of the four bytes spell the image's id, so a split tells which images it holds. */
    private static final DataInfo INFO = DataInfo.of("synthetic", 2, 2, 1, 10);

    private static final ImageSet OFFICIAL_TRAIN = synthetic(60_000, 0, 11L);
    private static final ImageSet OFFICIAL_TEST = synthetic(10_000, 1_000_000, 12L);

    /**
     * {@code n} images with ids from {@code firstId}; classes deliberately unbalanced (class c is drawn
     * about 2c + 1 times in 100), so that proportional sampling is visible.
     */
    private static ImageSet synthetic(int n, int firstId, long seed) {
        Random random = new Random(seed);
        byte[] pixels = new byte[n * 4];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            int id = firstId + i;
            pixels[4 * i] = (byte) (id >>> 16);
            pixels[4 * i + 1] = (byte) (id >>> 8);
            pixels[4 * i + 2] = (byte) id;
            labels[i] = (int) Math.sqrt(random.nextInt(100));
        }
        return new ImageSet(INFO, pixels, labels);
    }

    private static int id(ImageSet set, int index) {
        return set.pixel(index, 0, 0, 0) << 16 | set.pixel(index, 0, 1, 0) << 8 | set.pixel(index, 1, 0, 0);
    }

    private static Set<Integer> ids(ImageSet set) {
        Set<Integer> ids = new HashSet<>();
        for (int i = 0; i < set.size(); i++) {
            ids.add(id(set, i));
        }
        assertThat(ids).as("no image twice").hasSize(set.size());
        return ids;
    }

    /** Each class's count in {@code sample} is its share of {@code population}, give or take 1. */
    private static void assertProportional(ImageSet sample, ImageSet population) {
        int[] drawn = sample.classCounts();
        int[] all = population.classCounts();
        for (int c = 0; c < all.length; c++) {
            double exact = (double) all[c] * sample.size() / population.size();
            assertThat((double) drawn[c]).as("class %d", c).isCloseTo(exact, within(1.0));
        }
    }

    @Test
    void holdsOutATenthOfSixtyThousandForValidation() {
        DataSplits splits = new SplitPolicy(0.1, 0, 0).apply(OFFICIAL_TRAIN, OFFICIAL_TEST, 42L);

        assertThat(splits.train().size()).isEqualTo(54_000);
        assertThat(splits.validation().size()).isEqualTo(6_000);
        assertThat(splits.test().size()).isEqualTo(10_000);
        assertThat(splits.info()).isEqualTo(INFO);
    }

    @Test
    void keepsEveryClassesShareWithinOneImage() {
        DataSplits splits = new SplitPolicy(0.1, 0, 0).apply(OFFICIAL_TRAIN, OFFICIAL_TEST, 42L);

        assertProportional(splits.validation(), OFFICIAL_TRAIN);
        assertProportional(splits.train(), OFFICIAL_TRAIN);
        int[] train = splits.train().classCounts();
        int[] validation = splits.validation().classCounts();
        int[] all = OFFICIAL_TRAIN.classCounts();
        for (int c = 0; c < all.length; c++) {
            assertThat(train[c] + validation[c]).isEqualTo(all[c]);
        }
    }

    @Test
    void trainAndValidationAreDisjointAndTogetherTheWholeTrainingSet() {
        DataSplits splits = new SplitPolicy(0.1, 0, 0).apply(OFFICIAL_TRAIN, OFFICIAL_TEST, 42L);

        Set<Integer> train = ids(splits.train());
        Set<Integer> validation = ids(splits.validation());

        // Collections.disjoint on hash sets: AssertJ's doesNotContainAnyElementsOf is quadratic here
        assertThat(Collections.disjoint(train, validation)).isTrue();
        Set<Integer> union = new HashSet<>(train);
        union.addAll(validation);
        assertThat(union).isEqualTo(ids(OFFICIAL_TRAIN));
    }

    @Test
    void theSameSeedGivesTheSameSplitAndAnotherSeedADifferentOne() {
        SplitPolicy policy = new SplitPolicy(0.1, 12_000, 2_000);

        DataSplits first = policy.apply(OFFICIAL_TRAIN, OFFICIAL_TEST, 42L);
        DataSplits again = policy.apply(OFFICIAL_TRAIN, OFFICIAL_TEST, 42L);
        DataSplits other = policy.apply(OFFICIAL_TRAIN, OFFICIAL_TEST, 43L);

        assertThat(ids(again.train())).isEqualTo(ids(first.train()));
        assertThat(ids(again.validation())).isEqualTo(ids(first.validation()));
        assertThat(ids(again.test())).isEqualTo(ids(first.test()));
        assertThat(ids(other.validation())).isNotEqualTo(ids(first.validation()));
        assertThat(ids(other.train())).isNotEqualTo(ids(first.train()));
        assertThat(ids(other.test())).isNotEqualTo(ids(first.test()));
    }

    @Test
    void limitsDrawProportionallyFromTheOfficialSets() {
        DataSplits splits = new SplitPolicy(0.1, 12_000, 2_000).apply(OFFICIAL_TRAIN, OFFICIAL_TEST, 7L);

        assertThat(splits.train().size()).isEqualTo(10_800);
        assertThat(splits.validation().size()).isEqualTo(1_200);
        assertThat(splits.test().size()).isEqualTo(2_000);
        assertProportional(splits.validation(), OFFICIAL_TRAIN);
        assertProportional(splits.test(), OFFICIAL_TEST);
        assertThat(ids(OFFICIAL_TEST)).containsAll(ids(splits.test()));
        assertThat(Collections.disjoint(ids(splits.train()), ids(splits.validation()))).isTrue();
    }

    @Test
    void limitsAtOrAboveTheSetSizeTakeEverything() {
        DataSplits splits = new SplitPolicy(0.1, 60_000, 99_999).apply(OFFICIAL_TRAIN, OFFICIAL_TEST, 7L);

        assertThat(splits.train().size() + splits.validation().size()).isEqualTo(60_000);
        assertThat(splits.test()).isSameAs(OFFICIAL_TEST);
    }

    @Test
    void aFractionThatLeavesASplitEmptyIsRejected() {
        ImageSet five = synthetic(5, 0, 1L);

        assertThatThrownBy(() -> new SplitPolicy(0.01, 0, 0).apply(five, five, 1L))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("leaves an empty split");
    }

    @Test
    void readsItsSettingsFromDatasetOptions() {
        Options options = Options.of("dataset.options",
                Map.of("validationFraction", 0.2, "trainLimit", 1000, "testLimit", 500));

        assertThat(SplitPolicy.consume(options)).isEqualTo(new SplitPolicy(0.2, 1000, 500));
        assertThat(options.acceptedKeys()).containsExactlyInAnyOrderElementsOf(
                List.of("validationFraction", "trainLimit", "testLimit"));
        assertThat(SplitPolicy.consume(Options.empty("dataset.options")))
                .isEqualTo(new SplitPolicy(SplitPolicy.DEFAULT_VALIDATION_FRACTION, 0, 0));
    }

    @Test
    void badSettingsFailAtTheirPath() {
        assertThatThrownBy(() -> SplitPolicy.consume(Options.of("dataset.options", Map.of("validationFraction", 1))))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessage("dataset.options.validationFraction: must be greater than 0 and less than 1, was 1.0");
        assertThatThrownBy(() -> SplitPolicy.consume(Options.of("dataset.options", Map.of("trainLimit", -5))))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessage("dataset.options.trainLimit: must be >= 0, was -5");
        assertThatThrownBy(() -> new SplitPolicy(0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSplitWithoutAClassIsNamedAndLoggedAsAWarning() {
        // Class 9 has 1 of 199 training images: the 20 validation images go to the larger classes; the test set has none.
        DataInfo info = DataInfo.of("tiny", 1, 1, 1, 10);
        int[] trainLabels = new int[199];
        for (int i = 0; i < 198; i++) {
            trainLabels[i] = i % 9;
        }
        trainLabels[198] = 9;
        ImageSet train = new ImageSet(info, new byte[199], trainLabels);
        ImageSet test = new ImageSet(info, new byte[9], new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8});
        List<String> logged = new ArrayList<>();
        java.util.logging.Logger jul = java.util.logging.Logger.getLogger(SplitPolicy.class.getName());
        java.util.logging.Handler capture = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                logged.add(record.getLevel() + " " + record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        jul.addHandler(capture);
        try {
            DataSplits splits = new SplitPolicy(0.1, 0, 0).apply(train, test, 5L);

            assertThat(splits.validation().classCounts()[9]).isZero();
            assertThat(SplitPolicy.missingClasses(splits)).containsExactly(
                    "the validation split has no image of class \"9\" (1 training image), so fitness cannot reward"
                            + " recognising it; raise validationFraction or trainLimit, or add images",
                    "the test split has no image of class \"9\" (1 training image), so the test accuracy says nothing"
                            + " about it; raise testLimit, or add test images");
            assertThat(logged).containsExactly(
                    "WARNING tiny: " + SplitPolicy.missingClasses(splits).get(0),
                    "WARNING tiny: " + SplitPolicy.missingClasses(splits).get(1));
        } finally {
            jul.removeHandler(capture);
        }
        assertThat(SplitPolicy.missingClasses(new SplitPolicy(0.1, 0, 0).apply(OFFICIAL_TRAIN, OFFICIAL_TEST, 1L)))
                .isEmpty();
        int[] threeEach = new int[30];
        Arrays.setAll(threeEach, i -> i % 10);
        ImageSet balanced = new ImageSet(info, new byte[30], threeEach);
        assertThat(SplitPolicy.missingClasses(new SplitPolicy(0.1, 0, 0).split(balanced, balanced, 1L)))
                .containsExactly("the validation split has no image of 7 classes: \"3\" (3 training images), \"4\" (3"
                        + " training images), \"5\" (3 training images), \"6\" (3 training images), \"7\" (3 training"
                        + " images) and 2 more, so fitness cannot reward recognising them; raise validationFraction or"
                        + " trainLimit, or add images");
    }
}
