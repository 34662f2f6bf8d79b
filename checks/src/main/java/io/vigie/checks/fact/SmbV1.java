package io.vigie.checks.fact;

/**
 * The 1980s file-sharing protocol SMBv1 (used by WannaCry).
 *
 * @param serverEnabled the file-sharing server accepts SMBv1
 * @param clientEnabled the client can speak SMBv1; null when unknown or not applicable
 * @param detail        what was read (registry value, Samba "server min protocol"…)
 */
public record SmbV1(Boolean serverEnabled, Boolean clientEnabled, String detail) {
}
