package io.cnnga.backend.tensorflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cnnga.api.Batch;
import io.cnnga.api.EpochMetrics;
import io.cnnga.api.Evaluation;
import io.cnnga.api.ImageSet;
import io.cnnga.api.Precision;
import io.cnnga.api.TrainingListener;
import io.cnnga.api.TrainingSession;
import io.cnnga.api.support.BackendOptions;
import io.cnnga.api.support.BatchNormStatistics;
import io.cnnga.api.support.CpuFeatures;
import io.cnnga.api.support.PrecisionChoice;
import io.cnnga.api.support.TrainingLoop;
import io.cnnga.testkit.TestImages;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.types.TFloat32;

/**
 * {@code precision: bf16} on the CPU: convolutions and matrix products compute in bfloat16 while
 * variables, the Adam update, the loss and batch norm's statistics stay float32, as TensorFlow ran
 * them; what it trains exports as a float32 SavedModel; a CPU without bfloat16 trains in float32
 * after one warning.
 */
class Bfloat16Test {

    private static final CpuFeatures WITHOUT_BF16 = new CpuFeatures(Set.of("sse2", "avx2", "fma", "avx512f"));
    private static final ImageSet TRAIN = TestImages.quadrants(320, 12, 1, 21);
    private static final ImageSet VALIDATION = TestImages.quadrants(160, 12, 1, 22);

    @TempDir
    Path dir;

    private static BackendOptions options(PrecisionChoice precision) {
        return new BackendOptions("cpu", 0, 0.9, BatchNormStatistics.RECOMPUTED, null, precision);
    }

    /** Every node TensorFlow ran for one training step, after its rewrites. */
    private static List<NodeDef> stepAsRun(TrainingLoop<TensorFlowTrainingSteps> session) {
        Batch batch = TRAIN.batch(new int[] {0, 1, 2, 3, 4, 5, 6, 7});
        List<NodeDef> nodes = new ArrayList<>();
        for (GraphDef g : session.steps().trainingStepAsRun(batch)) {
            nodes.addAll(g.getNodeList());
        }
        return nodes;
    }

    private static DataType type(NodeDef node, String attr) {
        return node.getAttrMap().containsKey(attr) ? node.getAttrMap().get(attr).getType() : null;
    }

    @Test
    void aBf16TrainingStepComputesInBfloat16AndKeepsFloat32VariablesLossAndStatistics() {
        assumeTrue(CpuFeatures.current().fastBf16(), "this CPU has no avx512_bf16 or amx_bf16");
        try (TensorFlowBackend backend = new TensorFlowBackend(options(PrecisionChoice.BF16));
             TrainingLoop<TensorFlowTrainingSteps> session = backend.session(TrainingSessionTest.network(),
                     Shapes.config(16, 3e-3))) {
            assertThat(session.precision()).isEqualTo(Precision.BF16);
            assertThat(backend.precision()).isEqualTo(Precision.BF16);
            List<NodeDef> nodes = stepAsRun(session);
            assertThat(nodes).filteredOn(n -> n.getOp().contains("Conv2D") && type(n, "T") == DataType.DT_BFLOAT16)
                    .as("bfloat16 convolutions").isNotEmpty();
            assertThat(nodes).filteredOn(n -> n.getOp().contains("MatMul") && type(n, "T") == DataType.DT_BFLOAT16)
                    .as("bfloat16 matrix products").isNotEmpty();
            assertThat(nodes).filteredOn(n -> n.getOp().equals("VariableV2")).isNotEmpty()
                    .allSatisfy(n -> assertThat(type(n, "dtype")).as(n.getName()).isEqualTo(DataType.DT_FLOAT));
            assertThat(nodes).filteredOn(n -> n.getOp().equals("ApplyAdam")).isNotEmpty()
                    .allSatisfy(n -> assertThat(type(n, "T")).as(n.getName()).isEqualTo(DataType.DT_FLOAT));
            assertThat(nodes).filteredOn(n -> n.getOp().equals("SoftmaxCrossEntropyWithLogits")).isNotEmpty()
                    .allSatisfy(n -> assertThat(type(n, "T")).isEqualTo(DataType.DT_FLOAT));
            assertThat(nodes).filteredOn(n -> n.getOp().contains("FusedBatchNorm")).isNotEmpty()
                    .allSatisfy(n -> assertThat(type(n, "U")).as(n.getName()).isEqualTo(DataType.DT_FLOAT));

            EpochMetrics m = session.trainEpoch(1, TRAIN, VALIDATION, TrainingListener.NONE);
            assertThat(m.loss()).isFinite();
            assertThat(m.validationLoss()).isFinite();
            assertThat(m.validationAccuracy()).as("four quadrants are easy").isGreaterThan(0.8);
            assertThat(session.parameters()).allSatisfy(p -> assertThat(p.values()).doesNotContain(Float.NaN));
        }
    }

