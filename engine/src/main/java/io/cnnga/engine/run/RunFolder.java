package io.cnnga.engine.run;

import io.cnnga.api.InvalidInputException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A run's folder and the files in it (DESIGN §7), held under an exclusive lock while a process
 * works in it, so two processes never append to one journal.
 *
 * <pre>{@code
 * try (RunFolder folder = RunFolder.lock(Path.of("runs/quick"))) {
 *     Path journal = folder.journal();
 * }
 * }</pre>
 */
public final class RunFolder implements AutoCloseable {

    private static final String LOCK = ".lock";

    private final Path dir;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private RunFolder(Path dir, FileChannel lockChannel, FileLock lock) {
        this.dir = dir;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /**
     * Creates the folder if needed and locks it.
     *
     * @throws InvalidInputException when another process holds it
     */
    public static RunFolder lock(Path dir) {
        try {
            Files.createDirectories(dir);
            FileChannel channel = FileChannel.open(dir.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                throw new InvalidInputException(dir + ": another cnnga process is working in this run folder");
            }
            return new RunFolder(dir, channel, lock);
        } catch (IOException e) {
            throw new InvalidInputException(dir + ": cannot use as a run folder: " + e.getMessage());
        }
    }

    /** Whether {@code dir} holds files other than a run's (so a new run must not write there). */
    public static boolean holdsForeignFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> list = Files.list(dir)) {
            return list.anyMatch(p -> !p.getFileName().toString().equals(LOCK));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Deletes {@code path} and everything below it, if it exists: what an interrupted step left
     * (an export, a final training's logs) is redone from scratch, never mixed with the new one.
     */
    public static void deleteTree(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + path, e);
        }
    }

    public Path dir() {
        return dir;
    }

    public Path journal() {
        return dir.resolve(Journal.FILE);
    }

    public Path plan() {
        return dir.resolve("plan.json");
    }

    public Path summary() {
        return dir.resolve("summary.json");
    }

    public Path model() {
        return dir.resolve("model");
    }

    @Override
    public void close() {
        try {
            lock.release();
            lockChannel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
