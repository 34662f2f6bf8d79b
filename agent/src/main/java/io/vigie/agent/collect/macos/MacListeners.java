package io.vigie.agent.collect.macos;

import io.vigie.agent.collect.CollectContext;
import io.vigie.agent.collect.Collector;
import io.vigie.agent.host.RawSocket;
import io.vigie.checks.fact.Exposure;
import io.vigie.checks.fact.Fact;
import io.vigie.checks.fact.FactKey;
import io.vigie.checks.fact.FactKeys;
import io.vigie.checks.fact.Listener;
import io.vigie.checks.fact.Listeners;
import io.vigie.checks.fact.Reason;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

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
        return List.of(Fact.ok(FactKeys.NET_LISTENERS, SOURCE, ctx.now(), new Listeners(map(raw))));
    }

    /** Listeners, deduplicated and sorted (protocol, port, address). */
    static List<Listener> map(List<RawSocket> raw) {
        Set<Listener> out = new LinkedHashSet<>();
        for (RawSocket s : raw) {
            String address = s.address() == null || s.address().isBlank() ? "*" : s.address();
            String proto = s.protocol() == null ? "tcp" : s.protocol().toLowerCase(Locale.ROOT);
            out.add(new Listener(proto, address, s.port(), s.pid(), s.process(),
                    "*".equals(address) ? Exposure.NETWORK : Exposure.ofBindAddress(address)));
        }
        List<Listener> list = new ArrayList<>(out);
        list.sort(Comparator.comparing(Listener::protocol).thenComparingInt(Listener::port)
                .thenComparing(Listener::address));
        return list;
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
