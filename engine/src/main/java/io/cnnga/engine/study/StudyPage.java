package io.cnnga.engine.study;

import io.cnnga.engine.report.Html;

import java.util.Locale;

/**
 * {@code study.html}: the study's verdict, its runs as a table, and its two charts, on one page
 * with no external resources.
 *
 * <pre>{@code
 * String html = StudyPage.html(result);   // charts expected in study/ beside the page
 * }</pre>
 */
final class StudyPage {

    static final String NETWORKS_CHART = "best-by-networks.png";
    static final String SECONDS_CHART = "best-by-seconds.png";

    private StudyPage() {
    }

    static String html(StudyResult r) {
        StringBuilder b = new StringBuilder(16 * 1024);
        String title = "cnnga study " + r.plan();
        b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
                .append(Html.escape(title)).append("</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n<main>\n")
                .append("<h1>").append(Html.escape(title)).append("</h1>\n");
        b.append(String.format(Locale.ROOT, "<p>%d arm(s), %d seed(s) each. Arms are compared at equal cost: the "
                        + "best validation accuracy among each run's first <b>%d</b> trained networks (the fewest any run "
                        + "trained; networks taken from the cache cost nothing), and within <b>%.0f</b> seconds of training.</p>\n",
                r.arms().size(), r.seeds().size(), r.budget(), r.secondsBudget()));
        b.append("<table>\n<thead><tr><th>arm</th><th class=\"num\">median best at ").append(r.budget())
                .append(" networks</th><th class=\"num\">median best within ").append(String.format(Locale.ROOT, "%.0f", r.secondsBudget()))
                .append(" s</th><th class=\"num\">median best at the end</th></tr></thead>\n<tbody>\n");
        double top = r.medians().values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
        for (String arm : r.arms()) {
            double m = r.medians().get(arm);
            b.append("<tr").append(m == top ? " class=\"best\"" : "").append("><td>").append(Html.escape(arm))
                    .append("</td><td class=\"num\">").append(fmt(m)).append("</td><td class=\"num\">")
                    .append(fmt(r.secondsMedians().get(arm))).append("</td><td class=\"num\">")
                    .append(fmt(r.finalMedians().get(arm))).append("</td></tr>\n");
        }
        b.append("</tbody></table>\n");
        if (r.hypervolumeMedians() != null) {
            b.append("<p>Several objectives: the median hypervolume of each arm's fronts at ").append(r.budget())
                    .append(" networks (the share of the objective space, each cost scaled by its worst value, that the "
                            + "networks found dominate): ");
            java.util.List<String> parts = new java.util.ArrayList<>();
            r.hypervolumeMedians().forEach((arm, hv) -> parts.add(Html.escape(arm) + " <b>" + fmt(hv) + "</b>"));
            b.append(String.join(", ", parts)).append(".</p>\n");
        }
        if (!r.comparisons().isEmpty()) {
            b.append("<h2>Seed by seed</h2>\n<p>Runs of the same seed start from the same generation 0, so each seed "
                    + "pairs a run of each arm. For every two arms: on how many seeds the first found the better "
                    + "network (wins), the worse (losses) or the same (ties), and the two-sided sign test's p-value: how "
                    + "often two equally good arms would split at least this unevenly (ties left out). With n seeds it "
                    + "is at least 2 / 2<sup>n</sup>: below 0.05 takes six seeds or more.</p>\n");
            b.append("<table>\n<thead><tr><th>arm</th><th>against</th><th>compared</th><th class=\"num\">wins</th>"
                    + "<th class=\"num\">losses</th><th class=\"num\">ties</th><th class=\"num\">p</th></tr></thead>\n<tbody>\n");
            for (ArmComparison c : r.comparisons()) {
                b.append("<tr><td>").append(Html.escape(c.arm())).append("</td><td>").append(Html.escape(c.against()))
                        .append("</td><td>").append(Html.escape(r.where(c))).append("</td><td class=\"num\">")
                        .append(c.wins()).append("</td><td class=\"num\">").append(c.losses())
                        .append("</td><td class=\"num\">").append(c.ties()).append("</td><td class=\"num\">")
                        .append(String.format(Locale.ROOT, "%.3g", c.pValue())).append("</td></tr>\n");
            }
            b.append("</tbody></table>\n");
        }
        b.append("<div class=\"figures\">\n")
                .append(figure(NETWORKS_CHART, "Best validation accuracy so far against networks trained: a thin line per run, "
                        + "each arm's median over its seeds bold"))
                .append(figure(SECONDS_CHART, "The same against seconds of training"))
                .append("</div>\n");
        b.append("<h2>Runs</h2>\n<div class=\"scroll\"><table>\n<thead><tr><th>arm</th><th class=\"num\">seed</th>")
                .append("<th>run folder</th><th class=\"num\">trained</th><th class=\"num\">seconds</th>")
                .append("<th class=\"num\">training s</th><th class=\"num\">best</th><th class=\"num\">best at ")
                .append(r.budget()).append("</th><th class=\"num\">test</th></tr></thead>\n<tbody>\n");
        for (StudyRun run : r.runs()) {
            b.append("<tr><td>").append(Html.escape(run.arm())).append("</td><td class=\"num\">").append(run.seed())
                    .append("</td><td><a href=\"").append(Html.escape(run.folder())).append("/report.html\">")
                    .append(Html.escape(run.folder())).append("</a></td><td class=\"num\">").append(run.trained())
                    .append("</td><td class=\"num\">").append(String.format(Locale.ROOT, "%.0f", run.seconds()))
                    .append("</td><td class=\"num\">").append(String.format(Locale.ROOT, "%.0f", run.trainingSeconds()))
                    .append("</td><td class=\"num\">").append(fmt(run.bestValidationAccuracy()))
                    .append("</td><td class=\"num\">").append(fmt(run.bestAfter(r.budget())))
                    .append("</td><td class=\"num\">").append(run.testAccuracy() == null ? "–" : fmt(run.testAccuracy()))
                    .append("</td></tr>\n");
        }
        b.append("</tbody></table></div>\n<p class=\"note\">Also in <a href=\"").append(Study.JSON).append("\">")
                .append(Study.JSON).append("</a> and <a href=\"").append(Study.CSV).append("\">").append(Study.CSV)
                .append("</a>. Each run folder has its own report.</p>\n</main>\n</body>\n</html>\n");
        return b.toString();
    }

