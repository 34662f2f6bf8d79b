package io.vigie.console;

import io.vigie.agent.cli.CliEnv;
import io.vigie.agent.cli.Main;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * The real agent's command line ({@code vigie ...}), run in-process with its own home folder, its output and
 * errors captured. The environment holds only what is given (by default the caller's {@code PATH}, which the
 * live checks of this machine need).
 */
public final class AgentCli {

    /** What one command did: its exit code, what it printed and what it wrote as errors. */
    public record Run(int code, String out, String err) {
    }

    private AgentCli() {
    }

    /** {@code vigie args...} with {@code home} as the user's home and only {@code PATH} in the environment. */
    public static Run run(Path home, String... args) {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        return run(home, env, args);
    }

    /** {@code vigie args...} with {@code home} as the user's home and exactly {@code env} as the environment. */
    public static Run run(Path home, Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CliEnv cli = new CliEnv(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), new HashMap<>(env), home, Clock.systemUTC(), false);
        int code = Main.execute(cli, args);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
