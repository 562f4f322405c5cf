package dev.aiobridge.site;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The benchmark table and chart, from the checked-in output of the last {@code benchmarks/run}
 * ({@code data/benchmarks-last-run.txt}, its {@code RESULT} lines) and the measures' descriptions in
 * {@code benchmarks/README.md}. The chart is an SVG drawn here: one bar per measure with a goal, its
 * length how far the ratio is from the goal (the goal line at 1.0).
 */
final class BenchmarkPage {

    private static final Pattern RESULT = Pattern.compile(
            "^RESULT (\\S+) (\\S+) (\\S+) ratio=(\\S+) goal=(\\S+)\\s*$");
    /** A row of benchmarks/README.md's measure tables: an id (P1, P1t, T2k, T1Mf...), then what it measures. */
    private static final Pattern MEASURE_ROW = Pattern.compile("^\\| ([PT]\\d\\w*) \\| ([^|]+) \\|");

    /** One RESULT line. */
    record Result(String id, String value, String unit, String ratio, String goal) {

        boolean hasGoal() {
            return goal.startsWith("<=") || goal.startsWith(">=");
        }

        boolean measured() {
            return !ratio.equals("NA");
        }

        double goalValue() {
            return Double.parseDouble(goal.substring(2));
        }

        /** How far the measure is past its goal: 1.0 at the goal, above 1 better. */
        double score() {
            double r = Double.parseDouble(ratio);
            return goal.startsWith(">=") ? r / goalValue() : goalValue() / r;
        }

        String met() {
            if (!hasGoal()) {
                return "-";
            }
            if (!measured()) {
                return "NA";
            }
            return score() >= 1.0 ? "ok" : "MISS";
        }
    }

    private final Path repo;
    private final Path adoc;

    BenchmarkPage(Path repo, Path adoc) {
        this.repo = repo;
        this.adoc = adoc;
    }

    List<String> write() throws IOException {
        List<Result> results = new ArrayList<>();
        for (String line : Files.readAllLines(adoc.resolve("data/benchmarks-last-run.txt"), StandardCharsets.UTF_8)) {
            Matcher m = RESULT.matcher(line);
            if (m.matches()) {
                results.add(new Result(m.group(1), m.group(2), m.group(3), m.group(4), m.group(5)));
            }
        }
        if (results.isEmpty()) {
            throw new IllegalStateException("data/benchmarks-last-run.txt has no RESULT line");
        }
        Map<String, String> what = new HashMap<>();
        for (String line : Files.readAllLines(repo.resolve("benchmarks/README.md"), StandardCharsets.UTF_8)) {
            Matcher m = MEASURE_ROW.matcher(line);
            if (m.find()) {
                what.put(m.group(1), m.group(2).strip());
            }
        }
        StringBuilder t = new StringBuilder();
        t.append("[cols=\"1,6,2,1,1,1\",options=\"header\"]\n|===\n| id | what | value | ratio | goal | met\n");
        for (Result r : results) {
            t.append("| ").append(r.id()).append("\n| ").append(SiteGenerator.cell(what.getOrDefault(r.id(), "")))
                    .append("\n| ").append(r.value()).append(" ").append(r.unit())
                    .append("\n| ").append(r.ratio()).append("\n| ").append(r.goal().equals("none") ? "-" : "`+" + r.goal() + "+`")
                    .append("\n| ").append(r.met()).append("\n");
        }
        t.append("|===\n");
        SiteGenerator.write(adoc.resolve("_generated/benchmarks-table.adoc"), t.toString());
        SiteGenerator.write(adoc.resolve("images/benchmarks-chart.svg"), chart(results));
        return List.of("_generated/benchmarks-table.adoc", "images/benchmarks-chart.svg");
    }

    /** A horizontal bar per measure with a goal: score on a log scale from 1/4 to 4, the goal at 1. */
    private static String chart(List<Result> results) {
        List<Result> rows = results.stream().filter(Result::hasGoal).toList();
        int labelW = 70;
        int plotW = 520;
        int rowH = 28;
        int top = 40;
        int h = top + rows.size() * rowH + 40;
        int w = labelW + plotW + 200;
        double min = Math.log(0.25);
        double max = Math.log(4);
        java.util.function.DoubleFunction<Double> x = s -> labelW
                + plotW * (Math.log(Math.max(0.25, Math.min(4, s))) - min) / (max - min);
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
                        + "font-family=\"sans-serif\" font-size=\"13\">\n", w, h, w, h));
        svg.append("<title>Benchmark goals: how far each measure is from its goal (last benchmarks/run)</title>\n");
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        svg.append(String.format(Locale.ROOT,
                "<text x=\"%d\" y=\"20\" font-weight=\"bold\">ratio relative to its goal (log scale; right of the line = goal met)</text>\n",
                labelW));
        for (double tick : new double[] {0.25, 0.5, 1, 2, 4}) {
            double tx = x.apply(tick);
            svg.append(String.format(Locale.ROOT,
                    "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\" stroke-width=\"%s\"/>\n",
                    tx, top - 6, tx, top + rows.size() * rowH, tick == 1 ? "#222" : "#ccc", tick == 1 ? "2" : "1"));
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" fill=\"#555\">%s</text>\n",
                    tx, top + rows.size() * rowH + 18, tick == 1 ? "goal" : (tick < 1 ? "1/" + (int) (1 / tick) : (int) tick + "x")));
        }
        int i = 0;
        for (Result r : rows) {
            int y = top + i * rowH;
            svg.append(String.format(Locale.ROOT, "<text x=\"0\" y=\"%d\">%s</text>\n", y + 18, r.id()));
            if (r.measured()) {
                double s = r.score();
                double x0 = x.apply(1);
                double x1 = x.apply(s);
                String colour = s >= 1 ? "#3a7d44" : "#c0392b";
                svg.append(String.format(Locale.ROOT,
                        "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>\n",
                        Math.min(x0, x1), y + 5, Math.max(1, Math.abs(x1 - x0)), rowH - 10, colour));
            }
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"#333\">ratio %s, goal %s, %s</text>\n",
                    labelW + plotW + 10, y + 18, r.ratio(), xml(r.goal()), r.met()));
            i++;
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
