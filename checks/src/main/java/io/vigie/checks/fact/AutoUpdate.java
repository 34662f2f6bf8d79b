package io.vigie.checks.fact;

/**
 * Whether updates install on their own.
 *
 * @param enabled   true when an automatic mechanism is configured to install security updates
 * @param mechanism {@code unattended-upgrades}, {@code dnf-automatic}, {@code windows-update}, {@code softwareupdate}…
 * @param detail    what was read, e.g. "APT::Periodic::Unattended-Upgrade=1", "NoAutoUpdate=1"
 */
public record AutoUpdate(Boolean enabled, String mechanism, String detail) {
}
