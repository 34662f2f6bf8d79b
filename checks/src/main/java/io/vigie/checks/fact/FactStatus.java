package io.vigie.checks.fact;

/**
 * How a fact was collected. Only {@link #OK} carries a value a rule may judge.
 *
 * <ul>
 *   <li>{@code OK}: the value was read.</li>
 *   <li>{@code UNKNOWN}: we could not tell (no privilege, tool absent, unparsable output). Never "off".</li>
 *   <li>{@code ERROR}: the collector itself failed (bug, crash).</li>
 *   <li>{@code NOT_APPLICABLE}: the question does not arise on this machine (no SSH server installed…).</li>
 * </ul>
 */
public enum FactStatus {
    OK, UNKNOWN, ERROR, NOT_APPLICABLE
}
