package io.vigie.checks.rule.builtin;

import io.vigie.checks.fact.Fact;
import io.vigie.checks.fact.FactKeys;
import io.vigie.checks.fact.Listeners;
import io.vigie.checks.fact.RemoteTool;
import io.vigie.checks.fact.RemoteTools;
import io.vigie.checks.fact.Snapshot;
import io.vigie.checks.report.Severity;
import io.vigie.checks.rule.FactRule;
import io.vigie.checks.rule.Outcome;
import io.vigie.checks.rule.RuleContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * No remote-control tool (TeamViewer, AnyDesk, RustDesk, VNC…) runs unnoticed. Running = anyone with its id and
 * password can take control through the vendor's relay (medium); listening on the network (TeamViewer LAN mode,
 * ports in {@code tcpPorts}) = high.
 */
public final class RemoteControlToolRule extends FactRule<RemoteTools> {

    public static final String LISTENING = "remote_tool_listening";
    public static final String RUNNING = "remote_tool_running";
    public static final String NONE_RUNNING = "no_remote_tool_running";
    public static final String UNKNOWN = "remote_tool_state_unknown";

    public RemoteControlToolRule() {
        super("VIG-RMT-006", FactKeys.REMOTE_TOOLS);
    }

    @Override
    protected Outcome judge(RemoteTools t, Fact<RemoteTools> fact, Snapshot snapshot, RuleContext ctx) {
        List<String> lookedFor = t.lookedFor() == null ? List.of() : t.lookedFor();
        if (t.tools() == null) {
            return Outcome.unknown(UNKNOWN, Evidence.of().put("lookedFor", lookedFor).map());
        }
        List<String> running = new ArrayList<>();
        List<String> listening = new ArrayList<>();
        List<String> installed = new ArrayList<>();
        List<String> undetermined = new ArrayList<>();
        for (RemoteTool tool : t.tools()) {
            boolean listens = tool.listeningPorts() != null && !tool.listeningPorts().isEmpty();
            if (listens) {
                listening.add(tool.name() + " " + tool.listeningPorts());
            }
            if (Boolean.TRUE.equals(tool.running()) || listens) {
                running.add(tool.name());
            } else if (tool.running() == null) {
                undetermined.add(tool.name());
            } else {
                installed.add(tool.name());
            }
        }
        Optional<Fact<Listeners>> sockets = snapshot.get(FactKeys.NET_LISTENERS).filter(Fact::isOk);
        NetworkExposure.Match exposure = null;
        if (sockets.isPresent()) {
            NetworkExposure.Match m = NetworkExposure.find(sockets.get().value(),
                    NetworkExposure.ports(ctx, "tcpPorts"), NetworkExposure.ports(ctx, "udpPorts"), snapshot);
            listening.addAll(m.sockets());
            exposure = m;
        }
        Evidence ev = Evidence.of().put("lookedFor", lookedFor);
        if (exposure != null) {
            exposure.addTo(ev);
        }
        if (!listening.isEmpty()) {
            ev.put("tools", running.isEmpty() ? List.of("?") : running).put("sockets", listening);
            return Outcome.fail(LISTENING, ev.map()).withSeverity(Severity.HIGH);
        }
        if (!running.isEmpty()) {
            return Outcome.fail(RUNNING, ev.put("tools", running).map());
        }
        if (!undetermined.isEmpty()) {
            return Outcome.unknown(UNKNOWN, ev.put("tools", undetermined).map());
        }
        return Outcome.pass(NONE_RUNNING, ev.put("installed", installed).map());
    }
}
