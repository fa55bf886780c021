package io.cnnga.dataset.cifar;

import io.cnnga.api.DataInfo;
import io.cnnga.api.DataSplits;
import io.cnnga.api.Dataset;
import io.cnnga.api.ImageSet;
import io.cnnga.api.InvalidOptionException;
import io.cnnga.api.SplitPolicy;
import io.cnnga.api.support.DataBudget;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * CIFAR-10 or CIFAR-100 from its binary version, split by a {@link SplitPolicy}.
 *
 * <pre>{@code
 * Dataset cifar = new Cifar10DatasetFactory().create(Options.of("dataset.options",
 *         Map.of("path", "/data/cifar-10-binary.tar.gz")));
 * cifar.info();                        // 32x32x3, airplane ... truck (reads batches.meta.txt only)
 * DataSplits splits = cifar.load(42);  // 45,000 / 5,000 / 10,000
 * }</pre>
 *
 * <p>{@link #info()} reads only the label-names file (in an archive, up to that entry);
 * {@link #load} reads the label names, training batches and test batch in one pass, each batch
 * checked against the heap ({@link CifarMemoryCheck}) before it is allocated.
 */
final class CifarDataset implements Dataset {

    private final CifarFormat format;
    private final Path path;
    private final String origin;
    private final SplitPolicy policy;
    private final String validationFractionPath;
    private DataInfo info;

    /**
     * @param format                 which CIFAR, which labels
     * @param path                   the archive, or a folder (see {@link CifarSourceLocator})
     * @param origin                 where the path came from, for messages
     * @param policy                 validation fraction and limits
     * @param validationFractionPath the plan path blamed when the split leaves an empty set
     */
    CifarDataset(CifarFormat format, Path path, String origin, SplitPolicy policy, String validationFractionPath) {
        this.format = format;
        this.path = path;
        this.origin = origin;
        this.policy = policy;
        this.validationFractionPath = validationFractionPath;
    }

    @Override
    public synchronized DataInfo info() {
        if (info == null) {
            List<List<String>> names = new ArrayList<>(1);
            source().read(Set.of(format.labelNamesFile()),
                    member -> names.add(CifarLabelNames.read(member, format.classes())));
            info = infoOf(names.get(0));
        }
        return info;
    }

    @Override
    public DataSplits load(long seed) {
        Set<String> files = new HashSet<>(format.trainFiles());
        files.add(format.testFile());
        files.add(format.labelNamesFile());
        Map<String, CifarBatch> batches = new HashMap<>();
        List<List<String>> names = new ArrayList<>(1);
        CifarSource source = source();
        CifarMemoryCheck memory = new CifarMemoryCheck(format, DataBudget.ofHeap());
        memory.beforeReading(source.path(), source.sizesBeforeReading(files));
        source.read(files, member -> {
            if (member.name().equals(format.labelNamesFile())) {
                names.add(CifarLabelNames.read(member, format.classes()));
            } else {
                memory.admit(member);
                try {
                    batches.put(member.name(), CifarBatchReader.read(member, format));
                } catch (OutOfMemoryError e) {
                    batches.clear();
                    throw memory.budget().outOfMemory(member.file(),
                            member.entry() == null ? "its images" : "entry " + member.entry(), e);
                }
            }
        });
        DataInfo shape;
        synchronized (this) {
            if (info == null) {
                info = infoOf(names.get(0));
            }
            shape = info;
        }
        List<CifarBatch> trainBatches = new ArrayList<>();
        for (String file : format.trainFiles()) {
            trainBatches.add(batches.remove(file));
        }
        DataBudget budget = memory.budget();
        CifarBatch train = budget.guard(path, "the training batches", () -> CifarBatch.concat(trainBatches));
        trainBatches.clear();   // let the per-file copies go before the split copies the images again
        CifarBatch test = batches.remove(format.testFile());
        try {
            return budget.guard(path, "the split copies of its images", () -> policy.apply(
                    new ImageSet(shape, train.pixels(), train.labels()), new ImageSet(shape, test.pixels(), test.labels()),
                    seed));
        } catch (IllegalArgumentException e) {
            throw new InvalidOptionException(validationFractionPath, e.getMessage());
        }
    }

    private CifarSource source() {
        return CifarSourceLocator.locate(path, format, origin);
    }

    private DataInfo infoOf(List<String> classNames) {
        return new DataInfo(format.name(), CifarFormat.SIZE, CifarFormat.SIZE, CifarFormat.CHANNELS, classNames);
    }

    @Override
    public String toString() {
        return format.name() + " from " + path;
    }
}
