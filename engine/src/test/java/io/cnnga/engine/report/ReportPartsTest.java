package io.cnnga.engine.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.cnnga.api.ActivationFunction;
import io.cnnga.api.Genome;
import io.cnnga.api.LayerSpec;
import io.cnnga.api.ModelSpec;
import io.cnnga.api.Padding;
import io.cnnga.api.Shape;
import io.cnnga.engine.model.NetworkJson;
import io.cnnga.engine.journal.JournalJson;
import io.cnnga.engine.journal.ParameterHistogram;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The report's pieces on their own: histograms, the network diagram, charts with unusual data. */
class ReportPartsTest {

    @Test
    void histogramBinsEveryValueAndReadsBackEqual() throws Exception {
        float[] values = {-1f, -0.5f, 0f, 0.25f, 1f, Float.NaN};
        ParameterHistogram h = ParameterHistogram.of("conv2d", "bias", 2, values, 4);
        assertThat(h.counts()).containsExactly(1, 1, 2, 1);   // the maximum falls in the last bin; NaN in none
        assertThat(h.edges()).containsExactly(-1, -0.5, 0, 0.5, 1);
        String json = JournalJson.mapper().writeValueAsString(h);
        assertThat(json).isEqualTo("{\"layer\":\"conv2d\",\"kind\":\"bias\",\"epoch\":2,\"edges\":[-1.0,-0.5,0.0,0.5,1.0],"
                + "\"counts\":[1,1,2,1]}");
        assertThat(JournalJson.mapper().readValue(json, ParameterHistogram.class)).isEqualTo(h);

        ParameterHistogram zeros = ParameterHistogram.of("conv2d", "bias", 0, new float[16], 6);
        assertThat(zeros.total()).isEqualTo(16);
        assertThat(zeros.edges()[0]).isLessThan(0);
        assertThat(zeros.edges()[6]).isGreaterThan(0);

        assertThat(ParameterHistogram.binsFor(8)).isEqualTo(ParameterHistogram.MIN_BINS);
        assertThat(ParameterHistogram.binsFor(16)).isEqualTo(6);
        assertThat(ParameterHistogram.binsFor(512)).isEqualTo(16);
        assertThat(ParameterHistogram.binsFor(1_000_000)).isEqualTo(ParameterHistogram.MAX_BINS);
    }

    @Test
    void diagramHasABoxPerLayerWithItsShapeAndIsWellFormed() throws Exception {
        ModelSpec spec = new ModelSpec(Shape.of(28, 28, 1), 10, List.of(
                new LayerSpec.Conv2D(24, 3, 1, Padding.SAME), LayerSpec.Activation.of(ActivationFunction.LEAKY_RELU),
                new LayerSpec.BatchNorm(1e-3), new LayerSpec.MaxPool(2, 2, Padding.SAME), new LayerSpec.Dropout(0.25),
                new LayerSpec.Flatten(), new LayerSpec.Dense(10)));
        String svg = NetworkDiagram.svg(NetworkJson.of(Genome.of("0101"), spec, "a <small> & \"odd\" network"));
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        assertThat(doc.getElementsByTagName("rect").getLength()).isEqualTo(1 + 1 + 7);   // background, input, layers
        assertThat(svg).contains("28\u00d728\u00d724", "14\u00d714\u00d724", ">4704<", "a &lt;small&gt; &amp; &quot;odd&quot; network")
                .contains("Conv2D 24 filters 3\u00d73, stride 1, same", "Activation leaky_relu (alpha 0.2)",
                        "MaxPooling2D 2\u00d72, stride 2, same", "Dropout rate 0.25", "Dense 10 units");
    }

    @Test
    void manyClassesGetAHeatMapAndManyEpochsAreThinned() throws Exception {
        int n = 30;
        long[][] matrix = new long[n][n];
        for (int t = 0; t < n; t++) {
            for (int p = 0; p < n; p++) {
                matrix[t][p] = t == p ? 40 : (t + p) % 3;
            }
        }
        List<String> names = IntStream.range(0, n).mapToObj(i -> "class " + i).toList();
        BufferedImage heat = ImageIO.read(new ByteArrayInputStream(ReportCharts.confusionHeatMap(matrix, names)));
        assertThat(heat).isNotNull();

        List<ParameterHistogram> epochs = new ArrayList<>();
        for (int e = 1; e <= 50; e++) {
            float[] v = new float[32];
            for (int i = 0; i < v.length; i++) {
                v[i] = (i - 16) * 0.001f * e;
            }
            epochs.add(ParameterHistogram.of("conv2d", "bias", e, v, ParameterHistogram.binsFor(v.length)));
        }
        assertThat(ReportCharts.thin(epochs, ReportCharts.RIDGES)).hasSize(ReportCharts.RIDGES)
                .first().extracting(ParameterHistogram::epoch).isEqualTo(1);
        assertThat(ReportCharts.thin(epochs, ReportCharts.RIDGES).get(ReportCharts.RIDGES - 1).epoch()).isEqualTo(50);
        BufferedImage ridges = ImageIO.read(new ByteArrayInputStream(ReportCharts.biasDistribution("conv2d", epochs)));
        assertThat(ridges.getWidth()).isEqualTo(2 * ReportCharts.WIDTH);
    }

    @Test
    void convLayersAreNamedByStageAndPosition() {
        ModelSpec spec = new ModelSpec(Shape.of(8, 8, 1), 2, List.of(
                new LayerSpec.Conv2D(4, 3, 1, Padding.SAME), new LayerSpec.Conv2D(4, 3, 1, Padding.SAME),
                new LayerSpec.MaxPool(2, 2, Padding.SAME), new LayerSpec.Conv2D(8, 3, 1, Padding.SAME),
                new LayerSpec.Flatten(), new LayerSpec.Dense(2)));
        JsonNode network = NetworkJson.of(null, spec, null);
        assertThat(RunReport.convStages(network)).containsEntry("conv2d", " (stage 1, convolution 1)")
                .containsEntry("conv2d_1", " (stage 1, convolution 2)").containsEntry("conv2d_2", " (stage 2, convolution 1)");
    }
}
