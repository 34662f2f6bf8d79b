package io.vigie.console.report;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.svgsupport.BatikSVGDrawer;
import com.openhtmltopdf.util.XRLog;
import io.vigie.checks.plan.PlanItem;
import io.vigie.checks.plan.Recommendations;
import io.vigie.checks.plan.Verification;
import io.vigie.checks.referential.Answer;
import io.vigie.checks.referential.LocalText;
import io.vigie.checks.referential.Question;
import io.vigie.checks.referential.SignalDef;
import io.vigie.checks.referential.Theme;
import io.vigie.checks.referential.UrgenceDef;
import io.vigie.checks.report.Finding;
import io.vigie.checks.report.Severity;
import io.vigie.checks.report.Verdict;
import io.vigie.checks.scoring.Conflict;
import io.vigie.checks.scoring.Grades;
import io.vigie.checks.scoring.Level;
import io.vigie.checks.scoring.QuestionResult;
import io.vigie.checks.scoring.ScoreResult;
import io.vigie.checks.scoring.Signal;
import io.vigie.checks.scoring.ThemeScore;
import io.vigie.checks.scoring.Urgence;
import io.vigie.checks.text.GradeFormat;
import io.vigie.checks.text.Lang;
import io.vigie.checks.text.Texts;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.text.MessageFormat;
import java.text.NumberFormat;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.function.Function;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Renders a {@link DiagnosticReport} as a self-contained XHTML page (CSS inside, inline SVG radar, no script) and
 * as a PDF made from that same page by openhtmltopdf, with DejaVu Sans embedded. French by default, English
 * complete: the report's own labels come from {@code messages*.properties}, the content (themes, questions,
 * measures, rule texts) from the referential, the recommendations and {@link Texts}.
 *
 * <p>Thread-safe; one instance can serve every request.
 */
public final class ReportRenderer {

    static final String FONT_FAMILY = "DejaVu Sans";
    static final String FONT_REGULAR = "fonts/DejaVuSans.ttf";
    static final String FONT_BOLD = "fonts/DejaVuSans-Bold.ttf";
    static final String BUNDLE = "io.vigie.console.report.messages";

    private static final byte[] REGULAR = resource(FONT_REGULAR);
    private static final byte[] BOLD = resource(FONT_BOLD);

    /**
     * PDFBox instantiates the 14 standard PDF fonts whatever the page uses and warns that Symbol is not installed;
     * every glyph of the report is drawn with the embedded DejaVu Sans, so that warning is noise. openhtmltopdf logs
     * each rendering's steps at INFO. Both are kept to real problems (strong references: JUL holds loggers weakly).
     */
    private static final List<Logger> QUIET = quiet();

    private static List<Logger> quiet() {
        List<Logger> loggers = new ArrayList<>();
        Logger type1 = Logger.getLogger("org.apache.pdfbox.pdmodel.font.PDType1Font");
        type1.setLevel(java.util.logging.Level.SEVERE);
        loggers.add(type1);
        for (String name : XRLog.listRegisteredLoggers()) {
            XRLog.setLevel(name, java.util.logging.Level.WARNING);
        }
        return List.copyOf(loggers);
    }

    /** Dates of proofs are days in the console's time zone. */
    static final ZoneId ZONE = ZoneId.of("Europe/Paris");

    /**
     * The report's Content-Security-Policy when a browser shows it: nothing but its own inline style, allowed by
     * hash (no script, no outside resource; links to public guidance are plain navigation).
     */
    public static final String CSP = "default-src 'none'; style-src '" + styleHash() + "'; frame-ancestors 'none'; "
            + "form-action 'none'; base-uri 'none'";

    private final Texts texts;

    public ReportRenderer() {
        this(Texts.builtin());
    }

    /** With the console's texts (its rule catalogue may be newer than the built-in one). */
    public ReportRenderer(Texts texts) {
        this.texts = Objects.requireNonNull(texts);
    }

