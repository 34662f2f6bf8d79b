package io.vigie.console.store.jdbc;

import static io.vigie.console.store.DiagnosticStore.DECLARABLE;
import static io.vigie.console.store.DiagnosticStore.MAX_NAME;
import static io.vigie.console.store.DiagnosticStore.MAX_SWAPS;
import static io.vigie.console.store.DiagnosticStore.MAX_TEXT;
import static io.vigie.console.store.jdbc.Jdbc.instant;
import static io.vigie.console.store.jdbc.Jdbc.list;
import static io.vigie.console.store.jdbc.Jdbc.one;
import static io.vigie.console.store.jdbc.Jdbc.update;
import static io.vigie.console.store.jdbc.JdbcDiagnosticStore.audit;
import static io.vigie.console.store.jdbc.JdbcDiagnosticStore.checkId;
import static io.vigie.console.store.jdbc.JdbcDiagnosticStore.checkText;
import static io.vigie.console.store.jdbc.JdbcDiagnosticStore.find;

import io.vigie.checks.plan.Status;
import io.vigie.console.store.DiagnosticStore.Tracking;
import io.vigie.console.store.DiagnosticStore.PlanSwap;
import io.vigie.console.store.Scope;
import io.vigie.console.store.StoreException;
import io.vigie.console.store.StoreException.Kind;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The plan's tracking and swaps of a diagnostic for {@link JdbcDiagnosticStore}, each write audited. */
final class JdbcDiagnosticPlan {

    private final Jdbc jdbc;

    JdbcDiagnosticPlan(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    public Map<String, Tracking> planTracking(Scope scope, UUID diagnosticId) {
        return jdbc.read(c -> {
            find(c, scope, diagnosticId).orElseThrow(() -> StoreException.notFound("diagnostic"));
            return tracking(c, diagnosticId);
        });
    }

    private static Map<String, Tracking> tracking(Connection c, UUID diagnosticId) throws SQLException {
        Map<String, Tracking> out = new LinkedHashMap<>();
        for (Tracking t : list(c, "SELECT question_id, owner_name, due_date, status, updated_at FROM plan_tracking "
                + "WHERE diagnostic_id = ? ORDER BY question_id", rs -> new Tracking(rs.getString(1), rs.getString(2),
                rs.getString(3) == null ? null : LocalDate.parse(rs.getString(3)),
                rs.getString(4) == null ? null : Status.valueOf(rs.getString(4)), instant(rs, 5)),
                diagnosticId)) {
            out.put(t.questionId(), t);
        }
        return out;
    }

    public void track(Scope scope, UUID diagnosticId, String questionId, String ownerName, LocalDate due, Status status,
                      Instant now) {
        checkId(questionId);
        String name = ownerName == null || ownerName.isBlank() ? null : ownerName.strip();
        checkText(name, MAX_NAME, "owner");
        if (status != null && !DECLARABLE.contains(status)) {
            throw new StoreException(Kind.INVALID, "bad_status", "A_FAIRE, EN_COURS or FAIT");
        }
        if (due != null && (due.getYear() < 2000 || due.getYear() > 2100)) {
            throw new StoreException(Kind.INVALID, "bad_date", "a date between 2000 and 2100");
        }
        jdbc.tx(c -> {
            find(c, scope, diagnosticId).orElseThrow(() -> StoreException.notFound("diagnostic"));
            Tracking old = tracking(c, diagnosticId).get(questionId);
            String dueText = due == null ? null : due.toString();
            update(c, "INSERT INTO plan_tracking (diagnostic_id, question_id, owner_name, due_date, status, updated_by, "
                    + "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (diagnostic_id, question_id) DO UPDATE SET "
                    + "owner_name = excluded.owner_name, due_date = excluded.due_date, status = excluded.status, "
                    + "updated_by = excluded.updated_by, updated_at = excluded.updated_at",
                    diagnosticId, questionId, name, dueText, status, scope.userId(), now);
            String[][] fields = {
                {"owner", old == null ? null : old.ownerName(), name},
                {"due", old == null || old.due() == null ? null : old.due().toString(), dueText},
                {"status", old == null || old.status() == null ? null : old.status().name(),
                    status == null ? null : status.name()}};
            for (String[] f : fields) {
                if (!java.util.Objects.equals(f[1], f[2])) {
                    audit(c, diagnosticId, scope.userId(), now, "plan", questionId, f[1], f[2], f[0]);
                }
            }
            return 1;
        });
    }

    public List<PlanSwap> swaps(Scope scope, UUID diagnosticId) {
        return jdbc.read(c -> {
            find(c, scope, diagnosticId).orElseThrow(() -> StoreException.notFound("diagnostic"));
            return list(c, "SELECT s.seq, s.out_question, s.in_question, u.email, s.at, s.reason FROM plan_swaps s "
                    + "LEFT JOIN users u ON u.id = s.who_user WHERE s.diagnostic_id = ? ORDER BY s.seq",
                    rs -> new PlanSwap(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4), instant(rs, 5),
                            rs.getString(6)), diagnosticId);
        });
    }

    public void addSwap(Scope scope, UUID diagnosticId, String out, String in, String reason, Instant now) {
        checkId(out);
        checkId(in);
        String why = reason == null || reason.isBlank() ? null : reason.strip();
        if (why == null) {
            throw new StoreException(Kind.INVALID, "reason_required", "a swap needs a reason");
        }
        checkText(why, MAX_TEXT, "reason");
        jdbc.tx(c -> {
            if (find(c, scope, diagnosticId).orElseThrow(() -> StoreException.notFound("diagnostic")).signed()) {
                throw JdbcDiagnosticStore.signed(); // the six measures are fixed at signature
            }
            int n = one(c, "SELECT COUNT(*) FROM plan_swaps WHERE diagnostic_id = ?", rs -> rs.getInt(1), diagnosticId)
                    .orElse(0);
            if (n >= MAX_SWAPS) {
                throw new StoreException(Kind.CONFLICT, "too_many_swaps", "at most " + MAX_SWAPS + " swaps per plan");
            }
            update(c, "INSERT INTO plan_swaps (diagnostic_id, seq, out_question, in_question, who_user, at, reason) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?)", diagnosticId, n + 1, out, in, scope.userId(), now, why);
            audit(c, diagnosticId, scope.userId(), now, "swap", in, out, in, why);
            return 1;
        });
    }
}
