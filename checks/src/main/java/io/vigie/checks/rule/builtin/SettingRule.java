package io.vigie.checks.rule.builtin;

import io.vigie.checks.fact.Fact;
import io.vigie.checks.fact.FactKey;
import io.vigie.checks.fact.Snapshot;
import io.vigie.checks.rule.FactRule;
import io.vigie.checks.rule.Outcome;
import io.vigie.checks.rule.RuleContext;

import java.util.Set;
import java.util.function.Function;

/**
 * A rule over one on/off setting inside a fact: FAIL when it has the risky value, PASS for the other value,
 * UNKNOWN when it could not be read, NOT_APPLICABLE on operating systems where it does not exist.
 */
abstract class SettingRule<T> extends FactRule<T> {

    private final Set<String> families;
    private final Function<T, Boolean> setting;
    private final boolean risky;
    private final String evidenceKey;
    private final String failReason;
    private final String passReason;
    private final String unknownReason;

    /**
     * @param families      OS families where the setting exists; empty = all
     * @param setting       reads the setting (null = could not be read)
     * @param risky         the value that fails
     * @param evidenceKey   evidence name of the value
     */
    SettingRule(String id, FactKey<T> key, Set<String> families, Function<T, Boolean> setting, boolean risky,
                String evidenceKey, String failReason, String passReason, String unknownReason) {
        super(id, key);
        this.families = families;
        this.setting = setting;
        this.risky = risky;
        this.evidenceKey = evidenceKey;
        this.failReason = failReason;
        this.passReason = passReason;
        this.unknownReason = unknownReason;
    }

    @Override
    protected final Outcome judge(T value, Fact<T> fact, Snapshot snapshot, RuleContext ctx) {
        String family = Platforms.family(snapshot);
        if (!families.isEmpty() && family != null && !families.contains(family)) {
            return Outcome.notApplicable(Reasons.NOT_APPLICABLE_ON_PLATFORM, Evidence.of().put("family", family).map());
        }
        Evidence ev = Evidence.of();
        extra(value, ev);
        Boolean v = setting.apply(value);
        if (v == null) {
            return Outcome.unknown(unknownReason, ev.map());
        }
        ev.put(evidenceKey, v);
        return v == risky ? Outcome.fail(failReason, ev.map()) : Outcome.pass(passReason, ev.map());
    }

    /** Adds context to the evidence (optional). */
    void extra(T value, Evidence ev) {
    }
}
