package io.cnnga.engine.report;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReportChartsTest {

    @Test
    void axisNumbersOfThousandsAndMoreReadWithAnSiPrefix() {
        assertThat(ReportCharts.compactNumber(1.2e7)).isEqualTo("12 M");
        assertThat(ReportCharts.compactNumber(1.55e7)).isEqualTo("15.5 M");
        assertThat(ReportCharts.compactNumber(4_240_618)).isEqualTo("4.2 M");
        assertThat(ReportCharts.compactNumber(2500)).isEqualTo("2.5 k");
        assertThat(ReportCharts.compactNumber(3e9)).isEqualTo("3 G");
        assertThat(ReportCharts.compactNumber(-2e6)).isEqualTo("-2 M");
    }

    @Test
    void smallAxisNumbersKeepTheirDecimals() {
        assertThat(ReportCharts.compactNumber(0)).isEqualTo("0");
        assertThat(ReportCharts.compactNumber(0.8125)).isEqualTo("0.813");
        assertThat(ReportCharts.compactNumber(0.8)).isEqualTo("0.8");
        assertThat(ReportCharts.compactNumber(120)).isEqualTo("120");
        assertThat(ReportCharts.compactNumber(0.002)).isEqualTo("2.0e-03");
    }
}
