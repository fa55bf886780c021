package io.cnnga.engine.report;

import io.cnnga.engine.journal.RunRecord;
import io.cnnga.api.TrialResult;

import java.util.List;
import java.util.Locale;

/**
 * {@code trials.csv}: one row per trial, for spreadsheets and pandas.
 *
 * <pre>{@code
 * String csv = TrialsCsv.of(RunRecord.read(dir).trials());
 * // generation,index,genome,status,fitness,params,flops,seconds,reason,startedAt,finishedAt
 * // 0,0,01010001110010011100,COMPLETE,0.7312,1234567,98765432,41.200,,2025-...Z,2025-...Z
 * }</pre>
 *
 * <p>RFC 4180: comma-separated, CRLF line ends, fields with commas, quotes or line breaks quoted.
 * The genome is written as its bits; spreadsheets that turn it into a number need the column
 * typed as text.
 */
public final class TrialsCsv {

    public static final String FILE = "trials.csv";
    public static final String HEADER = "generation,index,genome,status,fitness,params,flops,seconds,reason,startedAt,finishedAt";

    private TrialsCsv() {
    }

    public static String of(List<RunRecord.Trial> trials) {
        StringBuilder b = new StringBuilder(HEADER).append("\r\n");
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
                    .append(t.finishedAt()).append("\r\n");
        }
        return b.toString();
    }

    static String field(String text) {
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            return "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }
}
