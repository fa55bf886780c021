package io.cnnga.dataset.cifar;

import io.cnnga.api.InvalidDataException;
import io.cnnga.api.support.DataBudget;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * The CIFAR binary version as downloaded, {@code cifar-10-binary.tar.gz} or
 * {@code cifar-100-binary.tar.gz}, read in place: one pass through the gzip stream, nothing
 * written to disk.
 *
 * <pre>{@code
 * CifarSource source = new CifarArchiveSource(Path.of("cifar-10-binary.tar.gz"), CifarFormat.cifar10());
 * }</pre>
 *
 * <p>Entries are matched by file name whatever folder they are in ({@code cifar-10-batches-bin/}
 * in the official archive), so a re-packed archive reads too; the first entry of each name is
 * used, and reading stops there, so that {@link io.cnnga.api.Dataset#info()} does not
 * decompress the whole archive for the label names. The sizes the entries' headers claim must
 * together fit in what the compressed file can inflate to: a tiny archive claiming gigabytes fails
 * before anything is allocated for it.
 *
 * @param path   the {@code .tar.gz} file
 * @param format what the files are, for the hint when one is missing
 */
record CifarArchiveSource(Path path, CifarFormat format) implements CifarSource {

    private static final int BUFFER = 1 << 16;

    @Override
    public void read(Set<String> names, MemberReader reader) {
        Set<String> wanted = new TreeSet<>(names);
        String last = null;
        try (InputStream file = new BufferedInputStream(Files.newInputStream(path), BUFFER);
             TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(file, BUFFER))) {
            long capacity = DataBudget.maxInflatedBytes(Files.size(path));
            long claimed = 0;
            TarArchiveEntry entry;
            while (!wanted.isEmpty() && (entry = tar.getNextEntry()) != null) {
                last = entry.getName();
                String name = fileName(entry.getName());
                if (entry.isFile() && wanted.remove(name)) {
                    // A tar header can claim any size: the members read so far and this one must
                    // fit in what the compressed file can inflate to, before anything is allocated.
                    claimed += entry.getSize();
                    if (claimed > capacity) {
                        throw new InvalidDataException(path, "entry " + entry.getName() + " claims " + entry.getSize()
                                + " bytes, but a .tar.gz of " + Files.size(path) + " bytes holds at most " + capacity
                                + " (deflate compresses at most " + DataBudget.MAX_DEFLATE_RATIO + ":1); the archive is"
                                + " damaged or not the " + format.title() + " download, get it again from "
                                + CifarFormat.DOWNLOAD_PAGE);
                    }
                    reader.read(new CifarMember(name, path, entry.getName(), tar, entry.getSize()));
                }
            }
        } catch (IOException e) {
            throw new InvalidDataException(path, "is not a readable .tar.gz"
                    + (last == null ? "" : " (failed after entry " + last + ")") + ": " + withoutFullStop(e.getMessage())
                    + "; the file is damaged or incomplete, download it again", e);
        }
        if (!wanted.isEmpty()) {
            throw new InvalidDataException(path, "has no entry " + String.join(", ", wanted) + "; expected the "
                    + format.title() + " binary version, " + format.archive() + " from " + CifarFormat.DOWNLOAD_PAGE);
        }
    }

    private static String withoutFullStop(String message) {
        return message != null && message.endsWith(".") ? message.substring(0, message.length() - 1) : message;
    }

    private static String fileName(String entryName) {
        String name = entryName.endsWith("/") ? entryName.substring(0, entryName.length() - 1) : entryName;
        return name.substring(name.lastIndexOf('/') + 1);
    }
}
