package io.cnnga.api;

import java.util.List;

/**
 * What a network needs to know about a dataset: image shape and classes.
 *
 * <pre>{@code
 * DataInfo cifar = new DataInfo("cifar10", 32, 32, 3, List.of("airplane", "automobile", ...));
 * cifar.classes();   // 10
 * }</pre>
 *
 * @param name       the dataset's id or a descriptive name
 * @param height     image height in pixels
 * @param width      image width in pixels
 * @param channels   1 (grey) or 3 (RGB)
 * @param classNames one name per class, index = label
 */
public record DataInfo(String name, int height, int width, int channels, List<String> classNames) {

    public DataInfo {
        if (height < 1 || width < 1 || channels < 1) {
            throw new IllegalArgumentException("image shape must be positive, was " + height + "x" + width + "x" + channels);
        }
        if (classNames == null || classNames.size() < 2) {
            throw new IllegalArgumentException("a classifier needs at least 2 classes");
        }
        classNames = List.copyOf(classNames);
    }

    /** A shape with classes named "0", "1", ... */
    public static DataInfo of(String name, int height, int width, int channels, int classes) {
        String[] names = new String[classes];
        for (int i = 0; i < classes; i++) {
            names[i] = Integer.toString(i);
        }
        return new DataInfo(name, height, width, channels, List.of(names));
    }

    public int classes() {
        return classNames.size();
    }

    /** Pixels per image: height × width × channels. */
    public int pixelsPerImage() {
        return height * width * channels;
    }
}
