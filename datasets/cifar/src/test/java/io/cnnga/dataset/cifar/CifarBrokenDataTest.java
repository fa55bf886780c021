package io.cnnga.dataset.cifar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.cnnga.api.InvalidDataException;
import io.cnnga.api.Options;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every kind of damaged CIFAR file fails with an {@link InvalidDataException} naming the file. */
class CifarBrokenDataTest {

    /** Damages a valid binary version in {@code dir}; returns the path to load and the file the error must name. */
    interface Damage {
        Path[] apply(Path dir) throws IOException;
    }

    @TempDir
    Path dir;

    static Stream<Arguments> damages() {
        return Stream.of(
                damage("batch file cut mid-record", "cifar10", "size 36000 is not a multiple of 3073: the record at byte 33803 is incomplete",
                        d -> folder10(d, files -> files.put("data_batch_2.bin",
                                Arrays.copyOf(files.get("data_batch_2.bin"), 36_000)), "data_batch_2.bin")),
                damage("empty batch file", "cifar10", "is empty",
                        d -> folder10(d, files -> files.put("test_batch.bin", new byte[0]), "test_batch.bin")),
                damage("label out of range", "cifar10", "label 10 of record 3 at byte 9219 is outside [0, 10)",
                        d -> folder10(d, files -> files.get("data_batch_4.bin")[3 * 3073] = 10, "data_batch_4.bin")),
                damage("too few class names", "cifar10", "holds 9 class names, expected 10",
                        d -> folder10(d, files -> files.put("batches.meta.txt",
                                "a\nb\nc\nd\ne\nf\ng\nh\ni\n".getBytes(StandardCharsets.UTF_8)), "batches.meta.txt")),
                damage("batch file missing", "cifar10", "missing",
                        d -> folder10(d, files -> files.remove("data_batch_5.bin"), "data_batch_5.bin")),
                damage("coarse label out of range", "cifar100", "label 20 of record 1 at byte 3074 is outside [0, 20)",
                        d -> folder100(d, files -> files.get("train.bin")[3074] = 20, "train.bin")),
                damage("fine label out of range", "cifar100", "label 100 of record 0 at byte 1 is outside [0, 100)",
                        d -> folder100(d, files -> files.get("test.bin")[1] = 100, "test.bin")),
                damage("CIFAR-10 file read as CIFAR-100", "cifar100", "not a multiple of 3074",
                        d -> folder100(d, files -> files.put("test.bin", CifarTestFiles.cifar10Batch(0, 5)), "test.bin")),
                damage("archive cut short", "cifar10", "download it again",
                        d -> {
                            Path archive = archive10(d, files -> { });
                            byte[] bytes = Files.readAllBytes(archive);
                            Files.write(archive, Arrays.copyOf(bytes, bytes.length * 2 / 3));
                            return new Path[] {archive, archive};
                        }),
                damage("archive without a batch", "cifar10", "has no entry data_batch_3.bin",
                        d -> {
                            Path archive = archive10(d, files -> files.remove("data_batch_3.bin"));
                            return new Path[] {archive, archive};
                        }),
                damage("gzip file that is no tar", "cifar10", "is not a readable .tar.gz",
                        d -> {
                            Path archive = d.resolve("cifar-10-binary.tar.gz");
                            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(archive))) {
                                out.write("just some text, not a tar archive\n".repeat(100).getBytes(StandardCharsets.UTF_8));
                            }
                            return new Path[] {archive, archive};
                        }),
                damage("archive entry with a bad label", "cifar10", "entry cifar-10-batches-bin/test_batch.bin: label 255 of record 0 at byte 0",
                        d -> {
                            Path archive = archive10(d, files -> files.get("test_batch.bin")[0] = (byte) 255);
                            return new Path[] {archive, archive};
                        }),
                damage("not a gzip file", "cifar10", "is not a readable .tar.gz",
                        d -> {
                            Path archive = Files.write(d.resolve("cifar-10-binary.tar.gz"),
                                    "<html>404 Not Found</html>".getBytes(StandardCharsets.UTF_8));
                            return new Path[] {archive, archive};
                        }));
    }

    private static Arguments damage(String name, String dataset, String problem, Damage damage) {
        return Arguments.of(name, dataset, problem, damage);
    }

    private static Path[] folder10(Path dir, Consumer<Map<String, byte[]>> change, String broken) {
        Map<String, byte[]> files = CifarTestFiles.cifar10Files();
        change.accept(files);
        Path folder = CifarTestFiles.writeFolder(dir.resolve("cifar-10-batches-bin"), files);
        return new Path[] {folder, folder.resolve(broken)};
    }

    private static Path[] folder100(Path dir, Consumer<Map<String, byte[]>> change, String broken) {
        Map<String, byte[]> files = CifarTestFiles.cifar100Files();
        change.accept(files);
        Path folder = CifarTestFiles.writeFolder(dir.resolve("cifar-100-binary"), files);
        return new Path[] {folder, folder.resolve(broken)};
    }

    private static Path archive10(Path dir, Consumer<Map<String, byte[]>> change) {
        Map<String, byte[]> files = CifarTestFiles.cifar10Files();
        change.accept(files);
        return CifarTestFiles.tarGz(dir.resolve("cifar-10-binary.tar.gz"), "cifar-10-batches-bin", files);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("damages")
    void brokenDataFailsNamingTheFile(String name, String dataset, String problem, Damage damage) throws IOException {
        Path[] pathAndBroken = damage.apply(dir);
        Options options = Options.of("dataset.options", Map.of("path", pathAndBroken[0].toString()));
        Map<String, String> noEnvironment = Map.of();

        Throwable thrown = catchThrowable(() -> (dataset.equals("cifar10")
                ? new Cifar10DatasetFactory(noEnvironment::get)
                : new Cifar100DatasetFactory(noEnvironment::get)).create(options).load(1L));

        assertThat(thrown).isInstanceOf(InvalidDataException.class)
                .hasMessageStartingWith(pathAndBroken[1] + ": ")
                .hasMessageContaining(problem);
        assertThat(thrown.getMessage()).doesNotContain("\n");
    }
}
