package io.cnnga.dataset.cifar;

import io.cnnga.api.InvalidDataException;

import java.io.InputStream;
import java.nio.file.Path;

/**
 * One file of a CIFAR binary version being read: a file of an extracted folder or an entry of the
 * {@code .tar.gz}. Errors about it name the file, or the archive and the entry.
 *
 * <pre>{@code
 * source.read(Set.of("test_batch.bin"), member -> {
 *     if (member.size() % 3073 != 0) throw member.invalid("size is not a multiple of 3073");
 *     ...member.in()...
 * });
 * }</pre>
 *
 * @param name  the file's name, e.g. {@code data_batch_1.bin}
 * @param file  the file, or the archive holding it
 * @param entry the entry's full name inside the archive, or {@code null} for a plain file
 * @param in    its bytes; valid only during the callback
 * @param size  its length in bytes
 */
record CifarMember(String name, Path file, String entry, InputStream in, long size) {

    /** An error about this member, naming the file (and the archive entry). */
    InvalidDataException invalid(String problem) {
        return new InvalidDataException(file, entry == null ? problem : "entry " + entry + ": " + problem);
    }

    /** Same, with the low-level cause. */
    InvalidDataException invalid(String problem, Throwable cause) {
        return new InvalidDataException(file, entry == null ? problem : "entry " + entry + ": " + problem, cause);
    }
}
