package io.cnnga.dataset.cifar;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Reads a CIFAR label-names file: one class name per line, index = label, blank lines ignored
 * ({@code batches.meta.txt} ends with some).
 *
 * <pre>{@code
 * List<String> names = CifarLabelNames.read(member, 10);   // airplane, automobile, bird, ...
 * }</pre>
 */
final class CifarLabelNames {

    /** The official files are about 1 kB: anything this large is not one. */
    private static final int MAX_BYTES = 1 << 20;

    private CifarLabelNames() {
    }

    static List<String> read(CifarMember member, int classes) throws IOException {
        if (member.size() > MAX_BYTES) {
            throw member.invalid("is " + member.size() + " bytes, too large for a list of " + classes + " class names");
        }
        String text = new String(member.in().readNBytes((int) member.size()), StandardCharsets.UTF_8);
        List<String> names = text.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
        if (names.size() != classes) {
            throw member.invalid("holds " + names.size() + " class names, expected " + classes + " (one per line)");
        }
        return names;
    }
}
