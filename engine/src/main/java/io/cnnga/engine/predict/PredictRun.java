package io.cnnga.engine.predict;

import io.cnnga.api.Backend;
import io.cnnga.api.InvalidDataException;
import io.cnnga.api.InvalidInputException;
import io.cnnga.api.ModelSpec;
import io.cnnga.api.Predictor;
import io.cnnga.api.support.ImageFiles;
import io.cnnga.api.support.ImagePixels;
import io.cnnga.engine.model.ModelCard;
import io.cnnga.engine.plan.PluginChoice;
import io.cnnga.engine.plugin.PluginRegistry;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * {@code engine predict}: classifies images with an exported network, from its model card alone.
 *
 * <pre>{@code
 * PredictRun.Request request = new PredictRun.Request(Path.of("runs/quick"), List.of(Path.of("shoe.png")),
 *         3, false, 64, null, null);
 * int status = PredictRun.run(request, registry, out, err, false);   // 0, or 2 when an input was bad
 * }</pre>
 *
 * <p>The card names the backend that loads the export ({@link Backend#load}) and says how a raw
 * image becomes the input: image files are decoded, stretched to the input size and made grey or
 * RGB exactly as the {@code image-folder} dataset does ({@link ImagePixels}); idx images are taken
 * as stored and must have the input's shape. Pixels become floats as in training (byte / 255).
 * Images go through the network in batches, in the order given. An input that cannot be read is
 * listed at the end (one line each on stderr) and the others are still classified; a model that
 * cannot be loaded stops the command at once.
 */
public final class PredictRun {

    private PredictRun() {
    }

    /**
     * What to classify and how to print it.
     *
     * @param model      a model folder (holding {@code model.json}) or a run folder
     * @param inputs     image files, folders of them, idx image files
     * @param top        classes printed per image, at least 1 (fewer when the model has fewer)
     * @param json       one JSON object per line instead of a table
     * @param batch      images per forward pass, at least 1
     * @param labelsFrom a folder of class folders or an idx labels file; null for none
     * @param device     the backend's device ({@code auto}, {@code cpu}, {@code gpu:N}); null for its default
     */
    public record Request(Path model, List<Path> inputs, int top, boolean json, int batch, Path labelsFrom,
                          String device) {
        public Request {
            if (model == null || inputs == null || inputs.isEmpty()) {
                throw new InvalidInputException("predict needs a model or run folder and at least one input");
            }
            if (top < 1) {
                throw new InvalidInputException("--top must be at least 1, was " + top);
            }
            if (batch < 1 || batch > 1 << 16) {
                throw new InvalidInputException("--batch must be between 1 and 65536, was " + batch);
            }
            inputs = List.copyOf(inputs);
        }
    }

    /**
     * Classifies the request's images, printing each prediction to {@code out} and each bad input
     * to {@code err}.
     *
     * @param terminal whether a person watches: shows a progress bar on stderr for inputs of more than one batch
     * @return 0 when every input was classified, 2 when some could not be read
     * @throws InvalidInputException when the model folder, its card, its export or the labels cannot be used
     */
    public static int run(Request request, PluginRegistry registry, PrintWriter out, PrintWriter err, boolean terminal) {
        Path dir = ModelFolder.locate(request.model());
        ModelCard card = ModelCard.read(dir);
        ModelSpec spec;
        try {
            spec = card.spec();
        } catch (IllegalArgumentException e) {
            throw new InvalidDataException(dir.resolve(ModelCard.FILE), "network: " + e.getMessage(), e);
        }
        List<Integer> shape = card.input().shape();
        PredictionInputs inputs = PredictionInputs.expand(request.inputs(), shape.get(0), shape.get(1), shape.get(2));
        List<BadInput> bad = new ArrayList<>(inputs.bad());
        if (inputs.inputs().isEmpty()) {
            // nothing to classify: the model is not even loaded
            return report(bad, err);
        }
        ImageLabels labels = request.labelsFrom() == null ? ImageLabels.NONE
                : ImageLabels.from(request.labelsFrom(), card.classNames(), inputs);
        PredictionPrinter printer = request.json() ? PredictionPrinter.json(out, card.classNames())
                : PredictionPrinter.table(out, card.classNames(), Math.min(request.top(), card.classNames().size()),
                request.labelsFrom() != null, inputs.longestName());
        ConfusionMatrix matrix = new ConfusionMatrix(card.classNames());
        long images;
        try (Backend backend = backend(registry, card, dir, request.device());
             Predictor predictor = load(backend, card, dir, spec);
             ProgressBar bar = terminal && inputs.imageCount() > request.batch() ? bar(inputs.imageCount()) : null) {
            Batches batches = new Batches(predictor, spec, request, card.classNames().size(), printer, matrix, bar, err);
            feed(inputs, labels, batches, bad);
            batches.flush();
            images = batches.classified;
        }
        printer.finish(images, matrix, bad);
        return report(bad, err);
    }

    /** One line per bad input on stderr; the exit status. */
    private static int report(List<BadInput> bad, PrintWriter err) {
        for (BadInput b : bad) {
            err.println("error: " + b.message());
        }
        err.flush();
        return bad.isEmpty() ? 0 : 2;
    }

    /** Hands every image of every input to {@code batches}, in order; a bad one is listed and skipped. */
    private static void feed(PredictionInputs inputs, ImageLabels labels, Batches batches, List<BadInput> bad) {
        List<PredictionInput> all = inputs.inputs();
        long idxOrdinal = 0;
        int i = 0;
        while (i < all.size()) {
            if (all.get(i) instanceof PredictionInput.IdxImages idx) {
                feedIdx(idx, idxOrdinal, labels, batches, bad);
                idxOrdinal += idx.count();
                i++;
                continue;
            }
            // A run of image files, decoded in parallel a batch at a time.
            int end = i;
            while (end < all.size() && end - i < batches.room() && all.get(end) instanceof PredictionInput.ImageFile) {
                end++;
            }
            List<PredictionInput> files = all.subList(i, end);
            byte[][] pixels = new byte[files.size()][];
            int[] fileLabels = new int[files.size()];
            BadInput[] failures = new BadInput[files.size()];
            IntStream.range(0, files.size()).parallel().forEach(k -> {
                Path file = files.get(k).file();
                try {
                    fileLabels[k] = labels.ofFile(file);
                    pixels[k] = batches.decode(file);
                } catch (InvalidInputException e) {
                    failures[k] = new BadInput(e.getMessage());
                }
            });
            for (int k = 0; k < files.size(); k++) {
                if (failures[k] != null) {
                    bad.add(failures[k]);
                } else {
                    batches.add(files.get(k).file().toString(), fileLabels[k], pixels[k], 0);
                }
            }
            i = end;
        }
    }

    private static void feedIdx(PredictionInput.IdxImages input, long firstOrdinal, ImageLabels labels, Batches batches,
                                List<BadInput> bad) {
        int per = batches.pixelsPerImage;
        try (IdxStream idx = IdxStream.open(input.file())) {
            byte[] buffer = new byte[per * Math.max(1, Math.min(batches.capacity, input.count()))];
            int done = 0;
            while (done < input.count()) {
                int n = Math.min(batches.room(), input.count() - done);
                idx.read(buffer, 0, n * per);
                for (int k = 0; k < n; k++) {
                    batches.add(input.file() + "#" + (done + k), labels.ofIdx(firstOrdinal + done + k), buffer, k * per);
                }
                done += n;
            }
            idx.requireEnd();
        } catch (InvalidInputException e) {
            bad.add(new BadInput(e.getMessage()));
        }
    }

    private static Backend backend(PluginRegistry registry, ModelCard card, Path dir, String device) {
        try {
            return registry.backend(new PluginChoice(card.backend().id(), device == null ? Map.of() : Map.of("device", device)));
        } catch (InvalidInputException e) {
            throw new InvalidDataException(dir.resolve(ModelCard.FILE), "backend \"" + card.backend().id()
                    + "\" cannot be used: " + e.getMessage(), e);
        }
    }

    private static Predictor load(Backend backend, ModelCard card, Path dir, ModelSpec spec) {
        try {
            return backend.load(dir, spec);
        } catch (UnsupportedOperationException e) {
            throw new InvalidDataException(dir, "the " + card.backend().id() + " backend cannot load its exports ("
                    + e.getMessage() + ")", e);
        }
    }

    private static ProgressBar bar(long images) {
        return new ProgressBarBuilder().setTaskName("predict").setInitialMax(images).setUnit(" images", 1)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250)
                .setConsumer(new ConsoleProgressBarConsumer(System.err)).showSpeed().build();
    }

    /** Fills batches of input floats and, when one is full, classifies it and prints its predictions. */
    private static final class Batches {
        private final Predictor predictor;
        private final int height;
        private final int width;
        private final int channels;
        private final int pixelsPerImage;
        private final int capacity;
        private final int classes;
        private final int top;
        private final PredictionPrinter printer;
        private final ConfusionMatrix matrix;
        private final ProgressBar bar;
        private final PrintWriter err;
        private final float[] pixels;
        private final String[] names;
        private final int[] labels;
        private int size;
        private long classified;

        Batches(Predictor predictor, ModelSpec spec, Request request, int classes, PredictionPrinter printer,
                ConfusionMatrix matrix, ProgressBar bar, PrintWriter err) {
            this.predictor = predictor;
            this.height = spec.input().dim(0);
            this.width = spec.input().dim(1);
            this.channels = spec.input().dim(2);
            this.pixelsPerImage = height * width * channels;
            this.capacity = request.batch();
            this.classes = classes;
            this.top = request.top();
            this.printer = printer;
            this.matrix = matrix;
            this.bar = bar;
            this.err = err;
            this.pixels = new float[capacity * pixelsPerImage];
            this.names = new String[capacity];
            this.labels = new int[capacity];
        }

        int room() {
            return capacity - size;
        }

        /** An image file as input bytes: decoded, stretched, grey or RGB as the card's preprocessing says. */
        byte[] decode(Path file) {
            if (channels != 1 && channels != 3) {
                throw new InvalidDataException(file, "the model takes " + channels + "-channel images, which image "
                        + "files are not; give an idx file of [N, " + height + ", " + width + ", " + channels + "]");
            }
            byte[] out = new byte[pixelsPerImage];
            ImagePixels.write(ImageFiles.read(file), height, width, channels, out, 0);
            return out;
        }

        /** One image's bytes from {@code offset}; classifies the batch once it is full. */
        void add(String name, int label, byte[] bytes, int offset) {
            int to = size * pixelsPerImage;
            for (int j = 0; j < pixelsPerImage; j++) {
                // exactly as ImageSet.batch makes training and test pixels
                pixels[to + j] = (bytes[offset + j] & 0xFF) / 255f;
            }
            names[size] = name;
            labels[size] = label;
            size++;
            if (size == capacity) {
                flush();
            }
        }

        void flush() {
            if (size == 0) {
                return;
            }
            float[] batch = size == capacity ? pixels : java.util.Arrays.copyOf(pixels, size * pixelsPerImage);
            float[] probabilities = predictor.probabilities(batch, size);
            if (bar != null) {
                // the bar is one line on stderr that rows on the same terminal would run into
                err.print("\r\u001b[2K");
                err.flush();
            }
            for (int i = 0; i < size; i++) {
                Prediction p = Prediction.of(names[i], probabilities, i, classes, top, labels[i]);
                printer.print(p);
                if (p.labelled()) {
                    matrix.add(p.label(), p.predicted());
                }
            }
            printer.out.flush();
            classified += size;
            if (bar != null) {
                bar.stepBy(size);
            }
            size = 0;
        }
    }
}
