package io.cnnga.dataset.cifar;

import java.util.List;

/**
 * One variant of the CIFAR binary version: its files, its record layout and which label it uses.
 *
 * <pre>{@code
 * CifarFormat format = CifarFormat.cifar100(true);   // CIFAR-100 with its 20 coarse labels
 * format.recordBytes();                               // 3074: coarse label, fine label, 3072 pixels
 * }</pre>
 *
 * <p>A record is its label bytes followed by a 32×32 colour image stored channel-planar: 1024 red
 * bytes, 1024 green, 1024 blue, each plane row-major. CIFAR-10 records have one label byte;
 * CIFAR-100 records have two, coarse then fine.
 *
 * @param name            the dataset's name in {@link io.cnnga.api.DataInfo}
 * @param title           how people write it, for messages: "CIFAR-10"
 * @param archive         the official download: {@code cifar-10-binary.tar.gz}
 * @param folder          the folder the archive extracts to: {@code cifar-10-batches-bin}
 * @param environment     the environment variable that may hold the path: {@code CIFAR10_DIR}
 * @param trainFiles      the training batches, in the order their images are concatenated
 * @param testFile        the test batch
 * @param labelNamesFile  one class name per line, index = label
 * @param labelClasses    for each label byte of a record, how many classes it has
 * @param labelIndex      which label byte this dataset uses
 */
record CifarFormat(String name, String title, String archive, String folder, String environment,
                   List<String> trainFiles, String testFile, String labelNamesFile,
                   List<Integer> labelClasses, int labelIndex) {

    static final int SIZE = 32;
    static final int CHANNELS = 3;
    static final int PLANE = SIZE * SIZE;
    static final int PIXELS = PLANE * CHANNELS;
    /** Where to get it, for the error when it is missing. */
    static final String DOWNLOAD_PAGE = "https://www.cs.toronto.edu/~kriz/cifar.html";

    CifarFormat {
        trainFiles = List.copyOf(trainFiles);
        labelClasses = List.copyOf(labelClasses);
    }

    static CifarFormat cifar10() {
        return new CifarFormat("cifar10", "CIFAR-10", "cifar-10-binary.tar.gz", "cifar-10-batches-bin",
                "CIFAR10_DIR", List.of("data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin",
                        "data_batch_4.bin", "data_batch_5.bin"), "test_batch.bin", "batches.meta.txt",
                List.of(10), 0);
    }

    /** CIFAR-100 with its 20 coarse (superclass) labels, or its 100 fine ones. */
    static CifarFormat cifar100(boolean coarse) {
        return new CifarFormat(coarse ? "cifar100-coarse" : "cifar100", "CIFAR-100", "cifar-100-binary.tar.gz",
                "cifar-100-binary", "CIFAR100_DIR", List.of("train.bin"), "test.bin",
                coarse ? "coarse_label_names.txt" : "fine_label_names.txt", List.of(20, 100), coarse ? 0 : 1);
    }

    /** Label bytes plus pixel bytes. */
    int recordBytes() {
        return labelClasses.size() + PIXELS;
    }

    /** Classes of the label this dataset uses. */
    int classes() {
        return labelClasses.get(labelIndex);
    }

    /** "1 label byte" or "2 label bytes (coarse, fine)", for messages about the record layout. */
    String recordLayout() {
        String labels = labelClasses.size() == 1 ? "1 label byte" : labelClasses.size() + " label bytes (coarse, fine)";
        return recordBytes() + "-byte records: " + labels + " + " + PIXELS + " pixel bytes";
    }

    /** What to do when the data is not there: where to download it and where to put it. */
    String howToGetIt() {
        return "download the " + title + " binary version (" + archive + ") from " + DOWNLOAD_PAGE
                + " and set dataset.options.path or the " + environment + " environment variable to the "
                + archive + " file or to the " + folder + " folder it extracts to";
    }
}
