package io.cnnga.backend.tensorflow;

import io.cnnga.api.support.DeviceChoice;
import io.cnnga.api.LayerSummary;
import io.cnnga.api.ModelSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;

/**
 * What the TensorFlow backend really builds for a {@link ModelSpec}, layer by layer: the static
 * output shape TensorFlow's shape inference gives each layer of the backend's inference graph,
 * and the number of values in each layer's variables. For comparing the PyTorch backend with it
 * (this class sits in the TensorFlow backend's package to reach its graph builder).
 *
 * <pre>{@code
 * List<TensorFlowLayerShapes.Layer> layers = TensorFlowLayerShapes.of(spec);
 * layers.get(0).output();   // [28, 28, 48] (batch dimension left out)
 * layers.get(0).params();   // 480
 * }</pre>
 *
 * <p>Only the graph is built: no session, no weights, so even a network of 100 million
 * parameters costs milliseconds.
 */
public final class TensorFlowLayerShapes {

    /** Where the backend builds its inference tower (see NetworkGraph). */
    private static final String TOWER = "inference/";

    /**
     * @param name   Keras' layer name
     * @param output output dimensions without the batch dimension, in NHWC (or [features]) order
     * @param params values in the layer's variables, moving statistics included
     */
    public record Layer(String name, long[] output, long params) {
    }

    private TensorFlowLayerShapes() {
    }

    public static List<Layer> of(ModelSpec spec) {
        try (Graph graph = new Graph()) {
            NetworkGraph net = NetworkGraph.inference(graph, spec, DeviceChoice.CPU);
            // Operations iterate in creation order, so the last one of a layer's scope is its output.
            Map<String, GraphOperation> lastOp = new HashMap<>();
            Iterator<GraphOperation> ops = graph.operations();
            while (ops.hasNext()) {
                GraphOperation op = ops.next();
                String name = op.name();
                if (name.startsWith(TOWER)) {
                    String rest = name.substring(TOWER.length());
                    int slash = rest.indexOf('/');
                    if (slash > 0) {
                        lastOp.put(rest.substring(0, slash), op);
                    }
                }
            }
            Map<Integer, Long> params = new LinkedHashMap<>();
            for (ParameterSpec p : net.params) {
                long[] dims = net.variables.get(p.name()).shape().asArray();
                long n = 1;
                for (long d : dims) {
                    n *= d;
                }
                params.merge(p.layer(), n, Long::sum);
            }
            List<Layer> out = new ArrayList<>();
            long[] previous = null;
            for (LayerSummary row : spec.summary()) {
                GraphOperation op = lastOp.get(row.name());
                long[] shape;
                if (op == null) {
                    // No operation at inference (dropout): the layer passes its input on.
                    shape = previous != null ? previous : dims(spec.input());
                } else {
                    long[] full = op.output(0).shape().asArray();
                    shape = new long[full.length - 1];
                    System.arraycopy(full, 1, shape, 0, shape.length);
                }
                out.add(new Layer(row.name(), shape, params.getOrDefault(row.index(), 0L)));
                previous = shape;
            }
            return out;
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
