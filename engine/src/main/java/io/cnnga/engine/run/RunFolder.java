package io.cnnga.engine.run;

import io.cnnga.api.InvalidInputException;
import io.cnnga.engine.journal.FileTrees;
import io.cnnga.engine.journal.Journal;
import io.cnnga.engine.journal.Summary;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A run's folder and the files in it, held under an exclusive lock while a process works in it,
 * so two processes never append to one journal.
 *
 * <pre>{@code
 * try (RunFolder folder = RunFolder.lock(Path.of("runs/quick"))) {
 *     Path journal = folder.journal();
 *     folder.replaceModel(session::export);   // model/ is replaced only by a complete export
 * }
 * }</pre>
 *
 * <p>Locking also tidies what a killed process left: a half-written export is removed, and a
 * previous {@code model/} set aside by an export that did not finish is put back.
 */
public final class RunFolder implements AutoCloseable {

    /** The final network's folder. */
    public static final String MODEL = "model";
    private static final String LOCK = ".lock";
    /** Where an export is written before it replaces {@link #MODEL}. */
    private static final String EXPORTING = "." + MODEL + ".exporting";
    /** Where the previous {@link #MODEL} waits while the new one moves in. */
    private static final String PREVIOUS = "." + MODEL + ".previous";

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
            RunFolder folder = new RunFolder(dir, channel, lock);
            folder.tidy();
            return folder;
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

    /** Removes an interrupted export's files; puts back a previous model an interrupted swap set aside. */
    private void tidy() throws IOException {
        Path previous = dir.resolve(PREVIOUS);
        if (Files.exists(previous) && !Files.exists(model())) {
            Files.move(previous, model(), StandardCopyOption.ATOMIC_MOVE);
        }
        FileTrees.delete(previous);
        try (Stream<Path> list = Files.list(dir)) {
            for (Path p : list.toList()) {
                // ours, and the staging folders an exporter makes beside its target (".model.exporting-N")
                String name = p.getFileName().toString();
                if (name.startsWith(".") && name.contains(MODEL + ".exporting")) {
                    FileTrees.delete(p);
                }
            }
        }
    }

    /**
     * Has {@code export} write the final network into a fresh folder, then puts it in the place of
     * {@code model/}: the previous model stays until the new one is complete.
     *
     * @throws UncheckedIOException "cannot write the model into DIR: CAUSE" (a full disk says so);
     *                              the previous model is kept
     */
    public void replaceModel(Consumer<Path> export) {
        Path staging = dir.resolve(EXPORTING);
        Path previous = dir.resolve(PREVIOUS);
        try {
            FileTrees.delete(staging);
            export.accept(staging);
            if (Files.exists(model())) {
                FileTrees.delete(previous);
                Files.move(model(), previous, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(staging, model(), StandardCopyOption.ATOMIC_MOVE);
            FileTrees.delete(previous);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the model into " + model() + ": " + describe(e), e);
        } catch (UncheckedIOException e) {
            throw new UncheckedIOException("cannot write the model into " + model() + ": "
                    + describe(e.getCause()), e.getCause());
        } finally {
            try {
                FileTrees.delete(staging);
            } catch (UncheckedIOException ignored) {
                // tidied on the next start
            }
        }
    }

    private static String describe(IOException e) {
        if (e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
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
        return dir.resolve(Summary.FILE);
    }

    public Path model() {
        return dir.resolve(MODEL);
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
