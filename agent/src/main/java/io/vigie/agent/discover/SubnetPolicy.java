package io.vigie.agent.discover;

import java.util.List;
import java.util.Map;

/**
 * What may be swept. Discovery is for the operator's own local network:
 * <ul>
 *   <li>never loopback, multicast, reserved or "this network" ranges;</li>
 *   <li>a public range only when it lies inside the network of the chosen interface (some offices do
 *       have public addresses on their LAN); {@code --force} does not lift this;</li>
 *   <li>nothing larger than {@value #MAX_PREFIX_WITHOUT_FORCE} addresses' worth (/22, 1024 addresses)
 *       unless forced.</li>
 * </ul>
 */
public final class SubnetPolicy {

    /** The largest block swept without {@code --force}: a /22. */
    public static final int MAX_PREFIX_WITHOUT_FORCE = 22;

    private static final List<Cidr> PRIVATE = List.of(
            Cidr.parse("10.0.0.0/8"), Cidr.parse("172.16.0.0/12"), Cidr.parse("192.168.0.0/16"),
            Cidr.parse("169.254.0.0/16"));
    private static final List<Cidr> NEVER = List.of(
            Cidr.parse("0.0.0.0/8"), Cidr.parse("127.0.0.0/8"), Cidr.parse("224.0.0.0/4"), Cidr.parse("240.0.0.0/4"));

    private SubnetPolicy() {
    }

    /** True when the whole block is in an RFC 1918 or link-local range. */
    public static boolean isPrivate(Cidr c) {
        return PRIVATE.stream().anyMatch(p -> p.contains(c));
    }

    /**
     * Checks a requested subnet.
     *
     * @param subnet           what the operator asked for
     * @param interfaceNetwork the chosen interface's own network, or null when unknown
     * @param force            the operator's {@code --force}
     * @throws DiscoveryRefused with a reason key and the figures, when refused
     */
    public static void check(Cidr subnet, Cidr interfaceNetwork, boolean force) {
        for (Cidr n : NEVER) {
            if (n.overlaps(subnet)) {
                throw new DiscoveryRefused("subnet_reserved", Map.of("subnet", subnet));
            }
        }
        if (!isPrivate(subnet) && (interfaceNetwork == null || !interfaceNetwork.contains(subnet))) {
            throw new DiscoveryRefused("subnet_public", Map.of("subnet", subnet));
        }
        if (subnet.prefix() < MAX_PREFIX_WITHOUT_FORCE && !force) {
            throw new DiscoveryRefused("subnet_too_large",
                    Map.of("subnet", subnet, "count", subnet.size(), "max", MAX_PREFIX_WITHOUT_FORCE));
        }
    }
}
