package io.vigie.agent.collect;

import io.vigie.agent.exec.CommandRunner;
import io.vigie.agent.host.HostFiles;
import io.vigie.agent.host.Privilege;
import io.vigie.agent.host.SocketTable;

import java.time.Clock;
import java.time.Instant;

/**
 * Everything a collector may touch. Collectors reach the machine only through these seams, so a recorded
 * machine can be replayed and tests never depend on the host.
 *
 * @param commands  OS commands (C locale, timeouts, tree kill)
 * @param files     read-only file access
 * @param sockets   the socket table
 * @param clock     time source
 * @param privilege whether the agent runs as administrator
 * @param config    operator settings
 */
public record CollectContext(
        CommandRunner commands,
        HostFiles files,
        SocketTable sockets,
        Clock clock,
        Privilege privilege,
        AgentConfig config) {

    public Instant now() {
        return clock.instant();
    }

    public boolean admin() {
        return privilege == Privilege.ADMIN;
    }
}
