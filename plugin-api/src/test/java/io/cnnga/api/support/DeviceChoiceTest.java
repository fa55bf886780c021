package io.cnnga.api.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DeviceChoiceTest {

    @Test
    void parsesTheThreeFormsAndPrintsThemBack() {
        assertThat(DeviceChoice.parse("auto")).isEqualTo(DeviceChoice.AUTO);
        assertThat(DeviceChoice.parse("cpu")).isEqualTo(DeviceChoice.CPU);
        assertThat(DeviceChoice.parse("gpu:12")).isEqualTo(new DeviceChoice(DeviceChoice.Kind.GPU, 12));
        for (String text : new String[] {"auto", "cpu", "gpu:0", "gpu:12"}) {
            assertThat(DeviceChoice.parse(text)).hasToString(text);
        }
        assertThat(DeviceChoice.parse("gpu:3").isGpu()).isTrue();
        assertThat(DeviceChoice.CPU.isGpu()).isFalse();
    }

    @Test
    void anythingElseNamesTheAcceptedForms() {
        for (String text : new String[] {"gpu", "GPU:0", "gpu:-1", "gpu:1234", "tpu", " cpu", ""}) {
            assertThatThrownBy(() -> DeviceChoice.parse(text)).as(text)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("unknown device \"" + text + "\"; use auto, cpu or gpu:N (e.g. gpu:0)");
        }
        assertThatThrownBy(() -> DeviceChoice.parse(null)).hasMessage("a device is required: auto, cpu or gpu:N");
        assertThatThrownBy(() -> new DeviceChoice(DeviceChoice.Kind.CPU, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
