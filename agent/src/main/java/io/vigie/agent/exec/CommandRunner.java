package io.vigie.agent.exec;

import java.time.Duration;
import java.util.List;

/**
 * Runs OS commands. Every call has a timeout; on timeout the whole process tree is killed. Commands run
 * with {@code LC_ALL=C} (and {@code LANG=C}) so output never depends on the user's language.
 * {@code stdin} is sent to the process (PowerShell scripts go there), or nothing when null.
 * Implementations must be safe for concurrent use; tests use a fake that replays recorded answers.
 */
public interface CommandRunner {

    Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    /** The real runner. */
    CommandRunner SYSTEM = new SystemCommandRunner();

    CommandResult run(List<String> argv, String stdin, Duration timeout);

    default CommandResult run(List<String> argv, Duration timeout) {
        return run(argv, null, timeout);
    }

    default CommandResult run(String... argv) {
        return run(List.of(argv), null, DEFAULT_TIMEOUT);
    }
}
