package io.cnnga.dataset.imagefolder;

import java.nio.file.Path;

/**
 * An image file and the class its folder names.
 *
 * <pre>{@code
 * new LabelledFile(Path.of("flowers/tulip/0001.jpg"), 3);   // "tulip" is class 3 of the sorted folders
 * }</pre>
 *
 * @param file  the PNG or JPEG file
 * @param label index of its class folder among the sorted class folder names
 */
record LabelledFile(Path file, int label) {
}
