package io.vigie.checks.referential;

/**
 * Maps the share r of compliant devices to a measured answer: the first threshold (highest {@code minShare} first)
 * with r ≥ {@code minShare} gives {@code value}. A null value means the evidence cannot decide at that share
 * (e.g. no unattended remote tool does not prove that the provider connects only on request).
 */
public record Threshold(double minShare, Double value) {
}
