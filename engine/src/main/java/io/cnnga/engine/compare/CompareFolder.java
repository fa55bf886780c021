package io.cnnga.engine.compare;

import io.cnnga.api.InvalidInputException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The folder {@code engine compare} writes {@value #CSV} and {@value #HTML} into; it never
 * replaces an earlier comparison.
 *
 * <pre>{@code
 * CompareFolder folder = CompareFolder.chosen(Path.of("runs/mine"));          // refused if it holds compare.csv
 * CompareFolder folder = CompareFolder.besideRun(Path.of("runs/fashion-quickstart"));
 * // runs/fashion-quickstart-compare, or -compare-2, -compare-3, ... if taken
 * folder.write(comparison);
 * }</pre>
 */
public final class CompareFolder {

    public static final String CSV = "compare.csv";
    public static final String HTML = "compare.html";

    private final Path dir;

    private CompareFolder(Path dir) {
        this.dir = dir;
    }

    /**
     * The folder the user named.
     *
     * @throws InvalidInputException when it already holds a {@value #CSV} or is not a folder
     */
    public static CompareFolder chosen(Path dir) {
        if (Files.exists(dir.resolve(CSV))) {
            throw new InvalidInputException(dir.resolve(CSV) + " exists; choose another folder with --out (nothing was changed)");
        }
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new InvalidInputException(dir + " is not a folder; choose another with --out");
        }
        return new CompareFolder(dir);
    }

    /** {@code RUN-compare} beside the plan's run folder, or the first of {@code RUN-compare-2, -3, ...} without a comparison. */
    public static CompareFolder besideRun(Path runDir) {
        String base = (runDir.getFileName() == null ? "run" : runDir.getFileName().toString()) + "-compare";
        for (int n = 1; ; n++) {
            Path candidate = runDir.resolveSibling(n == 1 ? base : base + "-" + n);
            if (!Files.exists(candidate.resolve(CSV)) && !Files.exists(candidate.resolve(HTML))) {
                return new CompareFolder(candidate);
            }
        }
    }

    public Path dir() {
        return dir;
    }

    public Path csv() {
        return dir.resolve(CSV);
    }

    public Path html() {
        return dir.resolve(HTML);
    }

    /**
     * Writes {@value #CSV} and {@value #HTML}, creating the folder.
     *
     * @throws InvalidInputException when a {@value #CSV} appeared there meanwhile (it is left alone)
     */
    public void write(Comparison comparison) {
        try {
            Files.createDirectories(dir);
            // CREATE_NEW: a comparison written there since the check is never replaced.
            Files.writeString(csv(), ComparisonCsv.of(comparison), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            Files.writeString(html(), ComparisonHtml.of(comparison), StandardCharsets.UTF_8);
        } catch (FileAlreadyExistsException e) {
            throw new InvalidInputException(csv() + " appeared while comparing; nothing was written");
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the comparison into " + dir, e);
        }
    }
}
