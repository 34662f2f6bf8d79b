package io.vigie.console.report;

import io.vigie.checks.json.Json;
import io.vigie.checks.plan.ActionPlan;
import io.vigie.checks.plan.Recommendations;
import io.vigie.checks.plan.Status;
import io.vigie.checks.referential.Answer;
import io.vigie.checks.referential.Question;
import io.vigie.checks.referential.Referential;
import io.vigie.checks.report.Finding;
import io.vigie.checks.report.Report;
import io.vigie.checks.scoring.Assessment;
import io.vigie.checks.scoring.DeviceReport;
import io.vigie.checks.scoring.ScoreResult;
import io.vigie.checks.scoring.Scoring;
import io.vigie.checks.scoring.SignOff;
import io.vigie.checks.text.Lang;
import io.vigie.console.AgentCli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A realistic diagnostic for the report tests and the benchmark: the shipped referential and recommendations,
 * an owner's Autodiag (over-declaring on patching, backups and antivirus), an expert's observations and sign-offs,
 * and two recorded Windows machines replayed through the real agent ({@code vigie check --json --replay}).
 */
final class ReportFixtures {

    static final Referential REF = Referential.builtin();
    static final Recommendations RECS = Recommendations.builtin();
    static final String[] MACHINES = {"windows-10-22h2-eol-pc", "windows-11-pro-fr-laptop"};

    private ReportFixtures() {
    }

    /** A recorded machine replayed through the agent's command line; its report as the agent would send it. */
    static Report replay(String machine, Path home) {
        Path dir = Path.of("..", "agent", "src", "test", "resources", "machines", machine).toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("recorded machine missing: " + dir);
        }
        AgentCli.Run run = AgentCli.run(home, Map.of("VIGIE_STATE_DIR", home.resolve("state").toString()), "check",
                "--json", "--replay", dir.toString());
        if (run.code() != 0 && run.code() != 1) {
            throw new IllegalStateException("replay of " + machine + " failed (" + run.code() + "): " + run.err());
        }
        try {
            return Json.mapper().readValue(run.out(), Report.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Report> machines(Path home) {
        List<Report> reports = new ArrayList<>();
        for (String m : MACHINES) {
            reports.add(replay(m, home.resolve(m)));
        }
        return reports;
    }

    /** Answers: the owner declares the best answer to every D question (optimistic), except a few honest gaps. */
    static Assessment assessment(List<Report> reports, boolean firstVisit) {
        Map<String, String> declared = new HashMap<>();
        Map<String, String> observed = new HashMap<>();
        Map<String, SignOff> signOffs = new HashMap<>();
        for (Question q : REF.questions()) {
            String best = q.answers().stream().max(Comparator.comparingDouble(Answer::value)).orElseThrow().id();
            String worst = q.answers().stream().min(Comparator.comparingDouble(Answer::value)).orElseThrow().id();
            String middle = q.answers().get(q.answers().size() / 2).id();
            int n = Integer.parseInt(q.id().split("\\.")[1]);
            boolean weak = firstVisit ? n % 2 == 1 : n % 3 == 1;
            if (q.audience() == Question.Audience.D) {
                declared.put(q.id(), weak && !q.activeEvidence().isPresent() ? middle : best);
            } else {
                observed.put(q.id(), weak ? worst : middle);
            }
            if (q.activeEvidence().isPresent()) {
                signOffs.put(q.id(), SignOff.accept());
            }
        }
        List<DeviceReport> devices = new ArrayList<>();
        Instant latest = Instant.EPOCH;
        for (Report r : reports) {
            devices.add(DeviceReport.of(r.deviceId().toString(), r.finishedAt(), r.findings()));
            latest = latest.isAfter(r.finishedAt()) ? latest : r.finishedAt();
        }
        Map<String, String> context = Map.of("C1", "4", "C2", String.valueOf(reports.size()), "C3", "0", "C4", "1",
                "C5", "yes", "C6", "no");
        return new Assessment(context, declared, observed, signOffs, devices, latest.plus(Duration.ofHours(2)));
    }

    static DiagnosticReport report(List<Report> reports, Lang lang, boolean withPrevious) {
        ScoreResult score = Scoring.score(REF, assessment(reports, false));
        ActionPlan plan = ActionPlan.build(REF, RECS, score);
        plan = plan.update(plan.priorities().get(0), "Marie Dupont", Status.EN_COURS);
        ScoreResult previous = withPrevious ? Scoring.score(REF, assessment(List.of(), true)) : null;
        List<DiagnosticReport.Device> devices = reports.stream()
                .map(r -> new DiagnosticReport.Device(r.deviceId().toString(), r.hostname(), r.platform(), r.finishedAt(),
                        r.findings()))
                .toList();
        return new DiagnosticReport("Boulangerie Martin SARL", LocalDate.of(2026, 11, 22), "Claire Lefèvre", lang,
                REF, RECS, score, plan, devices, previous);
    }

    /** {@code count} devices with about {@code findingsEach} findings each, cycled from the recorded machines. */
    static List<Report> many(List<Report> base, int count) {
        List<Report> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Report r = base.get(i % base.size());
            List<Finding> findings = new ArrayList<>(r.findings());
            out.add(new Report(r.schemaVersion(), java.util.UUID.randomUUID(), java.util.UUID.randomUUID(),
                    String.format("POSTE-%02d", i + 1), r.platform(), r.agentVersion(), r.catalogueVersion(),
                    r.startedAt(), r.finishedAt(), r.facts(), findings, r.lan()));
        }
        return out;
    }
}
