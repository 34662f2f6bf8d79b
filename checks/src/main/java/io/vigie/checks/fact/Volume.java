package io.vigie.checks.fact;

/**
 * Encryption of one fixed volume.
 *
 * @param mount        mount point or drive letter ("/", "C:")
 * @param device       device name
 * @param system       holds the operating system
 * @param encrypted    data on disk is encrypted
 * @param protectionOn encryption actually protects the data (BitLocker "waiting for activation" = false)
 * @param method       LUKS2, XTS-AES-256, FileVault…
 * @param percent      encryption progress when converting
 * @param detail       what was seen
 */
public record Volume(
        String mount,
        String device,
        boolean system,
        Boolean encrypted,
        Boolean protectionOn,
        String method,
        Integer percent,
        String detail) {
}
