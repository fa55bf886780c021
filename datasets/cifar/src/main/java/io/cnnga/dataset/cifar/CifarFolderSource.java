package io.cnnga.dataset.cifar;

import io.cnnga.api.InvalidDataException;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The extracted CIFAR binary version: a folder such as {@code cifar-10-batches-bin} holding the
 * {@code .bin} batches and the label names.
 *
 * <pre>{@code
 * CifarSource source = new CifarFolderSource(Path.of("/data/cifar-10-batches-bin"), CifarFormat.cifar10());
 * }</pre>
 *
 * @param path   the folder
 * @param format what the files are, for the hint when one is missing
 */
record CifarFolderSource(Path path, CifarFormat format) implements CifarSource {

    private static final int BUFFER = 1 << 16;

    @Override
    public Map<String, Long> sizesBeforeReading(Set<String> names) {
        Map<String, Long> sizes = new TreeMap<>();
        for (String name : names) {
            Path file = path.resolve(name);
            try {
                if (Files.isRegularFile(file)) {
                    sizes.put(name, Files.size(file));
                }
            } catch (IOException e) {
                // read() names the file when it cannot read it.
            }
        }
        return sizes;
    }

    @Override
    public void read(Set<String> names, MemberReader reader) {
        for (String name : new TreeSet<>(names)) {
            Path file = path.resolve(name);
            if (!Files.isRegularFile(file)) {
                throw new InvalidDataException(file, "missing: the " + format.title() + " binary version has "
                        + name + " in " + format.folder() + "; " + format.howToGetIt());
            }
            try (InputStream in = new BufferedInputStream(Files.newInputStream(file), BUFFER)) {
                reader.read(new CifarMember(name, file, null, in, Files.size(file)));
            } catch (IOException e) {
                throw new InvalidDataException(file, "cannot be read: " + e.getMessage(), e);
            }
        }
    }
}
