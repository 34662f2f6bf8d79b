package io.vigie.checks.fact;

import java.util.List;

/**
 * The local SNMP agent (net-snmp's snmpd, the Windows SNMP service) and whether it answers a default community.
 * Community strings are passwords: only the well-known defaults ({@code public}, {@code private}) are reported by
 * name, the others only counted.
 *
 * @param defaultCommunities SNMP v1/v2c communities left at a well-known default, with what they allow
 * @param otherCommunities   how many other v1/v2c communities are configured (names not reported)
 * @param v3Users            how many SNMPv3 users are configured ({@code createUser}, {@code rouser}/{@code rwuser})
 * @param listenAddresses    the addresses the agent is told to listen on ({@code agentAddress}); empty = its default
 *                           (every address, UDP 161)
 * @param sources            the configuration files read
 */
public record SnmpAgent(List<SnmpCommunity> defaultCommunities, Integer otherCommunities, Integer v3Users,
                        List<String> listenAddresses, List<String> sources) {
}
