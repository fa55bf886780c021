package io.cnnga.dataset.idx;

import io.cnnga.api.DataInfo;
import io.cnnga.api.DataSplits;
import io.cnnga.api.Dataset;
import io.cnnga.api.ImageSet;
import io.cnnga.api.InvalidDataException;
import io.cnnga.api.InvalidOptionException;
import io.cnnga.api.Preprocessing;
import io.cnnga.api.SplitPolicy;
import io.cnnga.api.support.DataBudget;

import java.nio.file.Path;
import java.util.List;

/**
 * An MNIST-style dataset: the four idx files of one folder, split by a {@link SplitPolicy}.
 *
 * <pre>{@code
 * Dataset data = new FashionMnistDatasetFactory().create(Options.empty("dataset.options"));
 * data.info();                       // reads one header: 28x28x1, 10 classes
 * DataSplits splits = data.load(42); // 54,000 / 6,000 / 10,000
 * }</pre>
 *
 * <p>{@link #info()} reads only the training images' 16-byte header; {@link #load} reads the four
 * headers first, checks that their counts and shapes agree and that the images fit the
 * {@link DataBudget} of this JVM's heap, then reads the files and checks every label.
 */
final class IdxDataset implements Dataset {

    private final String name;
    private final Path folder;
    private final List<String> classNames;
    private final SplitPolicy policy;
    private final String validationFractionPath;
    private final String howToGetThem;
    private DataInfo info;

    /**
     * @param name                   the dataset's id, e.g. {@code fashion-mnist}
     * @param folder                 where the idx files are
     * @param classNames             one name per label value
     * @param policy                 validation fraction and limits
     * @param validationFractionPath the plan path blamed when the split leaves an empty set
     * @param howToGetThem           how a user gets the files, for the error when they are missing
     */
    IdxDataset(String name, Path folder, List<String> classNames, SplitPolicy policy,
               String validationFractionPath, String howToGetThem) {
        this.name = name;
        this.folder = folder;
        this.classNames = List.copyOf(classNames);
        this.policy = policy;
        this.validationFractionPath = validationFractionPath;
        this.howToGetThem = howToGetThem;
    }

    @Override
    public synchronized DataInfo info() {
        if (info == null) {
            IdxImageShape shape = IdxReader.readImageShape(IdxFiles.in(folder, howToGetThem).trainImages());
            info = new DataInfo(name, shape.rows(), shape.cols(), 1, classNames);
        }
        return info;
    }

    @Override
    public Preprocessing preprocessing() {
        DataInfo shape = info();
        return Preprocessing.stored(shape, "idx bytes as stored (grey, " + shape.height() + "x" + shape.width()
                + ", 0 = black), divided by 255");
    }

    @Override
    public DataSplits load(long seed) {
        DataInfo shape = info();
        IdxFiles files = IdxFiles.in(folder, howToGetThem);
        // Every header first: counts that disagree, or more data than the heap holds, fail before
        // a byte of pixels is allocated.
        int train = promisedImages(shape, files.trainImages(), files.trainLabels());
        int test = promisedImages(shape, files.testImages(), files.testLabels());
        DataBudget budget = DataBudget.ofHeap();
        long need = DataBudget.loadBytes(train, test, shape.pixelsPerImage()) + Math.max(train, test);
        Path largest = train >= test ? files.trainImages() : files.testImages();
        budget.require(largest, need, "its header's " + Math.max(train, test) + " images of " + shape.height()
                + "x" + shape.width() + " (with the " + Math.min(train, test) + " of "
                + (train >= test ? files.testImages() : files.trainImages()).getFileName() + ")");
        ImageSet trainSet = read(budget, shape, files.trainImages(), files.trainLabels());
        ImageSet testSet = read(budget, shape, files.testImages(), files.testLabels());
        try {
            return budget.guard(largest, "the split copies of its images", () -> policy.apply(trainSet, testSet, seed));
        } catch (IllegalArgumentException e) {
            throw new InvalidOptionException(validationFractionPath, e.getMessage());
        }
    }

    /** The image count both headers of a pair promise, after checking that they agree with each other and the shape. */
    private static int promisedImages(DataInfo shape, Path imagesFile, Path labelsFile) {
        IdxImageShape images = IdxReader.readPromisedImages(imagesFile);
        if (images.rows() != shape.height() || images.cols() != shape.width()) {
            throw new InvalidDataException(imagesFile, "images are " + images.rows() + "x" + images.cols()
                    + " but the training images are " + shape.height() + "x" + shape.width());
        }
        int labels = IdxReader.readPromisedLabels(labelsFile);
        if (labels != images.count()) {
            throw new InvalidDataException(labelsFile, "its header promises " + labels + " labels but "
                    + imagesFile.getFileName() + " promises " + images.count() + " images; one of the two is damaged");
        }
        return images.count();
    }

    private ImageSet read(DataBudget budget, DataInfo shape, Path imagesFile, Path labelsFile) {
        IdxImages images = budget.guard(imagesFile, "its pixels", () -> IdxReader.readImages(imagesFile));
        if (images.shape().rows() != shape.height() || images.shape().cols() != shape.width()) {
            throw new InvalidDataException(imagesFile, "images are " + images.shape().rows() + "x"
                    + images.shape().cols() + " but the training images are " + shape.height() + "x" + shape.width());
        }
        int[] labels = budget.guard(labelsFile, "its labels", () -> IdxReader.readLabels(labelsFile, classNames.size()));
        if (labels.length != images.shape().count()) {
            throw new InvalidDataException(labelsFile, "holds " + labels.length + " labels but "
                    + imagesFile.getFileName() + " holds " + images.shape().count() + " images");
        }
        return new ImageSet(shape, images.pixels(), labels);
    }

    @Override
    public String toString() {
        return name + " from " + folder;
    }
}