    /** The report as one XHTML page, in the report's language. */
    public String html(DiagnosticReport report) {
        return new Page(report, texts).render();
    }

    /** The report as a PDF, made from {@link #html}. */
    public byte[] pdf(DiagnosticReport report) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        pdf(html(report), out);
        return out.toByteArray();
    }

    /** Writes a page made by {@link #html} as a PDF. */
    public void pdf(String xhtml, OutputStream out) {
        try {
            PdfRendererBuilder b = new PdfRendererBuilder();
            b.useFastMode();
            b.useFont(() -> new ByteArrayInputStream(REGULAR), FONT_FAMILY, 400, BaseRendererBuilder.FontStyle.NORMAL, true);
            b.useFont(() -> new ByteArrayInputStream(BOLD), FONT_FAMILY, 700, BaseRendererBuilder.FontStyle.NORMAL, true);
            b.useSVGDrawer(new BatikSVGDrawer());
            b.withHtmlContent(xhtml, null);
            b.toStream(out);
            b.run();
        } catch (IOException e) {
            throw new UncheckedIOException("PDF rendering failed", e);
        }
    }

    private static byte[] resource(String name) {
        try (InputStream in = ReportRenderer.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("report resource missing: " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The labels of a language; French is the base bundle. */
    static ResourceBundle bundle(Lang lang) {
        return ResourceBundle.getBundle(BUNDLE, lang == Lang.EN ? Locale.ENGLISH : Locale.ROOT,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    /** One rendering. */
    private static final class Page {
        private final DiagnosticReport r;
        private final Texts texts;
        private final Lang lang;
        private final ResourceBundle b;
        private final StringBuilder h = new StringBuilder(64 * 1024);
        private final Map<String, String> hostnames;

        Page(DiagnosticReport r, Texts texts) {
            this.r = r;
            this.texts = texts;
            this.lang = r.lang();
            this.b = bundle(lang);
            this.hostnames = r.devices().stream().collect(Collectors.toMap(DiagnosticReport.Device::deviceId,
                    d -> d.hostname() == null ? d.deviceId() : d.hostname(), (a, c) -> a));
        }

        String t(String key, Object... args) {
            return MessageFormat.format(b.getString(key), args);
        }

        String e(String s) {
            return Html.esc(s);
        }

        String grade(Double g) {
            return g == null ? t("grades.na") : GradeFormat.format(g, lang);
        }

        String level(Level l) {
            return l == null ? t("level.none") : t("level." + l.name());
        }

        String theme(String id) {
            return texts.themeName(id, lang);
        }

        String question(String id) {
            return r.referential().question(id).map(q -> q.text().in(lang)).orElse(id);
        }

        Recommendations.MeasureText measure(PlanItem it) {
            return r.recommendations().forQuestion(it.questionId()).map(rec -> rec.text(it.level(), lang.code()))
                    .orElse(new Recommendations.MeasureText(question(it.questionId()), null, null));
        }

        String owner(String role) {
            LocalText o = role == null ? null : r.recommendations().owners().get(role);
            return o == null ? (role == null ? "" : role) : o.in(lang);
        }

        String render() {
            h.append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"").append(lang.code()).append("\">\n<head>\n")
                    .append("<meta charset=\"utf-8\"/>\n<title>").append(e(t("title") + " — " + r.organisation())).append("</title>\n")
                    .append("<style>").append(STYLE).append("</style>\n</head>\n<body>\n");
            cover();
            h.append("<main>\n");
            urgences();
            measures();
            plan();
            gaps();
            if (r.previous() != null) {
                changes();
            }
            annex();
            h.append("</main>\n<footer><p>").append(e(t("footer", r.score().referentialId(), r.score().referentialVersion())))
                    .append("</p></footer>\n</body>\n</html>\n");
            return h.toString();
        }

        void cover() {
            Grades g = r.score().grades();
            Level l = g.level();
            h.append("<header class=\"cover\">\n<h1>").append(e(t("title"))).append("</h1>\n")
                    .append("<p class=\"org\">").append(e(r.organisation())).append("</p>\n<dl class=\"facts\">")
                    .append("<dt>").append(e(t("cover.date"))).append("</dt><dd>").append(e(texts.date(r.date(), lang))).append("</dd>");
            if (r.expert() != null && !r.expert().isBlank()) {
                h.append("<dt>").append(e(t("cover.expert"))).append("</dt><dd>").append(e(r.expert())).append("</dd>");
            }
            h.append("</dl>\n<div class=\"level level-").append(l == null ? "none" : l.name().toLowerCase(Locale.ROOT)).append("\">")
                    .append("<p class=\"level-name\">").append(e(t("cover.level"))).append(" : <strong>").append(e(level(l)))
                    .append("</strong></p><p class=\"level-grade\">").append(e(t("cover.grade", grade(g.global())))).append("</p>");
            if (g.capped()) {
                h.append("<p class=\"note\">").append(e(t("cover.capped",
                        g.cappedBy().stream().map(this::theme).collect(Collectors.joining(", "))))).append("</p>");
            }
            if (r.score().declarative() != null && r.score().declarative().global() != null) {
                h.append("<p class=\"note\">").append(e(t("cover.declarative", grade(r.score().declarative().global())))).append("</p>");
            }
            h.append("</div>\n");
            if (!r.score().urgences().isEmpty()) {
                h.append("<p class=\"cover-urgent\">").append(e(t("urgences.title"))).append(" : ")
                        .append(r.score().urgences().size()).append("</p>\n");
            }
            List<Radar.Axis> axes = new ArrayList<>();
            for (Theme th : r.referential().themes()) {
                ThemeScore ts = find(g, th.id());
                String name = th.id().substring(1).replaceFirst("^0", "") + ". " + theme(th.id());
                axes.add(new Radar.Axis(Radar.wrap(name, 26), ts == null ? null : ts.grade()));
            }
            h.append("<figure class=\"radar\">\n<figcaption>").append(e(t("radar.title"))).append("</figcaption>\n")
                    .append(Radar.svg(axes, t("radar.label"))).append("\n</figure>\n</header>\n");
            // the same grades as a table (readable without the picture)
            h.append("<section class=\"grades\">\n<h2>").append(e(t("radar.title"))).append("</h2>\n<table>\n<thead><tr><th scope=\"col\">")
                    .append(e(t("grades.theme"))).append("</th><th scope=\"col\" class=\"num\">").append(e(t("grades.grade")))
                    .append("</th><th scope=\"col\" class=\"num\">").append(e(t("grades.confidence"))).append("</th></tr></thead>\n<tbody>\n");
            NumberFormat pct = NumberFormat.getPercentInstance(lang.locale());
            for (Theme th : r.referential().themes()) {
                ThemeScore ts = find(g, th.id());
                h.append("<tr><th scope=\"row\">").append(e(th.id() + " " + theme(th.id()))).append(th.socle() ? " ★" : "")
                        .append("</th><td class=\"num\">").append(e(grade(ts == null ? null : ts.grade())))
                        .append("</td><td class=\"num\">").append(ts == null || !ts.applicable() ? "" : e(pct.format(ts.confidence())))
                        .append("</td></tr>\n");
            }
            h.append("</tbody>\n</table>\n</section>\n");
        }

        static ThemeScore find(Grades g, String themeId) {
            return g.themes().stream().filter(x -> x.themeId().equals(themeId)).findFirst().orElse(null);
        }

        void urgences() {
            List<Urgence> us = r.score().urgences();
            h.append("<section class=\"urgences\">\n<h2>").append(e(t("urgences.title"))).append("</h2>\n");
            if (us.isEmpty()) {
                h.append("<p>").append(e(t("urgences.none"))).append("</p>\n");
            } else {
                h.append("<div class=\"banner\" role=\"alert\">\n<p>").append(e(t("urgences.intro"))).append("</p>\n<ul>\n");
                for (Urgence u : us) {
                    UrgenceDef def = r.referential().urgences().stream().filter(d -> d.id().equals(u.id())).findFirst().orElse(null);
                    h.append("<li><strong>").append(e(def == null ? u.id() : def.text().in(lang))).append("</strong>");
                    if (!u.devices().isEmpty()) {
                        h.append(" ").append(e(t("urgences.devices", hosts(u.devices()))));
                    }
                    if (!u.observedIn().isEmpty()) {
                        h.append(" ").append(e(t("urgences.observed")));
                    }
                    if (u.stale()) {
                        h.append(" ").append(e(t("urgences.stale")));
                    }
                    List<String> fixes = u.questions().stream().filter(q -> hasItem(q))
                            .map(q -> measure(r.plan().item(q)).title()).toList();
                    if (!fixes.isEmpty()) {
                        h.append(" ").append(e(t("urgences.measures", String.join(" ; ", fixes))));
                    }
                    h.append("</li>\n");
                }
                h.append("</ul>\n</div>\n");
            }
            // « accessible depuis le réseau »: the agent sees a listening service, not the internet; never called an exposure
            if (!r.score().signals().isEmpty()) {
                h.append("<div class=\"signals\">\n<h3>").append(e(t("signals.title"))).append("</h3>\n<ul>\n");
                for (Signal s : r.score().signals()) {
                    SignalDef def = r.referential().signals().stream().filter(d -> d.id().equals(s.id())).findFirst().orElse(null);
                    h.append("<li>").append(e(def == null ? s.id() : def.text().in(lang))).append(" ")
                            .append(e(t("urgences.devices", hosts(s.devices())))).append("</li>\n");
                }
                h.append("</ul>\n</div>\n");
            }
            h.append("</section>\n");
        }

        boolean hasItem(String q) {
            return r.plan().items().stream().anyMatch(i -> i.questionId().equals(q));
        }

        String hosts(List<String> deviceIds) {
            return deviceIds.stream().map(id -> hostnames.getOrDefault(id, id)).collect(Collectors.joining(", "));
        }

        void measures() {
            h.append("<section class=\"measures\">\n<h2>").append(e(t("measures.title"))).append("</h2>\n");
            if (r.plan().priorities().isEmpty()) {
                h.append("<p>").append(e(t("measures.none"))).append("</p>\n</section>\n");
                return;
            }
            h.append("<p>").append(e(t("measures.intro"))).append("</p>\n<ol class=\"six\">\n");
            for (String q : r.plan().priorities()) {
                PlanItem it = r.plan().item(q);
                Recommendations.MeasureText m = measure(it);
                String cost = r.recommendations().forQuestion(q).map(Recommendations.Recommendation::cost).orElse("");
                h.append("<li class=\"measure\">\n<h3>").append(e(m.title())).append("</h3>\n");
                if (it.urgent()) {
                    h.append("<p class=\"tag-urgent\">").append(e(t("measures.urgent"))).append("</p>\n");
                }
                h.append("<p class=\"meta\">").append(e(theme(it.questionId().contains(".") ? themeOf(q) : q)))
                        .append(" · ").append(e(t("measures.owner"))).append(" : ").append(e(owner(it.owner())))
                        .append(" · ").append(e(t("measures.deadline"))).append(" : ").append(e(deadline(it)))
                        .append(" · ").append(e(t("measures.effort"))).append(" : ").append(e(t("effort." + it.effort())))
                        .append(cost.isEmpty() ? "" : " · " + e(t("measures.cost")) + " : " + e(cost)).append("</p>\n");
                if (it.status() != io.vigie.checks.plan.Status.A_FAIRE || r.proofs().containsKey(q)) {
                    h.append("<p class=\"status\">").append(e(t("measures.status"))).append(" : ").append(e(status(it)))
                            .append("</p>\n");
                }
                if (m.why() != null) {
                    h.append("<p><strong>").append(e(t("measures.why"))).append(" : </strong>").append(e(m.why())).append("</p>\n");
                }
                if (m.how() != null) {
                    h.append("<p><strong>").append(e(t("measures.how"))).append(" : </strong>").append(e(m.how())).append("</p>\n");
                }
                List<Recommendations.Link> links = links(q);
                if (!links.isEmpty()) {
                    h.append("<p class=\"links\"><strong>").append(e(t("measures.links"))).append(" : </strong>");
                    for (int i = 0; i < links.size(); i++) {
                        h.append(i == 0 ? "" : " · ").append(link(links.get(i)));
                    }
                    h.append("</p>\n");
                }
                h.append("</li>\n");
            }
            h.append("</ol>\n</section>\n");
        }

        String themeOf(String q) {
            return r.referential().question(q).map(Question::theme).orElseThrow();
        }

        /** {@code M+n}, or a date set by the people following the plan (ISO), shown in words. */
        String deadline(PlanItem it) {
            if (it.deadline() == null) {
                return t("deadline.none");
            }
            try {
                return texts.date(LocalDate.parse(it.deadline()), lang);
            } catch (DateTimeParseException notADate) {
                return it.deadline();
            }
        }

        /** The status in words, with its proof: since when the reports prove it, or when one contradicted it. */
        String status(PlanItem it) {
            String s = t("status." + it.status().name());
            Verification.Result v = r.proofs().get(it.questionId());
            if (v == null) {
                return s;
            }
            if (it.status() == io.vigie.checks.plan.Status.VERIFIE && v.provenSince() != null) {
                s += " (" + t("proof.since", day(v.provenSince())) + ")";
            } else if (v.contradictedAt() != null) {
                s += " (" + t("proof.contradicted", day(v.contradictedAt())) + ")";
            }
            return s;
        }

        String day(java.time.Instant i) {
            return texts.date(LocalDate.ofInstant(i, ZONE), lang);
        }

        /** The public guidance pages of a measure, in the recommendations' order. */
        List<Recommendations.Link> links(String q) {
            List<Recommendations.Link> out = new ArrayList<>();
            r.recommendations().forQuestion(q).ifPresent(rec -> {
                for (String id : rec.links()) {
                    Recommendations.Link l = r.recommendations().links().get(id);
                    if (l != null) {
                        out.add(l);
                    }
                }
            });
            return out;
        }

        String link(Recommendations.Link l) {
            String label = lang == Lang.EN && l.en() != null ? l.en() : l.fr();
            return "<a href=\"" + e(l.url()) + "\">" + e(label == null ? l.url() : label) + "</a>";
        }

        void plan() {
            h.append("<section class=\"plan\">\n<h2>").append(e(t("plan.title"))).append("</h2>\n");
            if (r.plan().items().isEmpty()) {
                h.append("<p>").append(e(t("measures.none"))).append("</p>\n</section>\n");
                return;
            }
            h.append("<table>\n<thead><tr>");
            for (String k : List.of("plan.rank", "plan.measure", "plan.theme", "plan.owner", "plan.deadline", "plan.status")) {
                h.append("<th scope=\"col\">").append(e(t(k))).append("</th>");
            }
            h.append("</tr></thead>\n<tbody>\n");
            Set<String> six = new LinkedHashSet<>(r.plan().priorities());
            for (PlanItem it : r.plan().items()) {
                h.append("<tr").append(six.contains(it.questionId()) ? " class=\"top\"" : "").append("><td class=\"num\">")
                        .append(it.rank()).append("</td><td>").append(e(measure(it).title()))
                        .append(it.urgent() ? " <span class=\"tag-urgent\">!</span>" : "");
                List<Recommendations.Link> links = links(it.questionId());
                if (!links.isEmpty()) {
                    h.append("<br/><span class=\"src\">").append(e(t("plan.links"))).append(" : ");
                    for (int i = 0; i < links.size(); i++) {
                        h.append(i == 0 ? "" : ", ").append(link(links.get(i)));
                    }
                    h.append("</span>");
                }
                h.append("</td><td>")
                        .append(e(theme(themeOf(it.questionId())))).append("</td><td>").append(e(owner(it.owner())))
                        .append("</td><td>").append(e(deadline(it))).append("</td><td>")
                        .append(e(status(it))).append("</td></tr>\n");
            }
            h.append("</tbody>\n</table>\n</section>\n");
        }

        void gaps() {
            h.append("<section class=\"gaps\">\n<h2>").append(e(t("gaps.title"))).append("</h2>\n");
            List<QuestionResult> gaps = r.score().questions().values().stream()
                    .filter(q -> q.conflict() == Conflict.OPTIMISTE).toList();
            if (gaps.isEmpty()) {
                h.append("<p>").append(e(t("gaps.none"))).append("</p>\n</section>\n");
                return;
            }
            h.append("<p>").append(e(t("gaps.intro"))).append("</p>\n<table>\n<thead><tr><th scope=\"col\">")
                    .append(e(t("gaps.question"))).append("</th><th scope=\"col\">").append(e(t("gaps.declared")))
                    .append("</th><th scope=\"col\">").append(e(t("gaps.evidence"))).append("</th></tr></thead>\n<tbody>\n");
            for (QuestionResult q : gaps) {
                Question def = r.referential().question(q.questionId()).orElseThrow();
                boolean measured = q.measured() != null && q.measured().value() != null;
                Double evidence = measured ? q.measured().value() : q.observed();
                h.append("<tr><td>").append(e(def.text().in(lang))).append("</td><td>")
                        .append(e(answer(def, q.declared()))).append("</td><td>").append(e(answer(def, evidence)))
                        .append(" <span class=\"src\">(").append(e(t(measured ? "gaps.measured" : "gaps.observed")))
                        .append(")</span></td></tr>\n");
            }
            h.append("</tbody>\n</table>\n</section>\n");
        }

        /** The option with this value, or the value itself. */
        String answer(Question q, Double v) {
            if (v == null) {
                return "";
            }
            return q.answers().stream().filter(a -> a.value() == v).findFirst().map(a -> a.text().in(lang))
                    .orElse(GradeFormat.format(v, lang) + " / 3");
        }

        void changes() {
            ScoreResult before = r.previous();
            Grades g0 = before.grades();
            Grades g1 = r.score().grades();
            h.append("<section class=\"changes\">\n<h2>").append(e(t("changes.title"))).append("</h2>\n<p>")
                    .append(e(t("changes.global", grade(g0.global()), grade(g1.global()), level(g0.level()), level(g1.level()))))
                    .append("</p>\n");
            Function<ScoreResult, Set<String>> ids = s -> s.urgences().stream().map(Urgence::id)
                    .collect(Collectors.toCollection(LinkedHashSet::new));
            Set<String> resolved = new LinkedHashSet<>(ids.apply(before));
            resolved.removeAll(ids.apply(r.score()));
            Set<String> added = new LinkedHashSet<>(ids.apply(r.score()));
            added.removeAll(ids.apply(before));
            if (!resolved.isEmpty()) {
                h.append("<p>").append(e(t("changes.resolved", urgenceTexts(resolved)))).append("</p>\n");
            }
            if (!added.isEmpty()) {
                h.append("<p>").append(e(t("changes.new", urgenceTexts(added)))).append("</p>\n");
            }
            h.append("<table>\n<thead><tr><th scope=\"col\">").append(e(t("changes.theme"))).append("</th><th scope=\"col\" class=\"num\">")
                    .append(e(t("changes.before"))).append("</th><th scope=\"col\" class=\"num\">").append(e(t("changes.after")))
                    .append("</th><th scope=\"col\">").append(e(t("changes.trend"))).append("</th></tr></thead>\n<tbody>\n");
            for (Theme th : r.referential().themes()) {
                ThemeScore a = find(g0, th.id());
                ThemeScore c = find(g1, th.id());
                Double va = a == null ? null : a.grade();
                Double vc = c == null ? null : c.grade();
                String trend = "";
                if (va != null && vc != null) {
                    int d = GradeFormat.round(vc).compareTo(GradeFormat.round(va)); // the grades as printed
                    trend = d > 0 ? t("changes.up") : d < 0 ? t("changes.down") : t("changes.same");
                }
                h.append("<tr><th scope=\"row\">").append(e(th.id() + " " + theme(th.id()))).append("</th><td class=\"num\">")
                        .append(e(grade(va))).append("</td><td class=\"num\">").append(e(grade(vc))).append("</td><td>")
                        .append(e(trend)).append("</td></tr>\n");
            }
            h.append("</tbody>\n</table>\n</section>\n");
        }

        String urgenceTexts(Set<String> ids) {
            return ids.stream().map(id -> r.referential().urgences().stream().filter(d -> d.id().equals(id)).findFirst()
                    .map(d -> d.text().in(lang)).orElse(id)).collect(Collectors.joining(" ; "));
        }

        void annex() {
            h.append("<section class=\"annex\">\n<h2>").append(e(t("annex.title"))).append("</h2>\n");
            if (r.devices().isEmpty()) {
                h.append("<p>").append(e(t("annex.none"))).append("</p>\n</section>\n");
                return;
            }
            h.append("<p>").append(e(t("annex.intro"))).append("</p>\n");
            List<DiagnosticReport.Device> devices = r.devices().stream()
                    .sorted(Comparator.comparing((DiagnosticReport.Device d) -> String.valueOf(d.hostname()).toLowerCase(Locale.ROOT)))
                    .toList();
            for (DiagnosticReport.Device d : devices) {
                List<Finding> fails = d.findings().stream().filter(f -> f.verdict() == Verdict.FAIL)
                        .sorted(Comparator.comparing((Finding f) -> f.severity() == null ? Severity.values().length : f.severity().ordinal())
                                .thenComparing(Finding::ruleId))
                        .toList();
                h.append("<article class=\"device\">\n<h3>").append(e(d.hostname() == null ? d.deviceId() : d.hostname()))
                        .append("</h3>\n<p class=\"meta\">").append(e(t("annex.platform"))).append(" : ").append(e(platform(d.platform())))
                        .append(" · ").append(e(t("annex.reportedAt"))).append(" : ")
                        .append(e(d.reportedAt() == null ? t("annex.unknownDate") : texts.format(d.reportedAt(), lang)))
                        .append(" · ").append(e(t("annex.fails", fails.size()))).append("</p>\n");
                if (fails.isEmpty()) {
                    h.append("<p>").append(e(t("annex.nofail"))).append("</p>\n");
                } else {
                    h.append("<ul class=\"findings\">\n");
                    for (Finding f : fails) {
                        String title;
                        try {
                            title = texts.rule(f.ruleId(), lang).title();
                        } catch (IllegalArgumentException unknownRule) {
                            title = f.ruleId();
                        }
                        String sev = f.severity() == null ? "" : texts.severityLabel(f.severity(), lang);
                        h.append("<li><p class=\"finding-title\"><strong>").append(e(title)).append("</strong>");
                        if (!sev.isEmpty()) {
                            h.append(" <span class=\"sev sev-").append(e(f.severity().json())).append("\">")
                                    .append(e(t("annex.severity"))).append(" : ").append(e(sev)).append("</span>");
                        }
                        h.append("</p><p>").append(e(texts.explain(f, lang))).append("</p></li>\n");
                    }
                    h.append("</ul>\n");
                }
                h.append("</article>\n");
            }
            h.append("</section>\n");
        }

        static String platform(String p) {
            if (p == null) {
                return "?";
            }
            return switch (p) {
                case "windows" -> "Windows";
                case "macos" -> "macOS";
                case "linux" -> "Linux";
                default -> p;
            };
        }
    }

    /** The text of the page's one {@code <style>} element (a constant: the policy above hashes it). */
    static final String STYLE = "\n" + ReportRenderer.CSS;

    private static String styleHash() {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(STYLE.getBytes(StandardCharsets.UTF_8));
            return "sha256-" + Base64.getEncoder().encodeToString(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Plain typography for screen and print; the cover keeps the radar at a fixed place on page 1 in print. */
    static final String CSS = """
            @page { size: A4; margin: 16mm 18mm 18mm 18mm;
              @bottom-right { content: counter(page) " / " counter(pages); font-family: 'DejaVu Sans'; font-size: 8pt; color: #666666; } }
            body { font-family: 'DejaVu Sans', sans-serif; font-size: 10pt; line-height: 1.45; color: #1a1a1a; max-width: 180mm; margin: 0 auto; }
            h1 { font-size: 20pt; margin: 0 0 4mm 0; color: #123d6b; }
            h2 { font-size: 14pt; margin: 8mm 0 3mm 0; color: #123d6b; border-bottom: 1px solid #c8d3e0; padding-bottom: 1mm; }
            h3 { font-size: 11pt; margin: 4mm 0 1.5mm 0; }
            p { margin: 0 0 2mm 0; }
            .cover .org { font-size: 16pt; font-weight: bold; margin-bottom: 3mm; }
            .facts dt { font-weight: bold; float: left; clear: left; width: 45mm; }
            .facts dd { margin: 0 0 1mm 45mm; }
            .facts { margin: 0 0 4mm 0; }
            .level { border-radius: 2mm; padding: 3mm 4mm; margin-bottom: 3mm; border: 1px solid #999999; }
            .level-name { font-size: 13pt; margin: 0; }
            .level-grade { font-size: 11pt; margin: 0; }
            .level-faible { background: #fde8e6; border-color: #c0392b; }
            .level-moyen { background: #fff4dc; border-color: #c98a00; }
            .level-satisfaisant { background: #e5f5e8; border-color: #2e7d32; }
            .note { font-size: 9pt; margin: 1mm 0 0 0; }
            .cover-urgent { color: #ffffff; background: #b3261e; padding: 1.5mm 3mm; font-weight: bold; }
            figure.radar { margin: 4mm 0 0 0; text-align: center; }
            figure.radar figcaption { font-weight: bold; margin-bottom: 1mm; }
            table { border-collapse: collapse; width: 100%; margin: 2mm 0 4mm 0; font-size: 9pt; }
            th, td { border-bottom: 1px solid #d6d6d6; padding: 1.2mm 1.5mm; text-align: left; vertical-align: top; }
            thead th { background: #eef2f7; }
            .num { text-align: right; }
            tr.top td { font-weight: bold; }
            .banner { background: #b3261e; color: #ffffff; padding: 3mm 4mm; border-radius: 2mm; }
            .banner ul { margin: 1mm 0 0 0; padding-left: 5mm; }
            .banner li { margin-bottom: 1.5mm; }
            .signals { border-left: 3mm solid #c98a00; padding-left: 3mm; margin-top: 3mm; }
            ol.six { padding-left: 6mm; }
            .measure { margin-bottom: 3mm; page-break-inside: avoid; }
            .meta { color: #4a4a4a; font-size: 9pt; }
            .tag-urgent { color: #b3261e; font-weight: bold; }
            .src { color: #4a4a4a; font-size: 8.5pt; }
            .device { page-break-inside: auto; border-top: 1px solid #c8d3e0; padding-top: 1mm; }
            .findings { padding-left: 5mm; }
            .findings li { margin-bottom: 1.5mm; }
            .finding-title { margin: 0; }
            .sev { font-size: 8.5pt; color: #4a4a4a; }
            .sev-critical, .sev-high { color: #b3261e; }
            .links { font-size: 9pt; }
            .status { font-size: 9pt; font-weight: bold; }
            footer { margin-top: 8mm; font-size: 8pt; color: #666666; }
            @media print {
              header.cover { page-break-after: always; position: relative; height: 255mm; }
              figure.radar { position: absolute; left: 0; top: 120mm; width: 174mm; margin: 0; }
              section.grades { page-break-after: always; }
            }
            """;
}
