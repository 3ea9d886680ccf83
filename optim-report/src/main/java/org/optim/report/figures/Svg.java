package org.optim.report.figures;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.xml.sax.helpers.DefaultHandler;

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
    private static final Pattern LINE = Pattern.compile(
            "<line style=\"([^\"]*)\" x1=\"([^\"]*)\" x2=\"([^\"]*)\" y1=\"([^\"]*)\" y2=\"([^\"]*)\"/>");
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
        body = mergeLines(LONG_DECIMAL.matcher(body).replaceAll(r -> round(r.group())));
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

    /**
     * XChart draws a data series as one {@code <line>} per segment (about 200 bytes each); a run of
     * consecutive segments with the same style, each starting where the previous one ended, becomes
     * one {@code <polyline>} (a few bytes per point). Points that round to the previous one are dropped.
     */
    static String mergeLines(String body) {
        StringBuilder out = new StringBuilder(body.length() / 2);
        Matcher m = LINE.matcher(body);
        int pos = 0;
        String style = null;
        List<String> points = new ArrayList<>();
        while (m.find()) {
            String between = body.substring(pos, m.start());
            String start = m.group(2) + "," + m.group(4);
            String end = m.group(3) + "," + m.group(5);
            if (style != null && between.isBlank() && m.group(1).equals(style) && points.get(points.size() - 1).equals(start)) {
                if (!end.equals(start)) {
                    points.add(end);
                }
            } else {
                flush(out, style, points);
                out.append(between);
                style = m.group(1);
                points.clear();
                points.add(start);
                points.add(end);
            }
            pos = m.end();
        }
        flush(out, style, points);
        out.append(body, pos, body.length());
        return out.toString();
    }

    private static void flush(StringBuilder out, String style, List<String> points) {
        if (style == null) {
            return;
        }
        if (points.size() == 2) {
            String[] a = points.get(0).split(",");
            String[] b = points.get(1).split(",");
            out.append("<line style=\"").append(style).append("\" x1=\"").append(a[0]).append("\" x2=\"").append(b[0])
                    .append("\" y1=\"").append(a[1]).append("\" y2=\"").append(b[1]).append("\"/>");
        } else {
            out.append("<polyline style=\"").append(style).append("\" stroke-linejoin=\"round\" points=\"")
                    .append(String.join(" ", points)).append("\"/>");
        }
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
            DocumentBuilder builder = f.newDocumentBuilder();
            builder.setErrorHandler(new DefaultHandler());
            builder.parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException("chart SVG is not well-formed XML: " + e.getMessage(), e);
        }
    }
}
