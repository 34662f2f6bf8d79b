package io.vigie.agent.cli;

import io.vigie.agent.host.Privilege;
import io.vigie.agent.link.ConsoleClient;
import io.vigie.agent.link.ConsoleException;
import io.vigie.agent.link.Courier;
import io.vigie.agent.link.Enrollment;
import io.vigie.agent.link.ProxySetting;
import io.vigie.agent.link.Spool;
import io.vigie.agent.platform.Platform;
import io.vigie.agent.state.StateDir;
import io.vigie.checks.report.Report;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/** What {@code check --send}, {@code send}, {@code enroll} and {@code service} share: state folder, proxy, delivery. */
final class Link {

    /** Delivery settings ({@code --config}: spool.maxReports, spool.maxBytes, send.maxAttempts). */
    record Settings(Spool.Limits spool, Courier.Settings courier) {
        static final Settings DEFAULTS = new Settings(Spool.Limits.DEFAULTS, Courier.Settings.DEFAULTS);
    }

    private Link() {
    }

    /** {@code --state-dir}, else {@code VIGIE_STATE_DIR}, else the OS default for this user. */
    static StateDir stateDir(CliEnv env, Path option) {
        if (option != null) {
            return new StateDir(option);
        }
        boolean admin = Platform.current() != Platform.WINDOWS && Privilege.detectUnix() == Privilege.ADMIN;
        return StateDir.locate(env.env(), System.getProperty("os.name", ""), admin, env.home());
    }

    /**
     * The HTTPS proxy: {@code --proxy}, else {@code HTTPS_PROXY} / {@code https_proxy} unless the console's host
     * is listed in {@code NO_PROXY} / {@code no_proxy}. Forms: {@code http://host:port}, {@code host:port}.
     */
    static ConsoleClient.Network network(CliEnv env, String proxyOption, URI console) {
        ConsoleClient.Network n = ConsoleClient.Network.DIRECT;
        Optional<InetSocketAddress> p = ProxySetting.select(proxyOption, env.env(), console);
        return p.map(n::withProxy).orElse(n);
    }

    /**
     * Keeps {@code report} (when non-null) in the spool, then sends everything waiting. Says what happened on
     * standard error; returns {@link ExitCode#OK} when nothing is left waiting, else {@link ExitCode#NOT_DELIVERED}.
     */
    static int deliver(CliEnv env, Messages msg, Path stateDir, Report report, Settings settings, String proxyOption,
                       Clock clock) {
        Spool spool = new Spool(stateDir, settings.spool(), w -> env.err().println(msg.get("send.warning", w)));
        if (report != null) {
            try {
                Spool.Added added = spool.add(report);
                if (added.droppedNow() > 0) {
                    env.err().println(msg.get("send.dropped", added.droppedNow()));
                }
            } catch (IOException e) {
                env.err().println(msg.get("send.spoolError", spool.dir(), e.getMessage()));
                return ExitCode.FAILURE;
            }
        }
        Enrollment enrollment;
        try {
            Optional<Enrollment> e = Enrollment.load(stateDir);
            if (e.isEmpty()) {
                env.err().println(new ConsoleException(ConsoleException.Kind.NOT_ENROLLED, null, 0, null, null, null)
                        .message(msg.lang()));
                env.err().println(msg.get("send.kept", count(spool)));
                return ExitCode.NOT_DELIVERED;
            }
            enrollment = e.get();
        } catch (IOException e) {
            env.err().println(e.getMessage());
            return ExitCode.NOT_DELIVERED;
        }
        ConsoleClient client;
        try {
            client = new ConsoleClient(network(env, proxyOption, enrollment.consoleUrl()), clock);
        } catch (IllegalArgumentException e) {
            env.err().println(e.getMessage());
            return ExitCode.USAGE;
        }
        Courier courier = new Courier(client, spool, settings.courier(), line -> { }); // said below, in the user's language
        Courier.Result r;
        try {
            r = courier.flush(enrollment);
        } catch (IOException e) {
            env.err().println(msg.get("send.spoolError", spool.dir(), e.getMessage()));
            return ExitCode.FAILURE;
        }
        for (Courier.SetAside a : r.setAsideFiles()) {
            env.err().println(msg.get(a.damaged() ? "send.bad" : "send.refused", a.file(), a.detail()));
        }
        if (r.delivered() + r.alreadyStored() > 0) {
            env.err().println(msg.get("send.done", r.delivered() + r.alreadyStored(), enrollment.consoleUrl()));
        }
        if (r.remaining() > 0) {
            if (r.stoppedBy() != null) {
                env.err().println(r.stoppedBy().message(msg.lang()));
            }
            env.err().println(msg.get("send.kept", r.remaining()));
            return ExitCode.NOT_DELIVERED;
        }
        return ExitCode.OK;
    }

    private static int count(Spool spool) {
        try {
            return spool.entries().size();
        } catch (IOException e) {
            return 0;
        }
    }
}
