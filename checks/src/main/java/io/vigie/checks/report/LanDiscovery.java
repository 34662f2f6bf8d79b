package io.vigie.checks.report;

import java.time.Instant;
import java.util.List;

/**
 * The LAN section of a report. Discovery is opt-in: {@code performed} is false unless the operator asked.
 *
 * @param performed whether discovery ran
 * @param method    {@code arp} or {@code tcp-connect}
 * @param subnet    CIDR swept
 * @param startedAt start (UTC)
 * @param devices   devices found
 */
public record LanDiscovery(boolean performed, String method, String subnet, Instant startedAt, List<LanDevice> devices) {

    public static LanDiscovery notPerformed() {
        return new LanDiscovery(false, null, null, null, List.of());
    }
}
