package io.vigie.agent.collect.windows;

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
import java.util.List;

/**
 * {@code net.listeners} from the {@link io.vigie.agent.host.SocketTable} seam (OSHI's GetExtendedTcpTable /
 * GetExtendedUdpTable live, the recorded table in replay). A Windows machine always listens (RPC 135 at least),
 * so an empty table is UNKNOWN, not "nothing listens".
 */
final class ListenersCollector implements Collector {

    static final String SOURCE = "socket table (GetExtendedTcpTable/GetExtendedUdpTable)";

    @Override
    public String name() {
        return "windows-listeners";
    }

    @Override
    public List<FactKey<?>> keys() {
        return List.of(FactKeys.NET_LISTENERS);
    }

    @Override
    public List<Fact<?>> collect(CollectContext ctx) {
        List<RawSocket> sockets;
        try {
            sockets = ctx.sockets().listening();
        } catch (Exception e) {
            return List.of(Fact.unknown(FactKeys.NET_LISTENERS, SOURCE, ctx.now(),
                    Reason.of(Reason.COMMAND_FAILED, "socket table unreadable: " + e.getMessage())));
        }
        if (sockets.isEmpty()) {
            return List.of(Fact.unknown(FactKeys.NET_LISTENERS, SOURCE, ctx.now(),
                    Reason.of(Reason.EMPTY_OUTPUT, "the socket table is empty")));
        }
        List<Listener> out = new ArrayList<>();
        for (RawSocket s : sockets) {
            out.add(new Listener(s.protocol(), s.address(), s.port(), s.pid(), s.process(),
                    Exposure.ofBindAddress(s.address())));
        }
        out.sort(Comparator.comparing(Listener::protocol).thenComparingInt(Listener::port)
                .thenComparing(l -> l.address() == null ? "" : l.address()));
        return List.of(Fact.ok(FactKeys.NET_LISTENERS, SOURCE, ctx.now(), new Listeners(out)));
    }
}
