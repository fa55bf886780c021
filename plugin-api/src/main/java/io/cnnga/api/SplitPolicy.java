package io.cnnga.api;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * How a dataset's official train and test sets become train, validation and test splits:
 * stratified and seeded, so every class keeps its share and a seed gives the same split anywhere.
 *
 * <pre>{@code
 * SplitPolicy policy = SplitPolicy.consume(options);   // validationFraction, trainLimit, testLimit
 * DataSplits splits = policy.apply(officialTrain, officialTest, seed);
 * }</pre>
 *
 * <p>First {@code trainLimit} images are drawn from the training set (0 = all), then
 * {@code validationFraction} of those are held out for validation; {@code testLimit} draws from
 * the test set (0 = all). Every draw keeps the class proportions (largest remainder). A split
 * left without a class that the training split has is logged as a warning through
 * {@link System.Logger} ({@link #missingClasses} says which).
 *
 * @param validationFraction share of the (limited) training set held out, in (0, 1)
 * @param trainLimit         images taken from the training set, 0 for all
 * @param testLimit          images taken from the test set, 0 for all
 */
public record SplitPolicy(double validationFraction, int trainLimit, int testLimit) {

    public static final double DEFAULT_VALIDATION_FRACTION = 0.1;

    public SplitPolicy {
        if (!(validationFraction > 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("validationFraction must be in (0, 1), was " + validationFraction);
        }
        if (trainLimit < 0 || testLimit < 0) {
            throw new IllegalArgumentException("limits must be >= 0");
        }
    }

    /** Reads {@code validationFraction}, {@code trainLimit} and {@code testLimit} from a dataset's options. */
    public static SplitPolicy consume(Options options) {
        double fraction = options.number("validationFraction", DEFAULT_VALIDATION_FRACTION);
        if (!(fraction > 0 && fraction < 1)) {
            throw new InvalidOptionException(options.pathOf("validationFraction"),
                    "must be greater than 0 and less than 1, was " + fraction);
        }
        int trainLimit = options.integer("trainLimit", 0, 0, Integer.MAX_VALUE);
        int testLimit = options.integer("testLimit", 0, 0, Integer.MAX_VALUE);
        return new SplitPolicy(fraction, trainLimit, testLimit);
    }

    /**
     * The train, validation and test splits of a dataset's official sets; a split left without a
     * class is logged as a warning ({@link #missingClasses}).
     *
     * @throws IllegalArgumentException when the validation fraction leaves the training or validation split empty
     */
    public DataSplits apply(ImageSet officialTrain, ImageSet officialTest, long seed) {
        DataSplits splits = split(officialTrain, officialTest, seed);
        warnAboutMissingClasses(splits);
        return splits;
    }

    /** As {@link #apply}, without the warnings: for a dataset that draws a split of its own from it and checks it itself. */
    public DataSplits split(ImageSet officialTrain, ImageSet officialTest, long seed) {
        Random random = new Random(seed);
        int[] all = range(officialTrain.size());
        int[] limited = trainLimit == 0 || trainLimit >= all.length ? all
                : stratified(officialTrain, all, trainLimit, random);
        int validationSize = (int) Math.round(limited.length * validationFraction);
        if (validationSize < 1 || validationSize >= limited.length) {
            throw new IllegalArgumentException("validationFraction " + validationFraction + " of "
                    + limited.length + " training images leaves an empty split");
        }
        int[] validation = stratified(officialTrain, limited, validationSize, random);
        int[] train = minus(limited, validation);
        int[] testAll = range(officialTest.size());
        int[] test = testLimit == 0 || testLimit >= testAll.length ? testAll
                : stratified(officialTest, testAll, testLimit, new Random(seed ^ 0x7e57L));
        return new DataSplits(officialTrain.subset(train), officialTrain.subset(validation),
                test == testAll ? officialTest : officialTest.subset(test));
    }

    /**
     * The classes a split has none of although the training split has them: a validation split
     * without a class makes fitness blind to it, a test split without one makes the test accuracy
     * silent about it, and a class of one image or two rarely makes it into either.
     *
     * @return one message per split that lacks a class, empty when every class is in every split
     */
    public static List<String> missingClasses(DataSplits splits) {
        int[] train = splits.train().classCounts();
        List<String> messages = new ArrayList<>();
        String validation = missing(splits.validation(), train);
        if (validation != null) {
            messages.add("the validation split has no image of " + validation + ", so fitness cannot reward recognising "
                    + (validation.startsWith("class ") ? "it" : "them")
                    + "; raise validationFraction or trainLimit, or add images");
        }
        String test = missing(splits.test(), train);
        if (test != null) {
            messages.add("the test split has no image of " + test + ", so the test accuracy says nothing about "
                    + (test.startsWith("class ") ? "it" : "them") + "; raise testLimit, or add test images");
        }
        return messages;
    }

    /** Logs {@link #missingClasses} as warnings, through {@link System.Logger} (the engine shows them). */
    private static void warnAboutMissingClasses(DataSplits splits) {
        List<String> messages = missingClasses(splits);
        if (!messages.isEmpty()) {
            System.Logger log = System.getLogger(SplitPolicy.class.getName());
            for (String message : messages) {
                log.log(System.Logger.Level.WARNING, splits.info().name() + ": " + message);
            }
        }
    }

    /** "class \"cat\" (2 training images)", or several, or null when {@code split} has every class of the training split. */
    private static String missing(ImageSet split, int[] train) {
        int[] counts = split.classCounts();
        List<String> absent = new ArrayList<>();
        for (int c = 0; c < counts.length; c++) {
            if (counts[c] == 0 && train[c] > 0) {
                absent.add("\"" + split.info().classNames().get(c) + "\" (" + train[c] + " training image"
                        + (train[c] == 1 ? "" : "s") + ")");
            }
        }
        if (absent.isEmpty()) {
            return null;
        }
        String listed = absent.size() <= 5 ? String.join(", ", absent)
                : String.join(", ", absent.subList(0, 5)) + " and " + (absent.size() - 5) + " more";
        return (absent.size() == 1 ? "class " : absent.size() + " classes: ") + listed;
    }

    /**
     * A stratified, seeded sample of {@code count} images of {@code set} (all of it when it holds
     * no more), in stored order: e.g. the subset of the training split a search trains on.
     */
    public static ImageSet sample(ImageSet set, int count, long seed) {
        if (count >= set.size()) {
            return set;
        }
        return set.subset(stratified(set, range(set.size()), count, new Random(seed)));
    }

    /** {@code count} of {@code pool}, each class in proportion, returned in ascending order. */
    static int[] stratified(ImageSet set, int[] pool, int count, Random random) {
        int classes = set.info().classes();
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            byClass.add(new ArrayList<>());
        }
        for (int i : pool) {
            byClass.get(set.label(i)).add(i);
        }
        int[] quota = new int[classes];
        double[] remainder = new double[classes];
        int given = 0;
        for (int c = 0; c < classes; c++) {
            double exact = (double) count * byClass.get(c).size() / pool.length;
            quota[c] = (int) Math.floor(exact);
            remainder[c] = exact - quota[c];
            given += quota[c];
        }
        Integer[] order = new Integer[classes];
        Arrays.setAll(order, c -> c);
        Arrays.sort(order, (a, b) -> remainder[a] != remainder[b] ? Double.compare(remainder[b], remainder[a]) : a - b);
        for (int k = 0; given < count; k = (k + 1) % classes) {
            int c = order[k];
            if (quota[c] < byClass.get(c).size()) {
                quota[c]++;
                given++;
            }
        }
        int[] chosen = new int[count];
        int n = 0;
        for (int c = 0; c < classes; c++) {
            int[] members = byClass.get(c).stream().mapToInt(Integer::intValue).toArray();
            ImageSet.shuffle(members, random);
            System.arraycopy(members, 0, chosen, n, quota[c]);
            n += quota[c];
        }
        Arrays.sort(chosen);
        return chosen;
    }

    private static int[] range(int n) {
        int[] a = new int[n];
        Arrays.setAll(a, i -> i);
        return a;
    }

    private static int[] minus(int[] sortedAll, int[] sortedRemoved) {
        int[] out = new int[sortedAll.length - sortedRemoved.length];
        int r = 0;
        int n = 0;
        for (int i : sortedAll) {
            if (r < sortedRemoved.length && sortedRemoved[r] == i) {
                r++;
            } else {
                out[n++] = i;
            }
        }
        return out;
    }
}
