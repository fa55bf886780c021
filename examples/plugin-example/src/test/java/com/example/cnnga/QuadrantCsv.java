package com.example.cnnga;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * Writes {@code train.csv} and {@code test.csv} of 8×8 grey images for the tests: class c is a
 * bright 4×4 quadrant c over dim noise; every image differs (its first two pixels spell its number).
 */
final class QuadrantCsv {

    static final List<String> CLASSES = List.of("top-left", "top-right", "bottom-left", "bottom-right");

    private QuadrantCsv() {
    }

    static Path write(Path folder, int train, int test) {
        try {
            Files.createDirectories(folder);
            Files.writeString(folder.resolve("train.csv"), lines(0, train));
            Files.writeString(folder.resolve("test.csv"), lines(train, test));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return folder;
    }

    private static String lines(int first, int count) {
        StringBuilder s = new StringBuilder();
        for (int n = first; n < first + count; n++) {
            int label = n % 4;
            Random noise = new Random(n);
            s.append(label);
            for (int y = 0; y < 8; y++) {
                for (int x = 0; x < 8; x++) {
                    boolean bright = y / 4 == label / 2 && x / 4 == label % 2;
                    int value = y == 0 && x == 0 ? n % 256 : y == 0 && x == 1 ? n / 256 : noise.nextInt(60) + (bright ? 150 : 0);
                    s.append(',').append(value);
                }
            }
            s.append('\n');
        }
        return s.toString();
    }
}
