package io.cnnga.backend.pytorch;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import io.cnnga.api.DataInfo;
import io.cnnga.api.Genome;
import io.cnnga.api.LayerSummary;
import io.cnnga.api.ModelSpec;
import io.cnnga.backend.tensorflow.TensorFlowLayerShapes;
import io.cnnga.decoder.paper.PaperDecoder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * 100 seeded random paper genomes, decoded for Fashion-MNIST (28×28×1) and for CIFAR (32×32×3):
 * the network the PyTorch backend builds and runs has, layer by layer, the output shape and the
 * parameter count of the graph the TensorFlow backend builds (TensorFlow's own shape inference
 * and variables), and both agree with {@link ModelSpec}. PyTorch's shapes come from a real
 * forward pass of one image; every network is built, however large, with zero kernels (the shapes
 * do not depend on the values, and drawing them in Java took most of this test's minutes).
 */
class SameNetworkAsTensorFlowTest {

    static final int GENOMES = 100;

    static Stream<Arguments> genomes() {
        Random random = new Random(20_210_001L);
        List<DataInfo> inputs = List.of(DataInfo.of("fashion-mnist", 28, 28, 1, 10), DataInfo.of("cifar10", 32, 32, 3, 10));
        List<Arguments> out = new ArrayList<>();
        for (int i = 0; i < GENOMES; i++) {
            Genome g = Genome.random(20, random);
            for (DataInfo data : inputs) {
                out.add(Arguments.of(g.bits(), data));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("genomes")
    void layerShapesAndParameterCountsAgree(String bits, DataInfo data) {
        ModelSpec spec = PaperDecoder.paper().decode(Genome.of(bits), data);
        List<TensorFlowLayerShapes.Layer> tf = TensorFlowLayerShapes.of(spec);
        List<LayerSummary> rows = spec.summary();
        try (NDManager manager = TorchTestSupport.engine().newBaseManager(Device.cpu())) {
            TorchNetwork net = TorchNetwork.withZeroKernels(spec, manager, 0.9);
            Map<String, Long> torchParams = new LinkedHashMap<>();
            for (TorchParameter p : net.parameters()) {
                torchParams.merge(p.layer(), p.size(), Long::sum);
            }
            List<long[]> torchShapes;
            boolean grad = JniUtils.isGradMode();
            JniUtils.setGradMode(false);
            try {
                PtNDArray image = TorchBatches.images(manager, spec, new float[data.pixelsPerImage()], 1);
                torchShapes = net.outputShapes(image);
            } finally {
                JniUtils.setGradMode(grad);
            }
            assertThat(tf).hasSameSizeAs(rows);
            assertThat(torchShapes).hasSameSizeAs(rows);
            for (int i = 0; i < rows.size(); i++) {
                LayerSummary row = rows.get(i);
                long[] expected = dims(row.output());
                assertThat(tf.get(i).name()).isEqualTo(row.name());
                assertThat(torchShapes.get(i)).as("PyTorch output of %s", row.name()).containsExactly(tf.get(i).output());
                assertThat(tf.get(i).output()).as("TensorFlow output of %s", row.name()).containsExactly(expected);
                assertThat(torchParams.getOrDefault(row.name(), 0L)).as("PyTorch parameters of %s", row.name())
                        .isEqualTo(tf.get(i).params());
                assertThat(tf.get(i).params()).as("TensorFlow parameters of %s", row.name()).isEqualTo(row.params());
            }
            assertThat(net.parameterCount()).isEqualTo(spec.params());
            assertThat(torchShapes.get(torchShapes.size() - 1)).containsExactly(data.classes());
        }
    }

    private static long[] dims(io.cnnga.api.Shape shape) {
        long[] out = new long[shape.rank()];
        for (int i = 0; i < out.length; i++) {
            out[i] = shape.dim(i);
        }
        return out;
    }
}
