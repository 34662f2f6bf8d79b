package io.vigie.agent.exec;

import java.time.Duration;
import java.util.List;

/**
 * What one OS command did. Everything is kept: a parser decides what the exit code and stderr mean.
 *
 * @param argv     the command line
 * @param exitCode exit code; -1 when it did not finish (timeout) or could not start
 * @param stdout   standard output (UTF-8)
 * @param stderr   standard error (UTF-8)
 * @param timedOut killed because it ran past its timeout (its whole process tree was killed)
 * @param notFound the program does not exist on this machine
 * @param elapsed  how long it ran
 */
public record CommandResult(
        List<String> argv,
        int exitCode,
        String stdout,
        String stderr,
        boolean timedOut,
        boolean notFound,
        Duration elapsed) {

    public boolean ok() {
        return !timedOut && !notFound && exitCode == 0;
    }

    public static CommandResult notFound(List<String> argv) {
        return new CommandResult(List.copyOf(argv), -1, "", "", false, true, Duration.ZERO);
    }

    /** A short technical description for a fact's reason detail. */
    public String describe() {
        String cmd = String.join(" ", argv);
        if (notFound) {
            return cmd + ": not found";
        }
        if (timedOut) {
            return cmd + ": timed out after " + elapsed.toMillis() + " ms";
        }
        String err = stderr == null ? "" : stderr.strip();
        if (err.length() > 200) {
            err = err.substring(0, 200) + "…";
        }
        return cmd + ": exit " + exitCode + (err.isEmpty() ? "" : " (" + err + ")");
    }
}
