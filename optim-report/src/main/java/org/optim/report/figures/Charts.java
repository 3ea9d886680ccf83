package org.optim.report.figures;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.optim.report.analysis.PaperTable;
import org.optim.report.analysis.Series;
import org.optim.report.runs.RunLog;
import org.optim.report.runs.Table;

/**
 * The report's charts, built by pure functions in XChart's demo style (builder, styler, series) with
 * no I/O: size, colours, fonts and {@link Locale#ROOT} are set explicitly, so the same data always
 * give the same chart. {@link Svg} exports them.
 */
public final class Charts {
    /** Chart size in px; two fit side by side on a laptop screen. */
    public static final int WIDTH = 600;
    public static final int HEIGHT = 380;
    /** At most this many points per line: longer toy trajectories are thinned by a fixed stride. */
    static final int MAX_POINTS = 600;
    /** Longer chart titles are cut (the figure caption says it all). */
    private static final int TITLE_CHARS = 64;
    /** Legend names (plus room for the marker) that fit one row below a {@link #WIDTH} px chart. */
    private static final int LEGEND_ROW_CHARS = 90;
    /** Tableau 10, colour-blind-safe enough and distinct in print. */
    private static final Color[] PALETTE = {
        new Color(0x4E79A7), new Color(0xF28E2B), new Color(0xE15759), new Color(0x76B7B2), new Color(0x59A14F),
        new Color(0xEDC948), new Color(0xB07AA1), new Color(0xFF9DA7), new Color(0x9C755F), new Color(0xBAB0AC)};
    private static final Color DIVERGED = new Color(0x333333);
    private static final BasicStroke DASHED = new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {5f, 4f}, 0f);

    private Charts() {
    }

    /** The colour of the i-th series (cycling). */
    public static Color colour(int i) {
        return PALETTE[Math.floorMod(i, PALETTE.length)];
    }

    /**
     * One series' learning curves: for each column, the mean over its included seeds (line) and the
     * min-max range over them (band); each diverged run as a dashed line, its last finite
     * value marked with a cross (one legend entry per column).
     */
    public static XYChart learningCurves(Series s, List<String> columns, String title, String yTitle) {
        XYChart chart = base(title, "epoch", yTitle);
        List<double[]> ends = new ArrayList<>();
        for (int c = 0; c < columns.size(); c++) {
            String column = columns.get(c);
            Color colour = colour(c);
            long last = s.lastEpoch();
            List<double[]> points = new ArrayList<>();
            for (long e = 0; e <= last; e++) {
                double[] v = s.values(column, e);
                if (v.length > 0) {
                    double min = Double.POSITIVE_INFINITY;
                    double max = Double.NEGATIVE_INFINITY;
                    double sum = 0;
                    for (double x : v) {
                        min = Math.min(min, x);
                        max = Math.max(max, x);
                        sum += x;
                    }
                    points.add(new double[] {e, sum / v.length, min, max});
                }
            }
            if (!points.isEmpty()) {
                band(chart, column + " range over seeds", points, colour);
                line(chart, column, col(points, 0), col(points, 1), colour);
            }
            for (RunLog run : s.diverged()) {
                if (run.metrics().has(column) && !run.metrics().rows().isEmpty()) {
                    double[][] xy = finite(run.metrics().column("epoch"), run.metrics().column(column));
                    double[] x = xy[0];
                    double[] y = xy[1];
                    if (x.length == 0) {
                        continue;
                    }
                    XYSeries l = line(chart, column + " seed " + run.seed() + " diverged", x, y, colour);
                    l.setLineStyle(DASHED);
                    l.setShowInLegend(false);
                    ends.add(new double[] {x[x.length - 1], y[y.length - 1]});
                }
            }
        }
        if (!ends.isEmpty()) {
            XYSeries end = chart.addSeries(unique(chart, s.diverged().size() + " of " + s.runs().size() + " diverged"),
                    col(ends, 0), col(ends, 1));
            end.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            end.setMarker(SeriesMarkers.CROSS);
            end.setMarkerColor(DIVERGED);
        }
        return legend(chart);
    }

    /**
     * Every series' mean of {@code metric} on one chart, with the paper's values (if {@code paper}
     * reports this metric) as diamonds in the series' colour.
     */
    public static XYChart overlay(List<Series> series, String metric, List<PaperTable> paper, String title) {
        XYChart chart = base(title, "epoch", metric);
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (long e = 0; e <= s.lastEpoch(); e++) {
                double[] v = s.values(metric, e);
                if (v.length > 0) {
                    double sum = 0;
                    for (double x : v) {
                        sum += x;
                    }
                    xs.add((double) e);
                    ys.add(sum / v.length);
                }
            }
            if (!xs.isEmpty()) {
                line(chart, s.label(), unbox(xs), unbox(ys), colour(i));
            }
            for (PaperTable t : paper) {
                if (!t.metric().equals(metric)) {
                    continue;
                }
                List<Double> px = new ArrayList<>();
                List<Double> py = new ArrayList<>();
                for (long e : t.epochs()) {
                    OptionalDouble v = t.value(s.arm(), e);
                    if (v.isPresent()) {
                        px.add((double) e);
                        py.add(v.getAsDouble());
                    }
                }
                if (!px.isEmpty()) {
                    XYSeries p = chart.addSeries(unique(chart, "paper: " + t.labelOf(s.arm())), unbox(px), unbox(py));
                    p.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                    p.setMarker(SeriesMarkers.DIAMOND);
                    p.setMarkerColor(colour(i));
                }
            }
        }
        return legend(chart);
    }

    /** Columns of the runs' {@code table} against its index, one line per run (thinned to {@link #MAX_POINTS}). */
    public static XYChart overRuns(List<RunLog> runs, boolean trajectory, String xColumn, String yColumn, String title) {
        XYChart chart = base(title, xColumn, yColumn);
        for (int i = 0; i < runs.size(); i++) {
            RunLog run = runs.get(i);
            Table t = trajectory ? run.trajectory().orElseThrow() : run.metrics();
            if (!t.has(xColumn) || !t.has(yColumn) || t.rows().isEmpty()) {
                continue;
            }
            String name = run.arm() + (runs.stream().filter(r -> r.arm().equals(run.arm())).count() > 1
                    ? " " + run.configId() + " seed " + run.seed() : "");
            double[][] xy = finite(t.column(xColumn), t.column(yColumn));
            if (xy[0].length == 0) {
                continue;
            }
            XYSeries line = line(chart, name, thin(xy[0]), thin(xy[1]), colour(i));
            if (run.diverged()) {
                line.setLineStyle(DASHED);
            }
        }
        return legend(chart);
    }

    /** Whether a chart got any series (an empty chart is left out of the report). */
    public static boolean hasData(XYChart chart) {
        return !chart.getSeriesMap().isEmpty();
    }

    /**
     * XChart labels every tick of an axis whose data are small integers (epochs, steps), and the labels
     * run into each other; this keeps the labels of multiples of a round step (1, 2 or 5 times a power
     * of ten) that gives at most eleven labels.
     */
    private static void integerAxisLabels(XYChart chart) {
        double max = 0;
        for (XYSeries series : chart.getSeriesMap().values()) {
            for (double x : series.getXData()) {
                if (x != Math.rint(x)) {
                    return;
                }
                max = Math.max(max, Math.abs(x));
            }
        }
        double step = 1;
        for (double power = 1; step * 10 < max; power *= 10) {
            step = max <= 20 * power ? 2 * power : max <= 50 * power ? 5 * power : 10 * power;
        }
        double labelStep = step;
        chart.getStyler().setxAxisTickLabelsFormattingFunction(v -> Math.abs(v / labelStep - Math.rint(v / labelStep)) < 1e-9
                ? Long.toString(Math.round(v)) : " ");
    }

    private static XYChart base(String title, String xTitle, String yTitle) {
        String shortTitle = title.length() > TITLE_CHARS ? title.substring(0, TITLE_CHARS - 1) + "\u2026" : title;
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(shortTitle).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        XYStyler st = chart.getStyler();
        st.setLocale(Locale.ROOT);
        st.setChartBackgroundColor(Color.WHITE);
        st.setPlotBackgroundColor(Color.WHITE);
        st.setPlotBorderColor(new Color(0x888888));
        st.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        st.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        st.setLegendPosition(Styler.LegendPosition.OutsideS);
        st.setLegendLayout(Styler.LegendLayout.Horizontal);
        st.setLegendBorderColor(Color.WHITE);
        st.setAntiAlias(true);
        chart.getStyler().setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        chart.getStyler().setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        chart.getStyler().setPlotGridLinesColor(new Color(0xDDDDDD));
        chart.getStyler().setMarkerSize(7);
        return chart;
    }

    /**
     * Places the legend so that it never runs past the chart's edge: one row below the plot when the
     * names are short, stacked below it for a few entries, stacked to its right for more.
     */
    private static XYChart legend(XYChart chart) {
        integerAxisLabels(chart);
        List<String> names = chart.getSeriesMap().values().stream().filter(XYSeries::isShowInLegend).map(XYSeries::getName).toList();
        int chars = names.stream().mapToInt(n -> n.length() + 6).sum();
        XYStyler st = chart.getStyler();
        if (chars > LEGEND_ROW_CHARS) {
            st.setLegendLayout(Styler.LegendLayout.Vertical);
            st.setLegendPosition(names.size() <= 4 ? Styler.LegendPosition.OutsideS : Styler.LegendPosition.OutsideE);
        }
        return chart;
    }

    private static XYSeries line(XYChart chart, String name, double[] x, double[] y, Color colour) {
        XYSeries s = chart.addSeries(unique(chart, name), x, y);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(colour);
        s.setLineWidth(1.6f);
        return s;
    }

    private static void band(XYChart chart, String name, List<double[]> points, Color colour) {
        int n = points.size();
        double[] x = new double[2 * n];
        double[] y = new double[2 * n];
        for (int i = 0; i < n; i++) {
            x[i] = points.get(i)[0];
            y[i] = points.get(i)[3];
            x[2 * n - 1 - i] = points.get(i)[0];
            y[2 * n - 1 - i] = points.get(i)[2];
        }
        XYSeries s = chart.addSeries(unique(chart, name), x, y);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
        s.setMarker(SeriesMarkers.NONE);
        Color fill = new Color(colour.getRed(), colour.getGreen(), colour.getBlue(), 60);
        s.setFillColor(fill);
        s.setLineColor(fill);
        s.setShowInLegend(false);
    }

    private static String unique(XYChart chart, String name) {
        String candidate = name;
        for (int k = 2; chart.getSeriesMap().containsKey(candidate); k++) {
            candidate = name + " (" + k + ")";
        }
        return candidate;
    }

    static double[] thin(double[] v) {
        if (v.length <= MAX_POINTS) {
            return v;
        }
        int stride = (v.length + MAX_POINTS - 1) / MAX_POINTS;
        int n = (v.length - 1) / stride + 1;
        boolean lastIncluded = (v.length - 1) % stride == 0;
        double[] out = new double[lastIncluded ? n : n + 1];
        for (int i = 0; i < n; i++) {
            out[i] = v[i * stride];
        }
        out[out.length - 1] = v[v.length - 1];
        return out;
    }

    /** The (x, y) pairs where neither is NaN (an empty cell), in order. */
    static double[][] finite(double[] x, double[] y) {
        int n = 0;
        double[][] out = new double[2][x.length];
        for (int i = 0; i < x.length; i++) {
            if (!Double.isNaN(x[i]) && !Double.isNaN(y[i])) {
                out[0][n] = x[i];
                out[1][n] = y[i];
                n++;
            }
        }
        return new double[][] {Arrays.copyOf(out[0], n), Arrays.copyOf(out[1], n)};
    }

    private static double[] col(List<double[]> points, int k) {
        return points.stream().mapToDouble(p -> p[k]).toArray();
    }

    private static double[] unbox(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
