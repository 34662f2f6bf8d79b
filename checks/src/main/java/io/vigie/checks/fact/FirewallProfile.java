package io.vigie.checks.fact;

/**
 * One firewall profile (Windows Domain / Private / Public) or backend (ufw, firewalld, nftables, iptables,
 * macOS application firewall, pf).
 *
 * @param name           {@code domain}, {@code private}, {@code public}, {@code ufw}, {@code firewalld},
 *                       {@code nftables}, {@code iptables}, {@code iptables-legacy}, {@code application}, {@code pf}
 * @param enabled        the profile or backend is switched on (service active, ruleset loaded)
 * @param defaultInbound default action on unsolicited inbound traffic; null when unknown
 * @param current        this profile applies to a connected network now (Windows); null elsewhere
 * @param filtering      inbound traffic is actually filtered: a default drop/reject, or rules that drop or reject
 *                       inbound connections, as read in the kernel's ruleset. False for a backend that is on but
 *                       lets everything in (an accept-all ruleset, ufw "active" over an empty kernel ruleset);
 *                       null when not assessed (no root, or a platform where {@code enabled} says it all)
 * @param detail         what decided {@code filtering}, in plain words for the evidence (e.g. "inet filter input:
 *                       policy accept, no rule drops or rejects"); null when not assessed
 * @param acceptedInbound when this layer drops new inbound connections by default and every rule that accepts
 *                       them could be read: the ports it accepts ("22/tcp", "68/udp"; "*&#47;tcp" for any TCP port).
 *                       A listener on another port is not reachable through this layer. Null when not evaluated
 *                       (no default drop, a rule too complex to read, or a backend whose rules are not evaluated)
 */
public record FirewallProfile(String name, Boolean enabled, InboundPolicy defaultInbound, Boolean current,
                              Boolean filtering, String detail, java.util.List<String> acceptedInbound) {

    /** A profile whose filtering is not assessed separately from {@code enabled}. */
    public FirewallProfile(String name, Boolean enabled, InboundPolicy defaultInbound, Boolean current) {
        this(name, enabled, defaultInbound, current, null, null, null);
    }

    /** A profile whose accepted ports are not evaluated. */
    public FirewallProfile(String name, Boolean enabled, InboundPolicy defaultInbound, Boolean current,
                           Boolean filtering, String detail) {
        this(name, enabled, defaultInbound, current, filtering, detail, null);
    }
}
