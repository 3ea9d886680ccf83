package org.optim.report.html;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplatesTest {
    @Test
    void aTemplateErrorFails() {
        assertThatThrownBy(() -> Templates.render("report.ftlh", Map.of()))
                .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("template report.ftlh:");
    }

    @Test
    void everyValueIsEscaped() {
        String h = "<u>h</u>";
        Views.HypothesisArm arm = new Views.HypothesisArm(h, List.of(new Views.HypothesisValue(h, h, h)), h, h, h, h, h, h);
        Views.HypothesesModel hypotheses = new Views.HypothesesModel("hypotheses", List.of(h),
                List.of(new Views.HypothesisRow(h, h, h, h, h, h, h, h, h, List.of(arm))), new Views.Link("tables/hypotheses.csv", h));
        Views.ReportView view = new Views.ReportView("<b>\"t\" & 'u'</b>", List.of(), hypotheses, List.of(), List.of(new Views.Link("tables/a.csv", "<i>")));
        String html = Templates.render("report.ftlh", Map.of("report", view));
        assertThat(html).contains("<title>&lt;b&gt;&quot;t&quot; &amp; &#39;u&#39;&lt;/b&gt;</title>", "<a href=\"tables/a.csv\">&lt;i&gt;</a>")
                .contains("data-hypothesis=\"&lt;u&gt;h&lt;/u&gt;\"")
                .doesNotContain("<b>\"t\"").doesNotContain("<i>").doesNotContain("<u>");
    }

    @Test
    void numbersDoNotDependOnTheLocale() {
        assertThat(Format.num(1234.5)).isEqualTo("1234.5000");
        assertThat(Format.num(1e-5)).isEqualTo("1.000e-05");
        assertThat(Format.num(Double.NaN)).isEqualTo("\u2013");
        assertThat(Format.csv(0.1)).isEqualTo("0.1");
        assertThat(Format.csv(Double.NaN)).isEmpty();
    }
}
