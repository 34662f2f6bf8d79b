package io.vigie.agent.cli;

/**
 * Exit codes of {@code vigie}, documented in the README.
 * <ul>
 *   <li>0 — the check ran; nothing at or above {@code --fail-on} (or no {@code --fail-on} given);</li>
 *   <li>1 — the check ran and found a problem at or above {@code --fail-on};</li>
 *   <li>2 — bad usage: unknown option, unreadable or invalid {@code --config}, bad {@code --replay} folder;</li>
 *   <li>3 — the check could not complete: the report could not be written, the state folder is unusable.</li>
 * </ul>
 */
public final class ExitCode {
    public static final int OK = 0;
    public static final int FINDINGS = 1;
    public static final int USAGE = 2;
    public static final int FAILURE = 3;

    private ExitCode() {
    }
}
