package io.cnnga.engine.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cnnga.api.Checkpoint;
import io.cnnga.api.EpochMetrics;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** An epoch's JSON, as journals and worker processes carry it, with and without checkpoints. */
class EpochMetricsJsonTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void anEpochWrittenBeforeCheckpointsExistedReadsWithNone() throws Exception {
        String old = """
                {"epoch":1,"loss":1.62,"accuracy":0.64,"validationLoss":0.57,"validationAccuracy":0.776,
                 "seconds":9.1,"imagesPerSecond":709.0,"complete":true}
                """;
        EpochMetrics m = MAPPER.readValue(old, EpochMetrics.class);
        assertThat(m).isEqualTo(new EpochMetrics(1, 1.62, 0.64, 0.57, 0.776, 9.1, 709.0, true));
        assertThat(m.checkpoints()).isEmpty();
    }

    @Test
    void checkpointsGoThereAndBack() throws Exception {
        EpochMetrics m = new EpochMetrics(2, 0.5, 0.8, 0.6, 0.75, 3.0, 100.0, false,
                List.of(new Checkpoint(2, 30, 0.75, 0.61, 0.74, 1024, 12.5)));
        JsonNode tree = MAPPER.valueToTree(m);
        assertThat(tree.get("checkpoints").get(0).get("step").asInt()).isEqualTo(30);
        assertThat(MAPPER.treeToValue(tree, EpochMetrics.class)).isEqualTo(m);
    }
}
