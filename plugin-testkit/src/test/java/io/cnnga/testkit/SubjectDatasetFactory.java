package io.cnnga.testkit;

import io.cnnga.api.DataInfo;
import io.cnnga.api.DataSplits;
import io.cnnga.api.Dataset;
import io.cnnga.api.DatasetFactory;
import io.cnnga.api.ImageSet;
import io.cnnga.api.InvalidOptionException;
import io.cnnga.api.Options;
import io.cnnga.api.SplitPolicy;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * A generated dataset for the kit's own tests, correct or with one deliberate bug
 * ({@link Mutation}), so that the mutation tests can show that {@link DatasetContract} catches
 * each bug.
 *
 * <p>{@code size} (default 200) training images and a fifth as many test images, 8×8×1, four
 * classes in turn, each a class pattern over noise and distinct from every other (its first two
 * pixels spell its number); split by {@link SplitPolicy}.
 */
final class SubjectDatasetFactory implements DatasetFactory {

    /** The bug this dataset has. */
    enum Mutation {
        /** None: the dataset keeps the contract. */
        NONE,
        /** Its validation split is the first images of its training split. */
        LEAKS_VALIDATION,
        /** Its validation split is the first images sorted by class: one class only. */
        UNSTRATIFIED,
        /** Splits with a fixed seed, whatever the seed asked for. */
        IGNORES_SEED,
        /** Forgets to fill in the pixels. */
        BLANK_PIXELS,
        /** {@code info()} says 9×8 where the images are 8×8. */
        WRONG_INFO,
        /** Never calls {@code options.finish()}. */
        LAX_OPTIONS,
        /** Blames a bad {@code size} on a path without {@code dataset.options}. */
        WRONG_PATH
    }

    private final String id;
    private final Mutation mutation;

    SubjectDatasetFactory(String id, Mutation mutation) {
        this.id = id;
        this.mutation = mutation;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String description() {
        return "generated 8x8 test images (" + mutation + ")";
    }

    @Override
    public Dataset create(Options options) {
        int size = options.integer("size", 200, 1, 60_000);
        if (size < 20) {
            throw new InvalidOptionException(mutation == Mutation.WRONG_PATH ? "size" : options.pathOf("size"),
                    "must be at least 20, was " + size);
        }
        SplitPolicy policy = SplitPolicy.consume(options);
        if (mutation != Mutation.LAX_OPTIONS) {
            options.finish();
        }
        DataInfo info = DataInfo.of(id, 8, 8, 1, 4);
        return new Dataset() {
            @Override
            public DataInfo info() {
                return mutation == Mutation.WRONG_INFO ? DataInfo.of(id, 9, 8, 1, 4) : info;
            }

            @Override
            public DataSplits load(long seed) {
                ImageSet train = generate(info, 0, size);
                ImageSet test = generate(info, size, Math.max(4, size / 5));
                DataSplits splits = policy.apply(train, test, mutation == Mutation.IGNORES_SEED ? 1L : seed);
                return switch (mutation) {
                    case LEAKS_VALIDATION -> new DataSplits(splits.train(),
                            splits.train().head(splits.validation().size()), splits.test());
                    case UNSTRATIFIED -> byClass(train, splits.validation().size(), splits.test());
                    default -> splits;
                };
            }
        };
    }

    private ImageSet generate(DataInfo info, int first, int count) {
        int per = info.pixelsPerImage();
        byte[] pixels = new byte[count * per];
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            int number = first + i;
            labels[i] = number % 4;
            if (mutation == Mutation.BLANK_PIXELS) {
                continue;
            }
            Random noise = new Random(number);
            for (int p = 0; p < per; p++) {
                boolean pattern = p % 4 == labels[i];
                pixels[i * per + p] = (byte) (noise.nextInt(60) + (pattern ? 150 : 0));
            }
            pixels[i * per] = (byte) (number & 0xFF);
            pixels[i * per + 1] = (byte) (number >> 8);
        }
        return new ImageSet(info, pixels, labels);
    }

    /** The first {@code validation} images sorted by class as validation, the rest as training. */
    private static DataSplits byClass(ImageSet train, int validation, ImageSet test) {
        int[] order = IntStream.range(0, train.size()).boxed()
                .sorted(Comparator.comparingInt(train::label)).mapToInt(Integer::intValue).toArray();
        return new DataSplits(train.subset(Arrays.copyOfRange(order, validation, order.length)),
                train.subset(Arrays.copyOf(order, validation)), test);
    }
}