    private static String figure(String file, String caption) {
        String src = Study.IMAGES + "/" + file;
        return "<figure><a href=\"" + src + "\"><img src=\"" + src + "\" alt=\"" + Html.escape(caption) + "\"></a><figcaption>"
                + Html.escape(caption) + "</figcaption></figure>\n";
    }

    private static String fmt(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4f", v) : "–";
    }

    private static final String CSS = """
            body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color: #1f2328; }
            main { max-width: 1120px; margin: 0 auto; padding: 16px; }
            h1 { font-size: 1.5rem; overflow-wrap: anywhere; }
            table { border-collapse: collapse; font-size: .92rem; font-variant-numeric: tabular-nums; margin: 12px 0; }
            th, td { padding: 5px 10px; border-bottom: 1px solid #d0d7de; text-align: left; }
            thead th { background: #f6f8fa; }
            .num { text-align: right; white-space: nowrap; }
            tr.best td { background: #ecfdf3; font-weight: 600; }
            .scroll { overflow-x: auto; }
            .figures { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 480px), 1fr)); gap: 16px; }
            figure { margin: 12px 0; }
            figure img { display: block; width: 100%; height: auto; border: 1px solid #d0d7de; border-radius: 6px; }
            figcaption, .note { color: #57606a; font-size: .88rem; }
            """;
}
