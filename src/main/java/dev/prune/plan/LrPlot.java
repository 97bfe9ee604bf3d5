package dev.prune.plan;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The learning rate over every iteration of every phase, in the order the run trains them, as a
 * PNG. Sweep variants are one line each, starting where the sweep starts; the oracle is drawn as
 * its highest and lowest candidate. Long runs are thinned to the lowest and highest rate of each of
 * a few thousand stretches, so that spikes stay visible.
 */
public final class LrPlot {
    private static final int BUCKETS = 4000;

    private LrPlot() {}

    /** A series' points, x as the run's iteration count. */
    private static final class Line {
        final List<Double> x = new ArrayList<>();
        final List<Double> y = new ArrayList<>();
    }

    public static void write(Planner.Plan plan, String title, Path file) throws IOException {
        System.setProperty("java.awt.headless", "true");
        Map<String, Line> lines = lines(plan);
        XYChart chart = new XYChartBuilder().width(1200).height(600).title(title)
                .xAxisTitle("iteration (all phases in run order)").yAxisTitle("learning rate").build();
        chart.getStyler().setLegendVisible(lines.size() > 1);
        chart.getStyler().setMarkerSize(0);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        for (Map.Entry<String, Line> e : lines.entrySet()) {
            Line thin = thin(e.getValue());
            XYSeries s = chart.addSeries(e.getKey(), thin.x, thin.y);
            s.setMarker(SeriesMarkers.NONE);
        }
        if (lines.isEmpty()) {
            chart.addSeries("no training", new double[] {0}, new double[] {0});
        }
        String name = file.getFileName().toString().replaceFirst("(?i)\\.png$", "");
        BitmapEncoder.saveBitmap(chart, file.resolveSibling(name).toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    /**
     * One line per variant, each beginning with what the recipe trained before the sweep; the
     * recipe's own line holds the phases outside sweeps. The oracle has two lines, its lowest and
     * its highest candidate.
     */
    static Map<String, Line> lines(Planner.Plan plan) {
        Map<String, Line> lines = new LinkedHashMap<>();
        Map<String, Long> ends = new LinkedHashMap<>();
        long common = 0;
        boolean afterSweep = false;
        for (PlanRow r : plan.rows()) {
            afterSweep |= r.variant().isEmpty() && !ends.isEmpty();
            if (!r.trains() || r.curves().isEmpty()) {
                continue;
            }
            String variant = r.variant();
            long start = variant.isEmpty() ? common : ends.getOrDefault(variant, common);
            int length = r.curves().get(0).length;
            for (int c = 0; c < r.curves().size(); c++) {
                String key = (variant.isEmpty() ? "recipe" : variant) + (r.curves().size() == 1 ? ""
                        : c == 0 ? " (oracle, lowest peak)" : " (oracle, highest peak)");
                Line line = lines.computeIfAbsent(key, k -> variant.isEmpty() ? new Line()
                        : copy(lines.getOrDefault("recipe", new Line())));
                double[] rates = r.curves().get(c);
                for (int i = 0; i < rates.length; i++) {
                    line.x.add((double) (start + i));
                    line.y.add(rates[i]);
                }
            }
            if (variant.isEmpty()) {
                common = start + length;
            } else {
                ends.put(variant, start + length);
            }
        }
        if (!ends.isEmpty() && !afterSweep) {
            lines.remove("recipe");     // every variant's line begins with it
        }
        return lines;
    }

    private static Line copy(Line line) {
        Line c = new Line();
        c.x.addAll(line.x);
        c.y.addAll(line.y);
        return c;
    }

    /** At most two points (lowest and highest rate) per stretch of the x range. */
    private static Line thin(Line line) {
        int n = line.x.size();
        if (n <= 2 * BUCKETS) {
            return line;
        }
        Line out = new Line();
        for (int b = 0; b < BUCKETS; b++) {
            int from = (int) ((long) b * n / BUCKETS);
            int to = (int) ((long) (b + 1) * n / BUCKETS);
            int lo = from;
            int hi = from;
            for (int i = from; i < to; i++) {
                lo = line.y.get(i) < line.y.get(lo) ? i : lo;
                hi = line.y.get(i) > line.y.get(hi) ? i : hi;
            }
            int first = Math.min(lo, hi);
            int second = Math.max(lo, hi);
            out.x.add(line.x.get(first));
            out.y.add(line.y.get(first));
            if (second != first) {
                out.x.add(line.x.get(second));
                out.y.add(line.y.get(second));
            }
        }
        return out;
    }
}
