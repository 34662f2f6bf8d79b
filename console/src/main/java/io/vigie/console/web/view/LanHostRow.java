package io.vigie.console.web.view;

import java.util.List;

/** A device found on the local network, as the organisation page lists it, with its LAN findings. */
public record LanHostRow(String address, String mac, String vendor, String deviceClass, List<String> services,
                         String snmp, List<LanFindingRow> findings) {
}
