package io.vigie.checks.fact;

/**
 * One firewall profile (Windows Domain / Private / Public) or backend (ufw, firewalld, nftables, iptables,
 * macOS application firewall, pf).
 *
 * @param name           {@code domain}, {@code private}, {@code public}, {@code ufw}, {@code firewalld},
 *                       {@code nftables}, {@code iptables}, {@code application}, {@code pf}
 * @param enabled        the profile or backend filters traffic
 * @param defaultInbound default action on unsolicited inbound traffic; null when unknown
 * @param current        this profile applies to a connected network now (Windows); null elsewhere
 */
public record FirewallProfile(String name, Boolean enabled, InboundPolicy defaultInbound, Boolean current) {
}
