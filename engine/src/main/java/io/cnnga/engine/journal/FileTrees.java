package io.cnnga.engine.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Folders of a run that are redone from scratch (an export, a final training's logs) are removed
 * whole, never mixed with the new ones.
 *
 * <pre>{@code
 * FileTrees.delete(dir.resolve("tensorboard/final"));   // nothing happens if it does not exist
 * }</pre>
 */
public final class FileTrees {

    private FileTrees() {
    }

    /** Deletes {@code path} and everything below it, if it exists. */
    public static void delete(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + path + ": " + AtomicFile.describe(e), e);
        }
    }
}
