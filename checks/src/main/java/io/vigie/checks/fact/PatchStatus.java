package io.vigie.checks.fact;

import java.time.Instant;
import java.util.List;

/**
 * Updates waiting to be installed, as the package manager (or Windows Update) sees them.
 *
 * @param manager           {@code apt}, {@code dnf}, {@code windows-update}, {@code softwareupdate}
 * @param pending           number of pending updates
 * @param securityPending   how many of them fix security flaws
 * @param securityPackages  names of (at most 20) pending security updates, as evidence
 * @param sourceRefreshedAt when the list of available updates was last refreshed (the answer is as fresh as that)
 * @param rebootRequired    an installed update waits for a restart
 */
public record PatchStatus(
        String manager,
        Integer pending,
        Integer securityPending,
        List<String> securityPackages,
        Instant sourceRefreshedAt,
        Boolean rebootRequired) {
}
