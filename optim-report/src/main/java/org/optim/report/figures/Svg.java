package org.optim.report.figures;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * Exports an XChart chart as SVG for inlining in the report (XChart's own export, through
 * VectorGraphics2D) and makes the markup fit for a page holding many charts:
 * <ul>
 *   <li>the XML declaration and DOCTYPE are dropped (inline SVG in HTML takes neither);</li>
 *   <li>ids ({@code clipPath}s, which VectorGraphics2D numbers from hash codes) are renamed
 *       {@code <prefix>-1, -2, ...} in order of appearance, so two charts never share an id and the
 *       same chart always gets the same ids;</li>
 *   <li>coordinates are rounded to 1 decimal (1/10 px): this halves the size and changes nothing
 *       visible.</li>
 * </ul>
 * XChart draws every text (titles, legends, ticks) as glyph outlines, so the SVG carries no text from
 * a file; {@link #render} checks that (no {@code <text>}, {@code <script>}, {@code <foreignObject>}
 * or {@code <image>}) and that the result is well-formed XML, and fails otherwise.
 */
public final class Svg {
    private static final Pattern ID = Pattern.compile("id=\"([^\"]+)\"");
    private static final Pattern LONG_DECIMAL = Pattern.compile("-?\\d+\\.\\d{2,}");
    private static final List<String> FORBIDDEN = List.of("<text", "<script", "<foreignObject", "<image", "<a ", "href=\"http");

    private Svg() {
    }

    /** The chart as inline SVG; {@code idPrefix} must be unique in the page. */
    public static String render(Chart<?, ?> chart, String idPrefix) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return clean(out.toString(StandardCharsets.UTF_8), idPrefix);
    }

    /** The post-processing described above, separated from rendering for testing. */
    static String clean(String svg, String idPrefix) {
        int start = svg.indexOf("<svg");
        if (start < 0) {
            throw new IllegalStateException("not an SVG document");
        }
        String body = svg.substring(start).strip();
        Map<String, String> ids = new LinkedHashMap<>();
        Matcher m = ID.matcher(body);
        while (m.find()) {
            ids.putIfAbsent(m.group(1), idPrefix + "-" + (ids.size() + 1));
        }
        for (Map.Entry<String, String> e : ids.entrySet()) {
            body = body.replace("id=\"" + e.getKey() + "\"", "id=\"" + e.getValue() + "\"")
                    .replace("url(#" + e.getKey() + ")", "url(#" + e.getValue() + ")")
                    .replace("href=\"#" + e.getKey() + "\"", "href=\"#" + e.getValue() + "\"");
        }
        body = LONG_DECIMAL.matcher(body).replaceAll(r -> round(r.group()));
        for (String bad : FORBIDDEN) {
            if (body.contains(bad)) {
                throw new IllegalStateException("chart SVG contains " + bad + "; it must hold shapes only");
            }
        }
        if (body.contains("width=\"-") || body.contains("height=\"-")) {
            throw new IllegalStateException("chart SVG has a negative width or height (too many legend entries for its size?)");
        }
        checkWellFormed(body);
        return body;
    }

    private static String round(String decimal) {
        long tenths = Math.round(Double.parseDouble(decimal) * 10);
        if (tenths == 0) {
            return "0";
        }
        String sign = tenths < 0 ? "-" : "";
        long abs = Math.abs(tenths);
        return sign + abs / 10 + (abs % 10 == 0 ? "" : "." + abs % 10);
    }

    private static void checkWellFormed(String svg) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            javax.xml.parsers.DocumentBuilder builder = f.newDocumentBuilder();
            builder.setErrorHandler(new org.xml.sax.helpers.DefaultHandler());
            builder.parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException("chart SVG is not well-formed XML: " + e.getMessage(), e);
        }
    }
}
