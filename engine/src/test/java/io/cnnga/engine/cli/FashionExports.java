package io.cnnga.engine.cli;

import io.cnnga.api.ImageSet;
import io.cnnga.engine.plan.Plan;
import io.cnnga.engine.plan.PlanReader;
import io.cnnga.engine.plugin.PluginRegistry;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.imageio.ImageIO;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Test helper: tiny real runs on Fashion-MNIST, one per backend, made once per JVM and shared by
 * the tests of {@code predict}; and the run's test split written back as files (idx, PNG).
 */
final class FashionExports {

    static final Path FASHION = Path.of("/usr/share/datasets/fashion-mnist");

    private static final Map<String, Path> RUNS = new ConcurrentHashMap<>();

    private FashionExports() {
    }

    static boolean available() {
        return Files.isDirectory(FASHION);
    }

    /**
     * A few thousand images, two small networks searched (the paper decoder with narrow stages and
     * one small dense layer), the best trained two epochs; testLimit keeps a subset of the test set.
     */
    static String plan(String backend) {
        return """
                {"name": "predict-%s", "seed": 11,
                 "dataset": {"id": "fashion-mnist", "options": {"trainLimit": 2000, "testLimit": 400}},
                 "decoder": {"id": "paper", "options": {"filters": [4, 8, 8, 16], "maxWidth": 32, "head": [64],
                                                      "dropouts": [0.0, 0.0, 0.1, 0.1], "headDropout": 0.0}},
                 "backend": {"id": "%s"},
                 "training": {"epochs": 1, "batchSize": 32, "learningRate": 0.003},
                 "search": {"population": 2, "generations": 1, "maxForwardFlops": 1e7, "maxParams": 1e6},
                 "final": {"epochs": 2}}
                """.formatted(backend, backend);
    }

    /** The finished run folder of the plan on {@code backend}, run the first time it is asked for. */
    static synchronized Path run(String backend) {
        return RUNS.computeIfAbsent(backend, b -> {
            try {
                Path dir = Files.createTempDirectory("cnnga-predict-" + b);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> io.cnnga.engine.journal.FileTrees.delete(dir)));
                Path plan = dir.resolve("plan.json");
                Files.writeString(plan, plan(b));
                Path out = dir.resolve("run");
                CliRun run = CliRun.of("run", plan.toString(), "--out", out.toString());
                assertThat(run.exitCode()).as(run.err()).isZero();
                return out;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** The run's test split, exactly as the run loaded it: same options, same seed, so the same limited subset. */
    static ImageSet testSplit(String backend) {
        Plan plan = PlanReader.parse(plan(backend), "plan", "plan");
        return PluginRegistry.load(List.of()).dataset(plan.dataset()).load(plan.seed()).test();
    }

    /** Writes the images as an idx3 file of unsigned bytes [N, H, W] (grey). */
    static Path writeIdxImages(ImageSet set, Path file) throws IOException {
        int h = set.info().height();
        int w = set.info().width();
        byte[] out = new byte[16 + set.size() * h * w];
        header(out, 0x0803, set.size(), h, w);
        int at = 16;
        for (int i = 0; i < set.size(); i++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    out[at++] = (byte) set.pixel(i, y, x, 0);
                }
            }
        }
        return Files.write(file, out);
    }

    /** Writes the labels as an idx1 file [N]. */
    static Path writeIdxLabels(ImageSet set, Path file) throws IOException {
        byte[] out = new byte[8 + set.size()];
        header(out, 0x0801, set.size());
        for (int i = 0; i < set.size(); i++) {
            out[8 + i] = (byte) set.label(i);
        }
        return Files.write(file, out);
    }

    /** Image {@code i} as a grey PNG, each pixel repeated {@code scale × scale} times. */
    static BufferedImage grey(ImageSet set, int i, int scale) {
        int h = set.info().height();
        int w = set.info().width();
        BufferedImage image = new BufferedImage(w * scale, h * scale, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < h * scale; y++) {
            for (int x = 0; x < w * scale; x++) {
                image.getRaster().setSample(x, y, 0, set.pixel(i, y / scale, x / scale, 0));
            }
        }
        return image;
    }

    /** Image {@code i} as an RGB image (R = G = B), each pixel repeated {@code scale × scale} times. */
    static BufferedImage rgb(ImageSet set, int i, int scale) {
        int h = set.info().height();
        int w = set.info().width();
        BufferedImage image = new BufferedImage(w * scale, h * scale, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h * scale; y++) {
            for (int x = 0; x < w * scale; x++) {
                int v = set.pixel(i, y / scale, x / scale, 0);
                image.setRGB(x, y, (v << 16) | (v << 8) | v);
            }
        }
        return image;
    }

    static Path png(BufferedImage image, Path file) throws IOException {
        Files.createDirectories(file.getParent());
        assertThat(ImageIO.write(image, "png", file.toFile())).isTrue();
        return file;
    }

    private static void header(byte[] out, int magic, int... dims) {
        int at = 0;
        for (int v : concat(magic, dims)) {
            out[at++] = (byte) (v >>> 24);
            out[at++] = (byte) (v >>> 16);
            out[at++] = (byte) (v >>> 8);
            out[at++] = (byte) v;
        }
    }

    private static int[] concat(int first, int[] rest) {
        int[] all = new int[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }
}
