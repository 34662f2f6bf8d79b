package io.vigie.console.web.view;

import java.util.List;

/** One LAN discovery: the Vigie device that ran it, when, the subnet swept and what it found. */
public record LanScan(String deviceId, String deviceName, String when, String subnet, List<LanHostRow> hosts) {
}
