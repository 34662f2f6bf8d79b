package io.vigie.agent.collect.macos;

import io.vigie.agent.collect.CollectContext;
import io.vigie.agent.collect.Collector;
import io.vigie.agent.host.RawSocket;
import io.vigie.checks.fact.Fact;
import io.vigie.checks.fact.FactKey;
import io.vigie.checks.fact.FactKeys;
import io.vigie.checks.fact.Listeners;
import io.vigie.checks.fact.Reason;

import java.util.List;
import java.util.Optional;

/**
 * {@code net.listeners} from the socket table seam (OSHI, {@code proc_pidfdinfo} on macOS). macOS shows a
 * process's sockets only to its owner and to root: without root the table misses every other user's listener
 * (including launchd's, which holds the sockets of Remote Login, Screen Sharing and File Sharing), so an
 * unprivileged run is UNKNOWN rather than a short list that would read as "nothing listens".
 */
final class MacListeners implements Collector {

    static final String SOURCE = "socket table (proc_pidfdinfo)";

    @Override
    public String name() {
        return "listeners";
    }

    @Override
    public List<FactKey<?>> keys() {
        return List.of(FactKeys.NET_LISTENERS);
    }

    @Override
    public List<Fact<?>> collect(CollectContext ctx) {
        if (!ctx.admin()) {
            return List.of(Fact.unknown(FactKeys.NET_LISTENERS, SOURCE, ctx.now(), Reason.of(Reason.NEEDS_ADMIN,
                    "needs root: macOS hides other users' sockets (launchd holds those of Remote Login and sharing)")));
        }
        List<RawSocket> raw;
        try {
            raw = ctx.sockets().listening();
        } catch (Exception e) {
            return List.of(Fact.unknown(FactKeys.NET_LISTENERS, SOURCE, ctx.now(),
                    Reason.of(Reason.COMMAND_FAILED, "socket table unreadable: " + e.getMessage())));
        }
        return List.of(Fact.ok(FactKeys.NET_LISTENERS, SOURCE, ctx.now(), new Listeners(RawSocket.toListeners(raw))));
    }

    /** The table when it can be read; its absence means "cannot tell". */
    static Optional<List<RawSocket>> table(CollectContext ctx) {
        try {
            return Optional.of(ctx.sockets().listening());
        } catch (Exception e) {
            return Optional.empty();
        }
    }
}
