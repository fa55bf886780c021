package io.cnnga.dataset.cifar;

import io.cnnga.api.InvalidDataException;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds a CIFAR binary version from the path a user gave, whichever of the usual places it names.
 *
 * <pre>{@code
 * CifarSource source = CifarSourceLocator.locate(Path.of("/data"), CifarFormat.cifar10(), "dataset.options.path");
 * // /data/cifar-10-binary.tar.gz, or /data/cifar-10-batches-bin/, or /data itself if it holds data_batch_1.bin
 * }</pre>
 *
 * <p>Accepted, in this order: the {@code .tar.gz} file itself; a folder holding the batches; a
 * folder holding the extracted folder ({@code cifar-10-batches-bin}); a folder holding the
 * official archive ({@code cifar-10-binary.tar.gz}). So the download folder works before and
 * after extracting.
 */
final class CifarSourceLocator {

    private CifarSourceLocator() {
    }

    /**
     * @param path   what the user gave
     * @param format which CIFAR
     * @param origin where the path came from, for messages: {@code dataset.options.path} or the variable
     * @throws InvalidDataException naming the path, saying where to download the data and where to put it
     */
    static CifarSource locate(Path path, CifarFormat format, String origin) {
        if (Files.isRegularFile(path)) {
            return new CifarArchiveSource(path, format);
        }
        if (!Files.isDirectory(path)) {
            throw new InvalidDataException(path, "does not exist (from " + origin + "); " + format.howToGetIt());
        }
        if (Files.isRegularFile(path.resolve(format.testFile()))) {
            return new CifarFolderSource(path, format);
        }
        Path extracted = path.resolve(format.folder());
        if (Files.isDirectory(extracted)) {
            return new CifarFolderSource(extracted, format);
        }
        Path archive = path.resolve(format.archive());
        if (Files.isRegularFile(archive)) {
            return new CifarArchiveSource(archive, format);
        }
        throw new InvalidDataException(path, "holds no " + format.title() + " binary version (looked for "
                + format.testFile() + ", " + format.folder() + "/ and " + format.archive() + " in it, from "
                + origin + "); " + format.howToGetIt());
    }
}
