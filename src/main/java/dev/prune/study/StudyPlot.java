package dev.prune.study;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A metric against the weights that remain, on a log axis as pruning papers draw it: one line per
 * variant (mean over seeds) with a shaded ± one standard deviation band, and the dense baseline
 * (cycle 0, mean over every run) as a dashed level. A study without cycles (dense training only)
 * draws the metric by epoch instead.
 */
final class StudyPlot {
    private static final Color[] PALETTE = {new Color(31, 119, 180), new Color(255, 127, 14),
            new Color(44, 160, 44), new Color(214, 39, 40), new Color(148, 103, 189), new Color(140, 86, 75),
            new Color(227, 119, 194), new Color(127, 127, 127), new Color(188, 189, 34), new Color(23, 190, 207)};

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private StudyPlot() {
    }

    static byte[] draw(Map<String, TreeMap<Integer, Map<String, StudyTable.Stat>>> stats, String metric, String title,
                       boolean byEpoch) throws IOException {
        XYChart chart = new XYChartBuilder().width(860).height(500).title(title)
                .xAxisTitle(byEpoch ? "epoch" : "weights remaining (%, log scale)")
                .yAxisTitle(metric.replace('_', ' ') + " (%)").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setXAxisLogarithmic(!byEpoch);
        chart.getStyler().setXAxisLogarithmicDecadeOnly(false);
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        List<Double> dense = new ArrayList<>();
        double left = 100;
        int v = 0;
        for (Map.Entry<String, TreeMap<Integer, Map<String, StudyTable.Stat>>> e : stats.entrySet()) {
            List<double[]> points = new ArrayList<>();
            for (Map.Entry<Integer, Map<String, StudyTable.Stat>> c : e.getValue().entrySet()) {
                StudyTable.Stat s = c.getValue().get("sparsity");
                StudyTable.Stat m = c.getValue().get(metric);
                if (s == null || m == null) {
                    continue;
                }
                double remaining = byEpoch ? c.getKey() : 100 * (1 - s.mean());
                double std = Double.isNaN(m.std()) ? 0 : m.std();
                points.add(new double[] {remaining, 100 * m.mean(), 100 * std});
                if (c.getKey() == 0 && !byEpoch) {
                    dense.add(100 * m.mean());
                }
                left = Math.min(left, remaining);
            }
            if (points.isEmpty()) {
                continue;
            }
            points.sort((a, b) -> byEpoch ? Double.compare(a[0], b[0]) : Double.compare(b[0], a[0]));
            Color colour = PALETTE[v++ % PALETTE.length];
            addBand(chart, e.getKey(), points, colour);
            XYSeries line = chart.addSeries(e.getKey(), points.stream().mapToDouble(p -> p[0]).toArray(),
                    points.stream().mapToDouble(p -> p[1]).toArray());
            line.setMarker(SeriesMarkers.CIRCLE);
            line.setLineColor(colour);
            line.setMarkerColor(colour);
        }
        if (!dense.isEmpty()) {
            double level = dense.stream().mapToDouble(Double::doubleValue).average().orElse(0);
            XYSeries base = chart.addSeries("dense baseline", new double[] {100, Math.max(left, 1e-3)},
                    new double[] {level, level});
            base.setMarker(SeriesMarkers.NONE);
            base.setLineColor(Color.DARK_GRAY);
            base.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                            new float[] {6f, 4f}, 0f));
        }
        return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
    }

    /** The mean ± std band as a closed polygon: along the top edge, then back along the bottom. */
    private static void addBand(XYChart chart, String name, List<double[]> points, Color colour) {
        if (points.size() < 2 || points.stream().allMatch(p -> p[2] == 0)) {
            return;
        }
        int n = points.size();
        double[] x = new double[2 * n];
        double[] y = new double[2 * n];
        for (int i = 0; i < n; i++) {
            double[] p = points.get(i);
            double[] q = points.get(n - 1 - i);
            x[i] = p[0];
            y[i] = p[1] + p[2];
            x[n + i] = q[0];
            y[n + i] = q[1] - q[2];
        }
        XYSeries band = chart.addSeries(name + " ± std", x, y);
        band.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
        band.setMarker(SeriesMarkers.NONE);
        band.setFillColor(new Color(colour.getRed(), colour.getGreen(), colour.getBlue(), 50));
        band.setLineColor(new Color(0, 0, 0, 0));
        band.setShowInLegend(false);
    }
}
