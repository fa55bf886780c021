package io.cnnga.engine.report;

import io.cnnga.engine.journal.RunRecord;
import io.cnnga.api.TrialResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * {@code trials.csv}: one row per trial, for spreadsheets and pandas.
 *
 * <pre>{@code
 * String csv = TrialsCsv.of(RunRecord.read(dir).trials());
 * // generation,index,genome,status,fitness,params,flops,seconds,reason,startedAt,finishedAt,precision
 * // 0,0,01010001110010011100,COMPLETE,0.7312,1234567,98765432,41.200,,2025-...Z,2025-...Z,bf16
 * }</pre>
 *
 * <p>The first eleven columns ({@link #HEADER}) are always there. After them come those the run has
 * values for, in this order: {@code precision} (what the trial trained in: {@code fp32},
 * {@code bf16}, empty when no training session opened), {@code stoppedBy} and {@code stoppedAt}
 * (a trial stopped early: {@code time-limit}, {@code median-pruner} or {@code successive-halving},
 * and the fraction of its training done), {@code latencyMs} and {@code latencyDevice} (a search
 * measuring latency). A run whose journal records none of them, such as one of an engine from
 * before them, gets the eleven columns alone, so its file rebuilds byte for byte.
 *
 * <p>RFC 4180: comma-separated, CRLF line ends, fields with commas, quotes or line breaks quoted.
 * The genome is written as its bits; spreadsheets that turn it into a number need the column
 * typed as text.
 */
public final class TrialsCsv {

    public static final String FILE = "trials.csv";
    public static final String HEADER = "generation,index,genome,status,fitness,params,flops,seconds,reason,startedAt,finishedAt";

    /** The columns after {@link #HEADER}, each written when some trial of the run has a value (a non-empty field) for it. */
    private static final List<Column> OPTIONAL = List.of(
            new Column("precision", r -> r.precision() == null ? "" : r.precision().id()),
            new Column("stoppedBy", r -> r.stop() == null ? "" : r.stop().cause()),
            new Column("stoppedAt", r -> r.stop() == null ? "" : String.format(Locale.ROOT, "%.4f", r.stop().fraction())),
            new Column("latencyMs", r -> r.latency() == null ? "" : String.format(Locale.ROOT, "%.4f", r.latency().millis())),
            new Column("latencyDevice", r -> r.latency() == null ? "" : r.latency().device()));

    private TrialsCsv() {
    }

    public static String of(List<RunRecord.Trial> trials) {
        List<Column> extra = new ArrayList<>();
        for (Column c : OPTIONAL) {
            if (trials.stream().anyMatch(t -> !c.value().apply(t.result()).isEmpty())) {
                extra.add(c);
            }
        }
        StringBuilder b = new StringBuilder(HEADER);
        extra.forEach(c -> b.append(',').append(c.name()));
        b.append("\r\n");
        for (RunRecord.Trial t : trials) {
            TrialResult r = t.result();
            b.append(r.generation()).append(',')
                    .append(r.index()).append(',')
                    .append(r.genome().bits()).append(',')
                    .append(r.status()).append(',')
                    .append(String.format(Locale.ROOT, "%.6f", r.fitness())).append(',')
                    .append(r.params()).append(',')
                    .append(r.flops()).append(',')
                    .append(String.format(Locale.ROOT, "%.3f", r.seconds())).append(',')
                    .append(field(r.reason())).append(',')
                    .append(t.startedAt()).append(',')
                    .append(t.finishedAt());
            extra.forEach(c -> b.append(',').append(field(c.value().apply(r))));
            b.append("\r\n");
        }
        return b.toString();
    }

    static String field(String text) {
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            return "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }

    /** An optional column: its header and a trial's value, empty when the trial has none. */
    private record Column(String name, Function<TrialResult, String> value) {
    }
}
