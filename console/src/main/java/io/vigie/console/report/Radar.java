package io.vigie.console.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A radar chart of theme grades as inline SVG (no script): one axis per theme from the centre (0) to the edge (5),
 * rings at each whole grade, the grades joined as a filled polygon, a label at the end of each axis. A theme
 * without a grade (not applicable) is drawn at 0 and its label says so.
 */
final class Radar {

    /** SVG user units; the report sizes the element to {@link #WIDTH_MM} × {@link #HEIGHT_MM}. */
    static final int WIDTH = 720;
    static final int HEIGHT = 480;
    static final double WIDTH_MM = 170;
    static final double HEIGHT_MM = WIDTH_MM * HEIGHT / WIDTH;
    static final double CX = WIDTH / 2.0;
    static final double CY = HEIGHT / 2.0;
    static final double R = 150;
    static final double MAX = 5;
    /** Fill and stroke of the grade polygon (tests look for this colour in the rendered page). */
    static final String COLOUR = "#1d5fa8";

    private Radar() {
    }

    /** One axis: its label lines and its grade (null: not applicable). */
    record Axis(List<String> label, Double grade) {
    }

    static String svg(List<Axis> axes, String ariaLabel) {
        int n = axes.size();
        StringBuilder s = new StringBuilder(8192);
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"").append(fmt(WIDTH_MM)).append("mm\" height=\"")
                .append(fmt(HEIGHT_MM)).append("mm\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" aria-label=\"").append(Html.esc(ariaLabel)).append("\">");
        s.append("<title>").append(Html.esc(ariaLabel)).append("</title>");
        // rings 1..5
        for (int ring = 1; ring <= MAX; ring++) {
            s.append("<polygon fill=\"none\" stroke=\"").append(ring == MAX ? "#8a8a8a" : "#d0d0d0")
                    .append("\" stroke-width=\"1\" points=\"").append(points(n, ring)).append("\"/>");
        }
        // axes
        for (int i = 0; i < n; i++) {
            double[] p = at(i, n, R);
            s.append("<line x1=\"").append(fmt(CX)).append("\" y1=\"").append(fmt(CY)).append("\" x2=\"").append(fmt(p[0]))
                    .append("\" y2=\"").append(fmt(p[1])).append("\" stroke=\"#c4c4c4\" stroke-width=\"1\"/>");
        }
        // ring values along the first axis
        for (int ring = 1; ring <= MAX; ring++) {
            s.append("<text x=\"").append(fmt(CX + 4)).append("\" y=\"").append(fmt(CY - R * ring / MAX + 4))
                    .append("\" font-family=\"DejaVu Sans\" font-size=\"9\" fill=\"#6b6b6b\">").append(ring).append("</text>");
        }
        // grades
        StringBuilder pts = new StringBuilder();
        for (int i = 0; i < n; i++) {
            Double g = axes.get(i).grade();
            double[] p = at(i, n, R * clamp(g == null ? 0 : g) / MAX);
            pts.append(fmt(p[0])).append(',').append(fmt(p[1])).append(' ');
        }
        s.append("<polygon fill=\"").append(COLOUR).append("\" fill-opacity=\"0.35\" stroke=\"").append(COLOUR)
                .append("\" stroke-width=\"2.5\" stroke-linejoin=\"round\" points=\"").append(pts.toString().trim()).append("\"/>");
        for (int i = 0; i < n; i++) {
            Double g = axes.get(i).grade();
            double[] p = at(i, n, R * clamp(g == null ? 0 : g) / MAX);
            s.append("<circle cx=\"").append(fmt(p[0])).append("\" cy=\"").append(fmt(p[1]))
                    .append("\" r=\"3.5\" fill=\"").append(COLOUR).append("\"/>");
        }
        // labels
        for (int i = 0; i < n; i++) {
            double[] p = at(i, n, R + 14);
            double dx = p[0] - CX;
            String anchor = Math.abs(dx) < 8 ? "middle" : dx > 0 ? "start" : "end";
            List<String> lines = axes.get(i).label();
            double dy = p[1] < CY - 8 ? -(lines.size() - 1) * 12.0 : p[1] > CY + 8 ? 8 : 4 - (lines.size() - 1) * 6.0;
            s.append("<text font-family=\"DejaVu Sans\" font-size=\"11\" fill=\"#222222\" text-anchor=\"").append(anchor).append("\">");
            for (int l = 0; l < lines.size(); l++) {
                s.append("<tspan x=\"").append(fmt(p[0])).append("\" y=\"").append(fmt(p[1] + dy + l * 12.0)).append("\">")
                        .append(Html.esc(lines.get(l))).append("</tspan>");
            }
            s.append("</text>");
        }
        return s.append("</svg>").toString();
    }

    /** Splits a label into lines of at most {@code width} characters at spaces. */
    static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(word);
        }
        if (line.length() > 0) {
            lines.add(line.toString());
        }
        return lines;
    }

    private static String points(int n, double ring) {
        StringBuilder pts = new StringBuilder();
        for (int i = 0; i < n; i++) {
            double[] p = at(i, n, R * ring / MAX);
            pts.append(fmt(p[0])).append(',').append(fmt(p[1])).append(' ');
        }
        return pts.toString().trim();
    }

    /** Axis i of n starts at the top and goes clockwise. */
    static double[] at(int i, int n, double radius) {
        double a = -Math.PI / 2 + 2 * Math.PI * i / n;
        return new double[]{CX + radius * Math.cos(a), CY + radius * Math.sin(a)};
    }

    private static double clamp(double g) {
        return Math.max(0, Math.min(MAX, g));
    }

    private static String fmt(double d) {
        return String.format(Locale.ROOT, "%.1f", d);
    }
}
