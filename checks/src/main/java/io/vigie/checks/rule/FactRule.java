package io.vigie.checks.rule;

import io.vigie.checks.fact.Fact;
import io.vigie.checks.fact.FactKey;
import io.vigie.checks.fact.FactStatus;
import io.vigie.checks.fact.Snapshot;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A rule over one main fact. The base class turns a missing, unknown or failed fact into UNKNOWN (with the
 * fact's own reason as evidence) and a not-applicable fact into NOT_APPLICABLE, so a subclass only judges
 * a real value — and "could not collect" can never become PASS.
 */
public abstract class FactRule<T> implements Rule {

    /** Reason codes produced by the gate. */
    public static final String FACT_MISSING = "fact_missing";
    public static final String FACT_UNKNOWN = "fact_unknown";
    public static final String FACT_NOT_APPLICABLE = "fact_not_applicable";

    private final String id;
    private final FactKey<T> key;

    protected FactRule(String id, FactKey<T> key) {
        this.id = id;
        this.key = key;
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final Outcome judge(Snapshot snapshot, RuleContext context) {
        Optional<Fact<T>> fact = snapshot.get(key);
        if (fact.isEmpty()) {
            return Outcome.unknown(FACT_MISSING, Map.of("fact", key.name()));
        }
        Fact<T> f = fact.get();
        if (f.status() == FactStatus.OK) {
            return judge(f.value(), f, snapshot, context);
        }
        Map<String, Object> ev = new LinkedHashMap<>();
        ev.put("fact", key.name());
        ev.put("factStatus", f.status().name());
        ev.put("factReason", f.reason().code());
        if (f.reason().detail() != null) {
            ev.put("factDetail", f.reason().detail());
        }
        if (f.status() == FactStatus.NOT_APPLICABLE) {
            return Outcome.notApplicable(FACT_NOT_APPLICABLE, ev);
        }
        return Outcome.unknown(FACT_UNKNOWN, ev);
    }

    /** Judges an OK value. Null fields inside {@code value} mean "unknown detail": answer UNKNOWN, never PASS. */
    protected abstract Outcome judge(T value, Fact<T> fact, Snapshot snapshot, RuleContext context);
}
