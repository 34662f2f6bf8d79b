package io.vigie.checks.fact;

import java.time.Instant;

/**
 * When updates were last installed successfully.
 *
 * @param lastInstallAt the most recent successful install (UTC)
 * @param origin        where it was read: {@code apt-history}, {@code dpkg-log}, {@code rpm}, {@code wu-history}…
 */
public record LastInstall(Instant lastInstallAt, String origin) {
}
