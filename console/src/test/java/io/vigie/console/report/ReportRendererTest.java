package io.vigie.console.report;

import io.vigie.checks.plan.ActionPlan;
import io.vigie.checks.plan.Recommendations;
import io.vigie.checks.report.Report;
import io.vigie.checks.scoring.Conflict;
import io.vigie.checks.testing.RequiredService;
import io.vigie.checks.text.Lang;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The diagnostic report on a realistic diagnostic: two replayed Windows machines, real scoring and plan. */
class ReportRendererTest {

    /** Rendered files are kept here for people to look at. */
    static final Path OUT = Path.of("target", "report-test");

    static List<Report> machines;
    static DiagnosticReport fr;
    static ReportRenderer renderer = new ReportRenderer();

    @BeforeAll
    static void diagnostic(@TempDir Path home) throws IOException {
        machines = ReportFixtures.machines(home);
        fr = ReportFixtures.report(machines, Lang.FR, true);
        Files.createDirectories(OUT);
    }

    static String flat(String s) {
        return s.replaceAll("\\s+", " ");
    }

    static List<String> sixTitles(DiagnosticReport r) {
        ActionPlan p = r.plan();
        return p.priorities().stream().map(q -> r.recommendations().forQuestion(q).orElseThrow()
                .text(p.item(q).level(), r.lang().code()).title()).toList();
    }

    @Test
    void theInputIsRealistic() {
        // the fixture must exercise every section: fails on two hosts, urgences, optimistic gaps, six measures
        assertEquals(2, fr.devices().size());
        assertTrue(fr.devices().stream().allMatch(d -> d.findings().stream()
                .anyMatch(f -> f.verdict() == io.vigie.checks.report.Verdict.FAIL)), "each device has a FAIL");
        assertFalse(fr.score().urgences().isEmpty(), "urgences");
        assertTrue(fr.score().questions().values().stream().anyMatch(q -> q.conflict() == Conflict.OPTIMISTE));
        assertEquals(6, fr.plan().priorities().size());
        assertNotNull(fr.score().grades().level());
    }

    @Test
    void frenchByDefaultWithEverySection() throws IOException {
        DiagnosticReport noLang = new DiagnosticReport(fr.organisation(), fr.date(), fr.expert(), null, fr.referential(),
                fr.recommendations(), fr.score(), fr.plan(), fr.devices(), fr.previous());
        String html = renderer.html(noLang);
        Files.writeString(OUT.resolve("report-fr.html"), html);
        assertTrue(html.contains("lang=\"fr\""));
        assertFalse(html.toLowerCase().contains("<script"), "no script");
        assertTrue(html.contains("<svg"), "inline SVG radar");
        String text = flat(html);
        String level = ReportRenderer.bundle(Lang.FR).getString("level." + fr.score().grades().level().name());
        assertTrue(text.contains("Niveau de maturité : <strong>" + level + "</strong>"), "level on the cover");
        assertTrue(text.contains("Boulangerie Martin SARL") && text.contains("22 novembre 2026") && text.contains("Claire Lefèvre"));
        for (String title : sixTitles(fr)) {
            assertTrue(text.contains(Html.esc(title)), "measure " + title);
        }
        for (Report m : machines) {
            assertTrue(text.contains("<h3>" + m.hostname() + "</h3>"), "annex " + m.hostname());
        }
        assertTrue(text.contains("class=\"banner\""), "red banner of urgences");
        assertTrue(text.contains("Ce qui a changé depuis le dernier diagnostic"));
        assertTrue(text.contains("Écarts entre ce qui a été déclaré et ce qui a été mesuré"));
        assertTrue(text.contains("Marie Dupont") && text.contains("en cours"), "owner and status in the plan");
        // the network signal keeps its cautious wording: the agent sees a listening service, not the internet
        if (!fr.score().signals().isEmpty()) {
            assertTrue(text.contains("accessible depuis le réseau"));
        }
        assertFalse(text.contains("{0}") || text.contains("{1}"), "every placeholder filled");
    }

