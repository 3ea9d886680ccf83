package org.optim.report.figures;

import java.awt.Color;
import java.awt.Font;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.HeatMapStyler;
import org.knowm.xchart.style.Styler;

/**
 * Charts of the loss-landscape artifacts (issue 9), pure functions like {@link Charts}: a heat map of
 * one 2-D surface, and the 1-D slices of several series on one chart. Losses are drawn as
 * log10(loss): along filter-normalized directions they span orders of magnitude.
 */
public final class LandscapeCharts {
    /**
     * Colours from low to high log-loss: viridis in ten steps. The legend is piecewise (one colour
     * block per step) because XChart draws a continuous legend as a bitmap, which the report's SVG
     * must not contain.
     */
    private static final Color[] RANGE = {new Color(0x440154), new Color(0x482878), new Color(0x3E4A89),
        new Color(0x31688E), new Color(0x26828E), new Color(0x1F9E89), new Color(0x35B779), new Color(0x6DCD59),
        new Color(0xB4DE2C), new Color(0xFDE725)};

    private LandscapeCharts() {
    }

    /** One slice: the loss at {@code alphas[k]} along direction 1. */
    public record Slice(String label, double[] alphas, double[] losses) {
    }

    /**
     * A heat map of {@code log10(losses[j][k])} at {@code (alphas[k], betas[j])}, coloured on the
     * fixed range {@code [min, max]} (shared between the arms so colours compare).
     */
    public static HeatMapChart surface(String title, double[] alphas, double[] betas, double[][] losses, double min,
            double max) {
        HeatMapChart chart = new HeatMapChartBuilder().width(Charts.HEIGHT + 80).height(Charts.HEIGHT).title(title)
                .xAxisTitle("alpha (direction 1)").yAxisTitle("beta (direction 2)").build();
        HeatMapStyler st = chart.getStyler();
        st.setLocale(Locale.ROOT);
        st.setChartBackgroundColor(Color.WHITE);
        st.setPlotBackgroundColor(Color.WHITE);
        st.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        st.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        st.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        st.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        st.setLegendPosition(Styler.LegendPosition.OutsideE);
        st.setRangeColors(RANGE);
        st.setMin(min);
        st.setMax(max);
        st.setShowValue(false);
        st.setPiecewise(true);
        st.setSplitNumber(RANGE.length);
        st.setDrawBorder(false);
        st.setHeatMapDecimalValueFormatter(v -> String.format(Locale.ROOT, "%.2f", v));
        st.setXAxisDecimalPattern("0.##");
        st.setXAxisLabelRotation(90);
        st.setYAxisDecimalPattern("0.##");
        List<Double> xs = new ArrayList<>();
        for (double a : alphas) {
            xs.add(a);
        }
        List<Double> ys = new ArrayList<>();
        for (double b : betas) {
            ys.add(b);
        }
        List<Number[]> cells = new ArrayList<>();
        for (int j = 0; j < betas.length; j++) {
            for (int k = 0; k < alphas.length; k++) {
                cells.add(new Number[] {k, j, Math.log10(losses[j][k])});
            }
        }
        chart.addSeries("log10 loss", xs, ys, cells);
        return chart;
    }

    /** Every slice on one chart, log10(loss) against alpha, one colour per series in order. */
    public static XYChart slices(String title, List<Slice> slices) {
        XYChart chart = Charts.base(title, "alpha (direction 1)", "log10 loss");
        for (int i = 0; i < slices.size(); i++) {
            Slice s = slices.get(i);
            double[] y = new double[s.losses().length];
            for (int k = 0; k < y.length; k++) {
                y[k] = Math.log10(s.losses()[k]);
            }
            Charts.line(chart, s.label(), s.alphas(), y, Charts.colour(i));
        }
        return chart;
    }
}
