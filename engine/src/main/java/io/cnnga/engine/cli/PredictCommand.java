package io.cnnga.engine.cli;

import io.cnnga.engine.predict.PredictRun;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code engine predict MODEL_OR_RUN_DIR INPUT...}: classifies images with an exported network.
 *
 * <pre>{@code
 * bin/engine predict runs/quick shoe.png photos/            # top 3 classes per image, a table
 * bin/engine predict runs/quick/model t10k-images-idx3-ubyte.gz --labels-from t10k-labels-idx1-ubyte.gz
 * bin/engine predict runs/quick photos/ --labels-from photos/ --json
 * }</pre>
 *
 * <p>The work is {@link PredictRun}'s; this class only reads the command line.
 */
@Command(name = "predict", description = {
        "Classify images with an exported network, from its model card (model.json) alone.",
        "INPUT: image files (PNG, JPEG, BMP, GIF), folders of them (recursively), or idx image files."})
final class PredictCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "MODEL_OR_RUN_DIR",
            description = "A model folder (holding model.json), or a run folder (its model/ is used).")
    Path model;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "INPUT", description = "Images, folders of images, idx image files.")
    List<Path> inputs;

    @Option(names = "--top", paramLabel = "K", defaultValue = "3", description = "Classes shown per image (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--json", description = "One JSON object per image and a summary line, instead of a table.")
    boolean json;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "64", description = "Images per forward pass (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--labels-from", paramLabel = "DIR|IDX_LABELS",
            description = "True classes: a folder of class folders (named by class or index), or an idx labels file "
                    + "for the idx inputs; adds accuracy and a confusion matrix.")
    Path labelsFrom;

    @Option(names = "--device", paramLabel = "DEVICE", description = "auto, cpu or gpu:N (default: the backend's).")
    String device;

    @Mixin
    CommonOptions common;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PredictRun.Request request = new PredictRun.Request(model, inputs, top, json, batch, labelsFrom, device);
        return PredictRun.run(request, common.registry(), spec.commandLine().getOut(), spec.commandLine().getErr(),
                System.console() != null);
    }
}