    @Test
    void withoutAPreviousDiagnosticThereIsNoChangeSection() {
        DiagnosticReport first = ReportFixtures.report(machines, Lang.FR, false);
        assertFalse(renderer.html(first).contains("Ce qui a changé"));
    }

    @Test
    void theBundlesHaveTheSameKeys() {
        ResourceBundle f = ReportRenderer.bundle(Lang.FR);
        ResourceBundle e = ReportRenderer.bundle(Lang.EN);
        assertEquals(new java.util.TreeSet<>(f.keySet()), new java.util.TreeSet<>(e.keySet()));
        assertEquals("faible", f.getString("level.FAIBLE"));
        assertEquals("low", e.getString("level.FAIBLE"));
    }

    @Test
    void englishIsCompleteWithNoFrenchLabelLeft() throws IOException {
        String html = renderer.html(fr.in(Lang.EN));
        Files.writeString(OUT.resolve("report-en.html"), html);
        assertTrue(html.contains("lang=\"en\""));
        String text = flat(html);
        assertTrue(text.contains("Maturity level"));
        String visible = flat(html.replaceAll("(?s)<style>.*?</style>", " ").replaceAll("<[^>]+>", " "));
        assertTrue(text.contains("What changed since the last diagnostic"));
        for (String title : sixTitles(fr.in(Lang.EN))) {
            assertTrue(text.contains(Html.esc(title)), "measure " + title);
        }
        // every fixed fragment of a French label that differs from English must be absent from the English page
        ResourceBundle f = ReportRenderer.bundle(Lang.FR);
        ResourceBundle e = ReportRenderer.bundle(Lang.EN);
        List<String> leaks = new ArrayList<>();
        for (String key : Collections.list(f.getKeys())) {
            String frValue = new MessageFormat(f.getString(key)).toPattern();
            if (frValue.equals(e.getString(key))) {
                continue;
            }
            for (String fragment : MessageFormat.format(f.getString(key), "\u0000", "\u0000", "\u0000", "\u0000").split("\u0000")) {
                String frag = Html.esc(fragment.trim());
                if (frag.length() >= 5 && visible.contains(fragment.trim()) && !e.getString(key).contains(fragment.trim())) {
                    leaks.add(key + ": " + frag);
                }
            }
        }
        assertEquals(List.of(), leaks);
        for (String word : List.of("Urgences", "mesures", "Responsable", "Échéance", "à faire", "Annexe", "Thème", "Postes concernés")) {
            assertFalse(visible.contains(word), "French word in the English report: " + word);
        }
    }

    @Test
    void thePageIsWellFormedXhtml() throws Exception {
        String html = renderer.html(fr);
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        Document d = f.newDocumentBuilder().parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
        assertEquals("html", d.getDocumentElement().getLocalName());
        assertEquals(1, d.getElementsByTagName("h1").getLength());
        assertTrue(d.getElementsByTagName("h2").getLength() >= 6);
    }

    // ---- PDF, read back with poppler -------------------------------------------------------------------------

    /** Skips the calling test (fails it under CI) unless poppler-utils is installed. */
    static void requirePoppler() {
        RequiredService.programs("poppler-utils", "pdftotext", "pdftoppm");
    }

