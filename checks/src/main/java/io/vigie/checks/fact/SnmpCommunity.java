package io.vigie.checks.fact;

/**
 * One SNMP v1/v2c community left at a well-known default.
 *
 * @param community {@code public} or {@code private}
 * @param access    {@code read} or {@code write}
 * @param directive where it was found, e.g. "rocommunity (/etc/snmp/snmpd.conf:49)",
 *                  "com2sec + group v2c (/etc/snmp/snmpd.conf:12)", "ValidCommunities (registry)"
 */
public record SnmpCommunity(String community, String access, String directive) {
}
