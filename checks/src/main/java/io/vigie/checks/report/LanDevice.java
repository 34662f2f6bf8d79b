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
 * @param snmp        SNMP answers: {@code sysDescr}, {@code sysName}, {@code sysObjectID}, {@code version}
 *                    ({@code 2c} or {@code 3}), {@code community} (only the factory {@code public}, for v2c),
 *                    {@code securityLevel} (v3); empty when the device did not answer
 * @param hostname    name from reverse DNS, only when the operator asked for it (added in schema 1, optional)
 */
public record LanDevice(
        String address,
        String mac,
        String vendor,
        String deviceClass,
        List<LanService> services,
        Map<String, String> snmp,
        String hostname) {

    /** The {@code deviceClass} of a device nothing could classify. */
    public static final String UNKNOWN_CLASS = "unknown";

    /** Without a host name (the original six-field form). */
    public LanDevice(String address, String mac, String vendor, String deviceClass, List<LanService> services,
                     Map<String, String> snmp) {
        this(address, mac, vendor, deviceClass, services, snmp, null);
    }
}
