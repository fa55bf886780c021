package io.cnnga.engine.compare;

import io.cnnga.engine.report.Html;
import java.util.Locale;

/**
 * A comparison as one self-contained HTML page ({@code compare.html}): the setup, the table (a
 * group of four columns per backend) and how far each later backend is from the first.
 *
 * <pre>{@code
 * Files.writeString(dir.resolve("compare.html"), ComparisonHtml.of(comparison));
 * }</pre>
 *
 * <p>Plain HTML and inline CSS, no script, font or image from elsewhere, so the page opens
 * anywhere, offline. On a narrow screen the table scrolls sideways inside its box while the
 * genome column stays in view.
 */
public final class ComparisonHtml {

    private ComparisonHtml() {
    }

    private static final String STYLE = """
            body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 1rem; color: #222;
                   line-height: 1.45; max-width: 72rem; }
            h1 { font-size: 1.35rem; margin: 0 0 .5rem; }
            p, li { font-size: .95rem; }
            .scroll { overflow-x: auto; -webkit-overflow-scrolling: touch; border: 1px solid #ddd; border-radius: 4px; }
            table { border-collapse: collapse; font-size: .9rem; white-space: nowrap; }
            th, td { padding: .35rem .6rem; text-align: right; border-bottom: 1px solid #eee; }
            th { background: #f4f4f4; font-weight: 600; }
            th.backend { text-align: center; border-left: 2px solid #ccc; }
            td.first, th.first { border-left: 2px solid #ccc; }
            td.genome, th.genome { text-align: left; font-family: ui-monospace, Menlo, Consolas, monospace;
                   position: sticky; left: 0; background: #fff; }
            th.genome { background: #f4f4f4; }
            td.failed { color: #a00; text-align: left; }
            tbody tr:nth-child(even) td { background: #fafafa; }
            tbody tr:nth-child(even) td.genome { background: #fafafa; }
            .note { color: #555; font-size: .85rem; }
            """;

    public static String of(Comparison c) {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(esc("Backends compared: " + c.plan())).append("</title>\n")
                .append("<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n");
        h.append("<h1>").append(esc("Backends compared on " + c.plan())).append("</h1>\n");
        h.append("<p>").append(esc(String.format(Locale.ROOT,
                "%d genome%s trained on %s with the same data, splits and seed (%d): %s, %,d training images, "
                        + "%,d validation, %,d test; %d epoch%s, batch %d, Adam learning rate %s.",
                c.rows().size(), c.rows().size() == 1 ? "" : "s", String.join(" and ", c.backends()), c.seed(),
                c.dataset(), c.trainImages(), c.validationImages(), c.testImages(), c.config().epochs(),
                c.config().epochs() == 1 ? "" : "s", c.config().batchSize(), c.config().learningRate()))).append("</p>\n");

        h.append("<div class=\"scroll\"><table>\n<thead>\n<tr><th class=\"genome\" rowspan=\"2\">genome</th>")
                .append("<th rowspan=\"2\">params</th>");
        for (String backend : c.backends()) {
            h.append("<th class=\"backend\" colspan=\"5\">").append(esc(backend)).append("</th>");
        }
        h.append("</tr>\n<tr>");
        for (int i = 0; i < c.backends().size(); i++) {
            // Short headers so that two backends fit a laptop screen; the note below spells them out.
            h.append("<th class=\"first\" title=\"validation accuracy\">val. acc.</th><th title=\"test accuracy\">test acc.</th>")
                    .append("<th title=\"training images per second\">train img/s</th><th title=\"seconds\">s</th>")
                    .append("<th title=\"precision\">prec.</th>");
        }
        h.append("</tr>\n</thead>\n<tbody>\n");
        for (ComparisonRow row : c.rows()) {
            h.append("<tr><td class=\"genome\">").append(esc(row.genome().bits())).append("</td><td>")
                    .append(String.format(Locale.ROOT, "%,d", row.params())).append("</td>");
            for (BackendOutcome o : row.outcomes()) {
                if (o.ok()) {
                    h.append("<td class=\"first\">").append(accuracy(o.validationAccuracy())).append("</td><td>")
                            .append(accuracy(o.testAccuracy())).append("</td><td>")
                            .append(String.format(Locale.ROOT, "%,.0f", o.trainImagesPerSecond())).append("</td><td>")
                            .append(String.format(Locale.ROOT, "%.1f", o.seconds())).append("</td><td>")
                            .append(esc(o.precision())).append("</td>");
                } else {
                    h.append("<td class=\"first failed\" colspan=\"3\">failed: ").append(esc(o.failure()))
                            .append("</td><td>").append(String.format(Locale.ROOT, "%.1f", o.seconds()))
                            .append("</td><td></td>");
                }
            }
            h.append("</tr>\n");
        }
        h.append("</tbody>\n</table></div>\n");

        if (!c.gaps().isEmpty()) {
            h.append("<ul>\n");
            for (BackendGap gap : c.gaps()) {
                h.append("<li>").append(esc(gap.describe())).append("</li>\n");
            }
            h.append("</ul>\n");
        }
        h.append("<p class=\"note\">Val. acc.: validation accuracy, measured after the last epoch; test acc.: test ")
                .append("accuracy, measured once after training. Train img/s counts training steps only. Seconds (s) cover building the network, ")
                .append("training, validating and testing; prec.: what convolutions and matrix products computed in ")
                .append("(fp32, bf16). For one seed the tensorflow and pytorch backends start from the ")
                .append("same initial weights and see the batches in the same order; their dropout masks differ, so ")
                .append("their accuracies differ by training noise as well.</p>\n");
        h.append("</body>\n</html>\n");
        return h.toString();
    }

    private static String accuracy(double value) {
        return Double.isNaN(value) ? "&ndash;" : String.format(Locale.ROOT, "%.4f", value);
    }

    static String esc(String s) {
        return Html.escape(s);
    }
}
