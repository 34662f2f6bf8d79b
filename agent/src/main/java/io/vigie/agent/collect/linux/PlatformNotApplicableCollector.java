package io.vigie.agent.collect.linux;

import io.vigie.agent.collect.CollectContext;
import io.vigie.agent.collect.Collector;
import io.vigie.checks.fact.Fact;
import io.vigie.checks.fact.FactKey;
import io.vigie.checks.fact.FactKeys;
import io.vigie.checks.fact.Reason;

import java.util.List;

/**
 * The facts whose question does not arise on Linux: WinRM (a Windows service) and the macOS platform protections
 * (Gatekeeper, SIP, XProtect). Always NOT_APPLICABLE, with the reason.
 */
final class PlatformNotApplicableCollector implements Collector {

    @Override
    public String name() {
        return "not-applicable";
    }

    @Override
    public List<FactKey<?>> keys() {
        return List.of(FactKeys.REMOTE_WINRM, FactKeys.OS_PROTECTION);
    }

    @Override
    public List<Fact<?>> collect(CollectContext ctx) {
        return List.of(
                Fact.notApplicable(FactKeys.REMOTE_WINRM, "platform", ctx.now(),
                        Reason.of(Reason.NOT_SUPPORTED, "WinRM is a Windows service")),
                Fact.notApplicable(FactKeys.OS_PROTECTION, "platform", ctx.now(),
                        Reason.of(Reason.NOT_SUPPORTED, "Gatekeeper, SIP and XProtect are macOS protections")));
    }
}
