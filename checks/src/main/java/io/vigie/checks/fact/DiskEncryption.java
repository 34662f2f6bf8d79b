package io.vigie.checks.fact;

import java.util.List;

/** Encryption of the fixed volumes (the OS volume first). */
public record DiskEncryption(List<Volume> volumes) {
}
