package io.vigie.checks.fact;

import java.util.List;

/**
 * Host firewall state.
 *
 * @param profiles   every profile or backend found (empty when none is configured)
 * @param thirdParty third-party firewall products registered with the OS (Windows Security Center)
 */
public record FirewallStatus(List<FirewallProfile> profiles, List<String> thirdParty) {
}
