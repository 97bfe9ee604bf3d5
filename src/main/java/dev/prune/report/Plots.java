package dev.prune.report;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The run's plots as PNG bytes, drawn with XChart from the rows of the run's tables. */
final class Plots {
    private static final int WIDTH = 800;
    private static final int HEIGHT = 480;
    /** More series than this and the legend hides the plot; the phases are told apart by colour anyway. */
    private static final int LEGEND_LIMIT = 12;

    static {
        // Charts are drawn into images only; without this a machine with no display refuses AWT.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private Plots() {
    }

    /** Test (and validation) accuracy against overall sparsity, one point per cycle, in percent. */
    static byte[] accuracyVsSparsity(List<Map<String, Object>> cycles) throws IOException {
        XYChart chart = chart("Accuracy vs sparsity", "sparsity (%)", "accuracy (%)");
        // A sweep's variants each start again from the same state: one line per variant, so none
        // is drawn as a jump back to the sparsity where the sweep began.
        Map<String, List<Map<String, Object>>> byVariant = new LinkedHashMap<>();
        for (Map<String, Object> row : cycles) {
            Object v = row.get("variant");
            byVariant.computeIfAbsent(v == null ? "" : v.toString(), k -> new ArrayList<>()).add(row);
        }
        for (Map.Entry<String, List<Map<String, Object>>> e : byVariant.entrySet()) {
            String suffix = e.getKey().isEmpty() ? (byVariant.size() > 1 ? " (before the sweep)" : "")
                    : " " + e.getKey();
            addSeries(chart, "test" + suffix, e.getValue(), "sparsity", "accuracy");
            addSeries(chart, "validation" + suffix, e.getValue(), "sparsity", "val_accuracy");
        }
        chart.getStyler().setLegendVisible(true);
        return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
    }

    /** Sparsity of each layer after each cycle, in percent, as groups of bars (equal layers stay visible). */
    static byte[] layerSparsity(List<Map<String, Object>> cycles) throws IOException {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title("Sparsity per layer")
                .xAxisTitle("cycle").yAxisTitle("sparsity (%)").build();
        style(chart.getStyler());
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(100.0);
        chart.getStyler().setOverlapped(false);
        List<String> labels = new ArrayList<>();
        cycles.forEach(c -> labels.add(String.valueOf(c.get("cycle"))));
        if (!cycles.isEmpty()) {
            for (String key : cycles.get(0).keySet()) {
                if (key.startsWith("sparsity_")) {
                    List<Double> values = new ArrayList<>();
                    cycles.forEach(c -> values.add(100 * orZero(RunFiles.num(c, key))));
                    chart.addSeries(key.substring("sparsity_".length()), labels, values);
                }
            }
        }
        return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
    }

    private static double orZero(double v) {
        return Double.isFinite(v) ? v : 0;
    }

    /**
     * The learning rate of every iteration over the run, one colour per phase. {@code lr.csv}
     * leaves out iterations whose rate equals the one before, so the curve is drawn as steps.
     */
    static byte[] learningRate(List<List<String>> lrRows) throws IOException {
        XYChart chart = chart("Learning rate", "iteration", "learning rate");
        Map<String, List<double[]>> phases = new LinkedHashMap<>();
        String currentPhase = null;
        List<double[]> points = null;
        Map<String, Integer> seen = new LinkedHashMap<>();
        for (List<String> row : lrRows.subList(Math.min(1, lrRows.size()), lrRows.size())) {
            if (row.size() < 4) {
                continue;
            }
            double iteration = Double.parseDouble(row.get(0));
            double lr = Double.parseDouble(row.get(3));
            String phase = row.get(1);
            if (!phase.equals(currentPhase) || points.get(points.size() - 1)[0] >= iteration) {
                int n = seen.merge(phase, 1, Integer::sum);
                currentPhase = phase;
                points = new ArrayList<>();
                phases.put(n == 1 ? phase : phase + " (" + n + ")", points);
            } else {
                double[] last = points.get(points.size() - 1);
                if (iteration > last[0] + 1 && lr != last[1]) {
                    points.add(new double[] {iteration - 1, last[1]});
                }
            }
            points.add(new double[] {iteration, lr});
        }
        if (phases.size() <= LEGEND_LIMIT) {
            for (Map.Entry<String, List<double[]>> e : phases.entrySet()) {
                double[] x = e.getValue().stream().mapToDouble(p -> p[0]).toArray();
                double[] y = e.getValue().stream().mapToDouble(p -> p[1]).toArray();
                chart.addSeries(e.getKey(), x, y).setMarker(SeriesMarkers.NONE);
            }
        } else {
            // Many phases (many cycles, a sweep's variants): one series per kind of phase, its
            // segments apart (a null ends a line in XChart), so the legend stays short and readable.
            Map<String, List<Double>[]> kinds = new LinkedHashMap<>();
            for (Map.Entry<String, List<double[]>> e : phases.entrySet()) {
                String kind = e.getKey().replaceFirst(" \\(\\d+\\)$", "");
                @SuppressWarnings("unchecked")
                List<Double>[] xy = kinds.computeIfAbsent(kind, k -> new List[] {new ArrayList<>(), new ArrayList<>()});
                if (!xy[0].isEmpty()) {
                    xy[0].add(e.getValue().get(0)[0]);
                    xy[1].add(null);
                }
                e.getValue().forEach(p -> {
                    xy[0].add(p[0]);
                    xy[1].add(p[1]);
                });
            }
            kinds.forEach((kind, xy) -> chart.addSeries(kind, xy[0], xy[1]).setMarker(SeriesMarkers.NONE));
        }
        chart.getStyler().setLegendVisible(true);
        // From zero with headroom, so a constant rate reads as a level and not as the frame's edge.
        double top = phases.values().stream().flatMap(List::stream).mapToDouble(p -> p[1]).max().orElse(0);
        chart.getStyler().setYAxisMin(0.0);
        if (top > 0) {
            chart.getStyler().setYAxisMax(top * 1.15);
        }
        chart.getStyler().setYAxisDecimalPattern("0.####");
        return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
    }

    private static XYChart chart(String title, String x, String y) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(x).yAxisTitle(y)
                .build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        style(chart.getStyler());
        return chart;
    }

    private static void style(Styler styler) {
        styler.setLegendPosition(Styler.LegendPosition.OutsideE);
        styler.setChartBackgroundColor(java.awt.Color.WHITE);
    }

    /** A series of the rows where both values are numbers; fractions are drawn as percentages. */
    private static void addSeries(XYChart chart, String name, List<Map<String, Object>> rows, String xKey,
                                  String yKey) {
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            double x = RunFiles.num(row, xKey);
            double y = RunFiles.num(row, yKey);
            if (Double.isFinite(x) && Double.isFinite(y)) {
                xs.add(xKey.equals("cycle") ? x : 100 * x);
                ys.add(100 * y);
            }
        }
        if (!xs.isEmpty()) {
            chart.addSeries(name, xs, ys).setMarker(SeriesMarkers.CIRCLE);
        }
    }
}