    static String run(Path dir, String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), String.join(" ", cmd) + " timed out");
        assertEquals(0, p.exitValue(), String.join(" ", cmd) + ": " + out);
        return out;
    }

    @Test
    void thePdfHoldsTheLevelTheSixMeasuresAndTheHostsAndDrawsTheRadar() throws Exception {
        byte[] pdf = renderer.pdf(fr);
        Path file = OUT.resolve("report-fr.pdf");
        Files.write(file, pdf);
        assertTrue(new String(pdf, 0, 5, StandardCharsets.ISO_8859_1).startsWith("%PDF-"));
        requirePoppler();

        // NFKC: the embedded font draws « fi » as one ligature glyph, which pdftotext gives back as U+FB01
        String text = flat(java.text.Normalizer.normalize(run(OUT, "pdftotext", "-enc", "UTF-8",
                file.getFileName().toString(), "-"), java.text.Normalizer.Form.NFKC));
        String level = ReportRenderer.bundle(Lang.FR).getString("level." + fr.score().grades().level().name());
        assertTrue(text.contains("Niveau de maturité : " + level), text.substring(0, Math.min(600, text.length())));
        for (String title : sixTitles(fr)) {
            assertTrue(text.contains(flat(title)), "measure in the PDF: " + title);
        }
        for (Report m : machines) {
            assertTrue(text.contains(m.hostname()), "annex host in the PDF: " + m.hostname());
        }
        String fonts = run(OUT, "pdffonts", file.getFileName().toString());
        assertTrue(fonts.contains("DejaVuSans"), fonts);
        assertFalse(fonts.lines().skip(2).anyMatch(l -> l.contains(" no ") && l.trim().endsWith("no")
                && !l.contains("DejaVu")), "every font embedded:\n" + fonts);

        run(OUT, "pdftoppm", "-r", "50", "-png", "-f", "1", "-l", "1", file.getFileName().toString(), "page");
        Path png = Files.list(OUT).filter(p -> p.getFileName().toString().matches("page-0*1\\.png")).findFirst().orElseThrow();
        BufferedImage page = ImageIO.read(png.toFile());
        RadarArea area = RadarArea.onPage(page.getWidth(), page.getHeight());
        int inside = radarPixels(page, area.x0, area.y0, area.x1, area.y1);
        int nonWhite = nonWhite(page, area.x0, area.y0, area.x1, area.y1);
        int aboveRadar = radarPixels(page, 0, 0, page.getWidth(), area.y0);
        assertTrue(inside > 400, "radar polygon drawn inside its area: " + inside + " blue pixels");
        assertTrue(nonWhite > inside, "axes and labels drawn too: " + nonWhite);
        assertTrue(inside > 10 * aboveRadar, "the blue is the radar, not something else: " + aboveRadar);
    }

    /**
     * Where the radar sits on page 1, from the print CSS: page margins 16 mm (top) and 18 mm (left), figure at
     * top 120 mm of the 255 mm-high cover, 174 mm wide; the SVG is {@link Radar#WIDTH_MM} × {@link Radar#HEIGHT_MM}.
     */
    record RadarArea(int x0, int y0, int x1, int y1) {
        static RadarArea onPage(int width, int height) {
            double pxPerMm = width / 210.0;
            double top = 16 + 120;
            return new RadarArea((int) (18 * pxPerMm), (int) (top * pxPerMm), (int) ((18 + 174) * pxPerMm),
                    (int) Math.min(height, (top + 8 + Radar.HEIGHT_MM) * pxPerMm));
        }
    }

    /** Pixels of the radar polygon's fill: {@link Radar#COLOUR} at 35 % opacity on white. */
    static int radarPixels(BufferedImage img, int x0, int y0, int x1, int y1) {
        int n = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                int rgb = img.getRGB(x, y);
                if (near(rgb, FILL)) {
                    n++;
                }
            }
        }
        return n;
    }

    static final int FILL = blend(Integer.parseInt(Radar.COLOUR.substring(1), 16), 0.35);

    static int blend(int rgb, double alpha) {
        int out = 0;
        for (int shift = 16; shift >= 0; shift -= 8) {
            int c = (rgb >> shift) & 0xff;
            out |= ((int) Math.round(alpha * c + (1 - alpha) * 255)) << shift;
        }
        return out;
    }

    static boolean near(int a, int b) {
        for (int shift = 16; shift >= 0; shift -= 8) {
            if (Math.abs(((a >> shift) & 0xff) - ((b >> shift) & 0xff)) > 12) {
                return false;
            }
        }
        return true;
    }

    static int nonWhite(BufferedImage img, int x0, int y0, int x1, int y1) {
        int n = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                int rgb = img.getRGB(x, y);
                if (((rgb >> 16) & 0xff) < 235 || ((rgb >> 8) & 0xff) < 235 || (rgb & 0xff) < 235) {
                    n++;
                }
            }
        }
        return n;
    }
}
