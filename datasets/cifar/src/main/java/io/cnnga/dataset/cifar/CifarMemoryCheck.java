package io.cnnga.dataset.cifar;

import io.cnnga.api.InvalidDataException;
import io.cnnga.api.support.DataBudget;

import java.nio.file.Path;
import java.util.Map;

/**
 * Keeps a CIFAR load within the heap: the batches' sizes are checked against the
 * {@link DataBudget} before their arrays are allocated, all at once when they are known before
 * reading (a folder), else one member at a time as an archive reveals them.
 *
 * <pre>{@code
 * CifarMemoryCheck check = new CifarMemoryCheck(format, DataBudget.ofHeap());
 * check.beforeReading(source.path(), source.sizesBeforeReading(files));   // five sparse 2 GB files: fails here
 * source.read(files, member -> { check.admit(member); ... CifarBatchReader.read(member, format) ... });
 * }</pre>
 *
 * <p>What a load holds at its peak is {@link DataBudget#loadBytes}: the batches as read (their
 * concatenation replaces them one for one) and the split's copies. The training batches together
 * must also fit one Java array.
 */
final class CifarMemoryCheck {

    /** The largest Java array the JVM reliably allocates. */
    static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

    private final CifarFormat format;
    private final DataBudget budget;
    private long trainImages;
    private long testImages;

    CifarMemoryCheck(CifarFormat format, DataBudget budget) {
        this.format = format;
        this.budget = budget;
    }

    DataBudget budget() {
        return budget;
    }

    /**
     * Checks the batch files whose sizes are known before reading.
     *
     * @param folder where they are, to name each file
     * @param sizes  file name to size in bytes (label files and missing files are ignored)
     */
    void beforeReading(Path folder, Map<String, Long> sizes) {
        long train = 0;
        long test = 0;
        String largest = null;
        for (Map.Entry<String, Long> file : sizes.entrySet()) {
            long images = file.getValue() / format.recordBytes();
            if (format.trainFiles().contains(file.getKey())) {
                train += images;
            } else if (file.getKey().equals(format.testFile())) {
                test = images;
            } else {
                continue;
            }
            if (largest == null || file.getValue() > sizes.get(largest)) {
                largest = file.getKey();
            }
        }
        if (largest != null) {
            check(folder.resolve(largest), train, test, "this batch file and the others hold " + (train + test)
                    + " images");
        }
    }

    /** Admits one member about to be read, or fails naming it; members are counted as they come. */
    void admit(CifarMember member) {
        long images = member.size() / format.recordBytes();
        long train = trainImages;
        long test = testImages;
        if (format.trainFiles().contains(member.name())) {
            train += images;
        } else if (member.name().equals(format.testFile())) {
            test += images;
        } else {
            return;
        }
        String which = member.entry() == null ? "this batch file" : "entry " + member.entry();
        check(member.file(), train, test, which + " and the batches before it hold " + (train + test) + " images");
        trainImages = train;
        testImages = test;
    }

    private void check(Path file, long train, long test, String what) {
        budget.require(file, DataBudget.loadBytes(train, test, CifarFormat.PIXELS), what + " of 32x32x3");
        if (train * CifarFormat.PIXELS > MAX_ARRAY) {
            throw new InvalidDataException(file, what + "; the " + train + " training images would take "
                    + train * CifarFormat.PIXELS + " bytes, more than one Java array holds; the file is damaged or"
                    + " not " + format.title() + " (" + format.howToGetIt() + ")");
        }
    }
}
