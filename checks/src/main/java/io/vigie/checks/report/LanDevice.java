package io.vigie.checks.report;

import java.util.List;
import java.util.Map;

/**
 * A device discovered on the local network.
 *
 * @param address     IP address
 * @param mac         MAC address, when seen by ARP
 * @param vendor      vendor from the MAC prefix (IEEE OUI)
 * @param deviceClass guessed class: router, printer, nas, camera, workstation, server, unknown
 * @param services    open services
 * @param snmp        SNMP answers (sysDescr, sysName, sysObjectID, community)
 */
public record LanDevice(
        String address,
        String mac,
        String vendor,
        String deviceClass,
        List<LanService> services,
        Map<String, String> snmp) {
}
