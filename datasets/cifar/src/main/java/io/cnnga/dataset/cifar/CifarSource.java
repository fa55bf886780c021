package io.cnnga.dataset.cifar;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * Where a CIFAR binary version is read from: the folder the archive extracts to, or the official
 * {@code .tar.gz} itself, read in place without extracting it.
 *
 * <pre>{@code
 * CifarSource source = CifarSourceLocator.locate(Path.of("~/data/cifar-10-binary.tar.gz"), CifarFormat.cifar10(), ...);
 * source.read(Set.of("batches.meta.txt"), member -> names = member.in().readAllBytes());
 * }</pre>
 */
interface CifarSource {

    /** The folder or archive, for messages. */
    Path path();

    /**
     * Calls {@code reader} once for each of the files {@code names}, in the order they are stored
     * (an archive is read once, front to back, and no further than its last wanted entry).
     *
     * @throws io.cnnga.api.InvalidDataException when a file is missing or cannot be read
     */
    void read(Set<String> names, MemberReader reader);

    /**
     * The sizes of those of {@code names} that are known without reading: every existing file of a
     * folder; nothing for an archive, whose entries' sizes come one by one as it is read.
     */
    default Map<String, Long> sizesBeforeReading(Set<String> names) {
        return Map.of();
    }

    /** Reads one member; what it throws as {@link IOException} becomes an error naming the member. */
    @FunctionalInterface
    interface MemberReader {
        void read(CifarMember member) throws IOException;
    }
}
