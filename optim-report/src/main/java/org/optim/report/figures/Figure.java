package org.optim.report.figures;

/**
 * A rendered figure: an inline SVG made by {@link Svg#render}, which draws text as outlines, so the
 * markup holds nothing that came from a file.
 *
 * @param id      the HTML id (a slug, unique in the report)
 * @param title   the figure's caption title (escaped by the template)
 * @param caption what the figure shows (escaped by the template)
 * @param svg     the SVG markup
 */
public record Figure(String id, String title, String caption, String svg) {
}
