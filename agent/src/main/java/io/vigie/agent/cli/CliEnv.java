package io.vigie.agent.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * What the command line talks to, injectable so commands run in-process in tests.
 *
 * @param out      standard output (summary or JSON)
 * @param err      standard error (progress, errors)
 * @param env      environment variables
 * @param home     the user's home folder
 * @param clock    time source for live checks
 * @param terminal whether output goes to a terminal (colours, progress line)
 */
public record CliEnv(PrintStream out, PrintStream err, Map<String, String> env, Path home, Clock clock,
                     boolean terminal) {

    public static CliEnv system() {
        boolean tty = System.console() != null && System.getenv("NO_COLOR") == null
                && !"dumb".equals(System.getenv("TERM"));
        // $HOME first, as XDG does: the JVM's user.home comes from the password database and may be unusable
        // (e.g. /nonexistent for service accounts) while the caller set a HOME that works
        String home = System.getenv("HOME");
        return new CliEnv(System.out, System.err, System.getenv(),
                Path.of(home != null && !home.isBlank() ? home : System.getProperty("user.home")), Clock.systemUTC(), tty);
    }
}
