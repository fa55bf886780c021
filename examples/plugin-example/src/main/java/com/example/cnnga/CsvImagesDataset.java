package com.example.cnnga;

import io.cnnga.api.DataInfo;
import io.cnnga.api.DataSplits;
import io.cnnga.api.Dataset;
import io.cnnga.api.ImageSet;
import io.cnnga.api.InvalidDataException;
import io.cnnga.api.SplitPolicy;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The images of {@code train.csv} and {@code test.csv}, split by a {@link SplitPolicy}.
 * {@link #info()} reads nothing (the options say the shape and classes); {@link #load} reads both
 * files and names the file and line of anything wrong in them.
 */
final class CsvImagesDataset implements Dataset {

    private final Path folder;
    private final DataInfo info;
    private final SplitPolicy policy;

    CsvImagesDataset(Path folder, int height, int width, int channels, List<String> classes, SplitPolicy policy) {
        this.folder = folder;
        this.info = new DataInfo(CsvImagesDatasetFactory.ID, height, width, channels, classes);
        this.policy = policy;
    }

    @Override
    public DataInfo info() {
        return info;
    }

    @Override
    public DataSplits load(long seed) {
        ImageSet train = read(folder.resolve("train.csv"));
        ImageSet test = read(folder.resolve("test.csv"));
        return policy.apply(train, test, seed);
    }

    private ImageSet read(Path file) {
        int per = info.pixelsPerImage();
        List<int[]> rows = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.US_ASCII)) {
            String line;
            int number = 0;
            while ((line = in.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                String[] cells = line.split(",");
                if (cells.length != per + 1) {
                    throw new InvalidDataException(file, "line " + number + " has " + (cells.length - 1)
                            + " pixels, a " + info.height() + "x" + info.width() + "x" + info.channels() + " image " + per);
                }
                int[] row = new int[per + 1];
                for (int i = 0; i < cells.length; i++) {
                    int value;
                    try {
                        value = Integer.parseInt(cells[i].strip());
                    } catch (NumberFormatException e) {
                        throw new InvalidDataException(file, "line " + number + ", value " + (i + 1) + ": \""
                                + cells[i] + "\" is not a whole number");
                    }
                    int max = i == 0 ? info.classes() - 1 : 255;
                    if (value < 0 || value > max) {
                        throw new InvalidDataException(file, "line " + number + ": " + (i == 0 ? "label " : "pixel ")
                                + value + " is outside 0.." + max);
                    }
                    row[i] = value;
                }
                rows.add(row);
            }
        } catch (NoSuchFileException e) {
            throw new InvalidDataException(file, "no such file; the folder needs train.csv and test.csv");
        } catch (IOException e) {
            throw new InvalidDataException(file, "cannot read: " + e.getMessage(), e);
        }
        if (rows.isEmpty()) {
            throw new InvalidDataException(file, "holds no image");
        }
        byte[] pixels = new byte[rows.size() * per];
        int[] labels = new int[rows.size()];
        for (int n = 0; n < rows.size(); n++) {
            int[] row = rows.get(n);
            labels[n] = row[0];
            for (int p = 0; p < per; p++) {
                pixels[n * per + p] = (byte) row[p + 1];
            }
        }
        return new ImageSet(info, pixels, labels);
    }

    @Override
    public String toString() {
        return CsvImagesDatasetFactory.ID + " from " + folder;
    }
}
