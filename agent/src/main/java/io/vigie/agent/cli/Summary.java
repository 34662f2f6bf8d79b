package io.vigie.agent.cli;

import io.vigie.checks.fact.Fact;
import io.vigie.checks.fact.FactKeys;
import io.vigie.checks.fact.OsIdentity;
import io.vigie.checks.report.Finding;
import io.vigie.checks.report.Report;
import io.vigie.checks.report.Severity;
import io.vigie.checks.report.Verdict;
import io.vigie.checks.rule.RuleText;
import io.vigie.checks.text.Lang;
import io.vigie.checks.text.Texts;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The human summary of a report: problems grouped by severity then theme, each with what was seen, why it
 * matters and what to do; then what could not be checked and why; then what is fine. Plain words, in the
 * chosen language; colours only when asked (on a terminal).
 */
final class Summary {

    private static final int WIDTH = 100;

    private final Texts texts;
    private final Messages msg;
    private final boolean color;
    private final ZoneId zone;

    Summary(Texts texts, Messages msg, boolean color, ZoneId zone) {
        this.texts = texts;
        this.msg = msg;
        this.color = color;
        this.zone = zone;
    }

    String render(Report report) {
        Lang lang = msg.lang();
        StringBuilder out = new StringBuilder();
        String when = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.LONG, FormatStyle.SHORT)
                .withLocale(lang.locale()).withZone(zone).format(report.finishedAt());
        out.append(bold(msg.get("summary.title", report.hostname(), osName(report), when))).append('\n');

        List<Finding> fails = new ArrayList<>();
        List<Finding> unknown = new ArrayList<>();
        List<Finding> passes = new ArrayList<>();
        int notApplicable = 0;
        for (Finding f : report.findings()) {
            switch (f.verdict()) {
                case FAIL -> fails.add(f);
                case UNKNOWN -> unknown.add(f);
                case PASS -> passes.add(f);
                case NOT_APPLICABLE -> notApplicable++;
            }
        }
        Map<Severity, Integer> counts = new TreeMap<>();
        fails.forEach(f -> counts.merge(f.severity(), 1, Integer::sum));
        List<String> parts = new ArrayList<>();
        counts.forEach((s, n) -> parts.add(texts.severityLabel(s, lang).toLowerCase(lang.locale()) + " " + n));
        out.append(fails.isEmpty() ? msg.get("summary.noProblem")
                : msg.get("summary.problems", fails.size(), String.join(", ", parts))).append('\n');
        out.append(msg.get("summary.counts", passes.size(), unknown.size(), notApplicable)).append("\n\n");

        fails.sort(Comparator.comparing(Finding::severity).thenComparing(Finding::theme).thenComparing(Finding::ruleId));
        Severity current = null;
        for (Finding f : fails) {
            if (f.severity() != current) {
                current = f.severity();
                out.append(colored(current, "■ " + texts.severityLabel(current, lang).toUpperCase(lang.locale())))
                        .append('\n');
            }
            RuleText t = texts.rule(f.ruleId(), lang);
            out.append("  ").append(bold(t.title())).append("  ").append(dim("[" + texts.themeName(f.theme(), lang)
                    + " · " + f.ruleId() + "]"))
                    .append('\n');
            wrap(out, msg.get("summary.seen"), texts.explain(f, lang));
            wrap(out, msg.get("summary.why"), t.why());
            wrap(out, msg.get("summary.todo"), t.fix());
            out.append('\n');
        }

        if (!unknown.isEmpty()) {
            out.append(bold(msg.get("summary.unknownTitle", unknown.size()))).append('\n');
            unknown.sort(Comparator.comparing(Finding::theme).thenComparing(Finding::ruleId));
            for (Finding f : unknown) {
                wrap(out, "  - " + texts.rule(f.ruleId(), lang).title() + " :", texts.explain(f, lang));
            }
            out.append('\n');
        }
        if (!passes.isEmpty()) {
            out.append(bold(msg.get("summary.passTitle", passes.size()))).append('\n');
            passes.sort(Comparator.comparing(Finding::theme).thenComparing(Finding::ruleId));
            for (Finding f : passes) {
                wrap(out, "  ✓", texts.explain(f, lang));
            }
            out.append('\n');
        }
        out.append(dim(msg.get("summary.footer"))).append('\n');
        return out.toString();
    }

    private String osName(Report report) {
        Fact<?> f = report.facts().get(FactKeys.OS_IDENTITY.name());
        if (f != null && f.value() instanceof OsIdentity os && os.name() != null) {
            return os.name();
        }
        return report.platform();
    }

    /** Appends "label text" wrapped at {@link #WIDTH} with a hanging indent. */
    private void wrap(StringBuilder out, String label, String text) {
        String indent = "      ";
        String prefix = label.startsWith("  ") ? label : "    " + label;
        StringBuilder line = new StringBuilder(prefix);
        for (String word : Optional.ofNullable(text).orElse("").split("\\s+")) {
            if (word.isEmpty()) {
                continue;
            }
            if (line.length() + 1 + word.length() > WIDTH && line.length() > indent.length()) {
                out.append(line).append('\n');
                line = new StringBuilder(indent);
            } else if (line.length() > 0) {
                line.append(' ');
            }
            line.append(word);
        }
        out.append(line).append('\n');
    }

    private String bold(String s) {
        return color ? "\033[1m" + s + "\033[0m" : s;
    }

    private String dim(String s) {
        return color ? "\033[2m" + s + "\033[0m" : s;
    }

    private String colored(Severity s, String text) {
        if (!color) {
            return text;
        }
        String code = switch (s) {
            case CRITICAL -> "\033[1;31m";
            case HIGH -> "\033[31m";
            case MEDIUM -> "\033[33m";
            case LOW -> "\033[36m";
            case INFO -> "\033[2m";
        };
        return code + text + "\033[0m";
    }

    static boolean hasFailAtLeast(Report report, Severity threshold) {
        return report.findings().stream()
                .anyMatch(f -> f.verdict() == Verdict.FAIL && f.severity() != null && f.severity().atLeast(threshold));
    }
}
