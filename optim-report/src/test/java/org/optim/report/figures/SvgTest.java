package org.optim.report.figures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;

class SvgTest {
    @Test
    void idsAreRenamedInOrderAndCoordinatesRounded() {
        String raw = "<?xml version=\"1.0\"?>\n<!DOCTYPE svg>\n<svg xmlns=\"http://www.w3.org/2000/svg\"><defs>"
                + "<clipPath id=\"clip8630\"><rect x=\"1.25\" y=\"-0.04\" width=\"3.14159\" height=\"2\"/></clipPath>"
                + "<clipPath id=\"clip12\"><rect x=\"0\" y=\"0\" width=\"1\" height=\"1\"/></clipPath></defs>"
                + "<g clip-path=\"url(#clip12)\"><path d=\"M-2.953125,-3.96 L10.05,7\" clip-path=\"url(#clip8630)\"/></g></svg>";
        String clean = Svg.clean(raw, "fig-a-1");
        assertThat(clean).startsWith("<svg").doesNotContain("clip8630").doesNotContain("clip12").doesNotContain("DOCTYPE");
        assertThat(clean).contains("id=\"fig-a-1-1\"><rect x=\"1.3\" y=\"0\" width=\"3.1\"", "url(#fig-a-1-2)", "url(#fig-a-1-1)",
                "d=\"M-3,-4 L10.1,7\"");
    }

    @Test
    void contiguousSegmentsOfOneStyleBecomeOnePolyline() {
        String a = "<line style=\"stroke:red;\" x1=\"1\" x2=\"2\" y1=\"5\" y2=\"6\"/>";
        String b = "<line style=\"stroke:red;\" x1=\"2\" x2=\"2\" y1=\"6\" y2=\"6\"/>";
        String c = "<line style=\"stroke:red;\" x1=\"2\" x2=\"3\" y1=\"6\" y2=\"4\"/>";
        String blue = "<line style=\"stroke:blue;\" x1=\"3\" x2=\"4\" y1=\"4\" y2=\"4\"/>";
        String gap = "<line style=\"stroke:red;\" x1=\"9\" x2=\"8\" y1=\"9\" y2=\"9\"/>";
        assertThat(Svg.mergeLines("<g>\n  " + a + "\n  " + b + "\n  " + c + "\n  " + blue + "\n  " + gap + "\n</g>"))
                .isEqualTo("<g>\n  <polyline style=\"stroke:red;\" stroke-linejoin=\"round\" points=\"1,5 2,6 3,4\"/>\n  " + blue + "\n  " + gap + "\n</g>");
    }

    @Test
    void textOrScriptInAChartIsRefused() {
        assertThatThrownBy(() -> Svg.clean("<svg><text>x</text></svg>", "f")).hasMessageContaining("<text");
        assertThatThrownBy(() -> Svg.clean("<svg><script>x</script></svg>", "f")).hasMessageContaining("<script");
        assertThatThrownBy(() -> Svg.clean("<svg><g></svg>", "f")).hasMessageContaining("not well-formed");
    }

    @Test
    void renderingIsRepeatableAndDrawsTextAsShapes() {
        XYChart chart = new XYChartBuilder().width(300).height(200).title("<script>alert(1)</script>").build();
        chart.addSeries("a & <b>", new double[] {0, 1, 2}, new double[] {1, 0.5, 0.25});
        String first = Svg.render(chart, "f");
        assertThat(Svg.render(chart, "f")).isEqualTo(first);
        assertThat(first).doesNotContain("alert").doesNotContain("<b>").contains("<path");
    }

    @Test
    void thinningKeepsTheEnds() {
        double[] v = new double[4001];
        for (int i = 0; i < v.length; i++) {
            v[i] = i;
        }
        double[] t = Charts.thin(v);
        assertThat(t.length).isLessThanOrEqualTo(Charts.MAX_POINTS + 1);
        assertThat(t[0]).isZero();
        assertThat(t[t.length - 1]).isEqualTo(4000);
        assertThat(Charts.thin(new double[] {1, 2})).containsExactly(1, 2);
    }
}
