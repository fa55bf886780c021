package io.cnnga.engine.report;

import io.cnnga.api.Genome;
import io.cnnga.api.InferenceLatency;
import io.cnnga.api.Precision;
import io.cnnga.api.TrialResult;
import io.cnnga.api.TrialStatus;
import io.cnnga.api.TrialStop;
import io.cnnga.engine.journal.RunRecord;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** trials.csv: the eleven columns always, then those the run recorded values for. */
class TrialsCsvTest {

    static final Instant START = Instant.parse("2026-12-05T10:00:00Z");

    static RunRecord.Trial trial(int index, TrialStatus status, TrialStop stop, InferenceLatency latency, Precision precision) {
        TrialResult r = new TrialResult(0, index, Genome.of("0101"), status, 0.75, List.of(), 1000, 20000, 1.5,
                status == TrialStatus.PRUNED ? "pruned, a reason, with commas" : "", stop, latency, precision);
        return new RunRecord.Trial(r, START, START.plusSeconds(2));
    }

    @Test
    void aRunThatRecordedNothingMoreHasTheElevenColumnsAlone() {
        String csv = TrialsCsv.of(List.of(trial(0, TrialStatus.COMPLETE, null, null, null)));
        assertThat(csv).isEqualTo(TrialsCsv.HEADER + "\r\n"
                + "0,0,0101,COMPLETE,0.750000,1000,20000,1.500,,2026-12-05T10:00:00Z,2026-12-05T10:00:02Z\r\n");
    }

    @Test
    void precisionStopsAndLatencyGetColumnsWhenAnyTrialHasThemAndEmptyFieldsWhereOneHasNot() {
        String csv = TrialsCsv.of(List.of(
                trial(0, TrialStatus.COMPLETE, null, new InferenceLatency(0.8125, "cpu"), Precision.BF16),
                trial(1, TrialStatus.PRUNED, new TrialStop(TrialStop.MEDIAN_PRUNER, 0.25), null, Precision.BF16),
                trial(2, TrialStatus.FAILED, null, null, null)));
        assertThat(csv.split("\r\n")).containsExactly(
                TrialsCsv.HEADER + ",precision,stoppedBy,stoppedAt,latencyMs,latencyDevice",
                "0,0,0101,COMPLETE,0.750000,1000,20000,1.500,,2026-12-05T10:00:00Z,2026-12-05T10:00:02Z,bf16,,,0.8125,cpu",
                "0,1,0101,PRUNED,0.750000,1000,20000,1.500,\"pruned, a reason, with commas\",2026-12-05T10:00:00Z,"
                        + "2026-12-05T10:00:02Z,bf16,median-pruner,0.2500,,",
                "0,2,0101,FAILED,0.750000,1000,20000,1.500,,2026-12-05T10:00:00Z,2026-12-05T10:00:02Z,,,,,");
    }

    @Test
    void onlyTheColumnsWithValuesAreAdded() {
        String csv = TrialsCsv.of(List.of(trial(0, TrialStatus.COMPLETE, null, null, Precision.FP32)));
        assertThat(csv).startsWith(TrialsCsv.HEADER + ",precision\r\n").contains(",fp32\r\n");
    }
}