    @Test
    void aFloat32StepComputesNothingInBfloat16() {
        try (TensorFlowBackend backend = new TensorFlowBackend(options(PrecisionChoice.FP32));
             TrainingLoop<TensorFlowTrainingSteps> session = backend.session(TrainingSessionTest.network(),
                     Shapes.config(16, 3e-3))) {
            assertThat(session.precision()).isEqualTo(Precision.FP32);
            assertThat(stepAsRun(session)).noneSatisfy(n -> assertThat(type(n, "T")).isEqualTo(DataType.DT_BFLOAT16));
        }
    }

    @Test
    void anExportOfABf16TrainedNetworkLoadsAndPredictsInFloat32() {
        assumeTrue(CpuFeatures.current().fastBf16(), "this CPU has no avx512_bf16 or amx_bf16");
        Path model = dir.resolve("model");
        Evaluation trained;
        try (TensorFlowBackend backend = new TensorFlowBackend(options(PrecisionChoice.BF16));
             TrainingSession session = backend.open(SavedModelExportTest.network(), Shapes.config(16, 3e-3))) {
            assertThat(session.precision()).isEqualTo(Precision.BF16);
            session.trainEpoch(1, TRAIN, VALIDATION, TrainingListener.NONE);
            trained = session.evaluate(VALIDATION);
            session.export(model);
        }
        Batch all = VALIDATION.batch(range(VALIDATION.size()));
        try (SavedModelBundle bundle = SavedModelBundle.load(model.toString(), "serve");
             TFloat32 images = Tensors.images(SavedModelExportTest.network(), all.images(), all.size());
             Result result = bundle.call(Map.of("images", images))) {
            var out = result.get("probabilities").orElseThrow();
            assertThat(out.dataType()).isEqualTo(DataType.DT_FLOAT);
            float[] p = Tensors.floats((TFloat32) out);
            int agree = 0;
            for (int i = 0; i < all.size(); i++) {
                float sum = 0;
                int best = 0;
                for (int c = 0; c < 4; c++) {
                    sum += p[4 * i + c];
                    best = p[4 * i + c] > p[4 * i + best] ? c : best;
                }
                assertThat(sum).isCloseTo(1f, org.assertj.core.api.Assertions.within(1e-4f));
                agree += best == trained.predictions()[i] ? 1 : 0;
            }
            // the session trained in bfloat16 but evaluates in float32 through the inference graph the export
            // holds: the same class for every image, so the run's accuracy is the export's
            assertThat(agree).isEqualTo(all.size());
        }
    }

    @Test
    void bf16OnACpuWithoutItIsOneWarningThenFloat32() {
        List<LogRecord> warnings = new ArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord r) {
                if (r.getLevel().intValue() >= Level.WARNING.intValue()) {
                    warnings.add(r);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger(TensorFlowBackend.class.getName());
        logger.addHandler(handler);
        try (TensorFlowBackend backend = new TensorFlowBackend(options(PrecisionChoice.BF16), WITHOUT_BF16)) {
            for (int i = 0; i < 2; i++) {
                try (TrainingLoop<TensorFlowTrainingSteps> session = backend.session(TrainingSessionTest.network(),
                        Shapes.config(16, 3e-3))) {
                    assertThat(session.precision()).isEqualTo(Precision.FP32);
                    assertThat(stepAsRun(session)).noneSatisfy(n -> assertThat(type(n, "T")).isEqualTo(DataType.DT_BFLOAT16));
                }
            }
            assertThat(backend.precision()).isEqualTo(Precision.FP32);
        } finally {
            logger.removeHandler(handler);
        }
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0).getMessage()).isEqualTo(
                "precision: bf16 was asked for, but the CPU has neither avx512_bf16 nor amx_bf16; training in fp32");
    }

    @Test
    void autoIsBf16OnACpuWithItAndFloat32WithoutAWordOnOneWithout() {
        try (TensorFlowBackend with = new TensorFlowBackend(options(PrecisionChoice.AUTO), new CpuFeatures(Set.of("avx512_bf16")));
             TensorFlowBackend without = new TensorFlowBackend(options(PrecisionChoice.AUTO), WITHOUT_BF16)) {
            assertThat(with.precision()).isEqualTo(Precision.BF16);
            assertThat(without.precision()).isEqualTo(Precision.FP32);
        }
        try (TensorFlowBackend fp32 = new TensorFlowBackend(options(PrecisionChoice.FP32), new CpuFeatures(Set.of("amx_bf16")))) {
            assertThat(fp32.precision()).isEqualTo(Precision.FP32);
        }
    }

    private static int[] range(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            r[i] = i;
        }
        return r;
    }
}
