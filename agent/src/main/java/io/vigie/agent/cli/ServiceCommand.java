package io.vigie.agent.cli;

import io.vigie.checks.text.Lang;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code vigie service}: a foreground loop for containers and supervisors — a {@code vigie check --send} right
 * away, then one every {@code --interval} (default 6 h). SIGTERM (or Ctrl-C) stops it gracefully: a round in
 * progress finishes (its report is in the spool either way), no new one starts. On machines with a scheduler,
 * prefer the systemd timer, the Windows scheduled task or the launchd job of {@code packaging/}: no resident
 * process at all.
 */
@Command(name = "service", sortOptions = false,
        description = {"Boucle au premier plan (conteneurs) : vérifie et envoie à la console, puis recommence à intervalle régulier. Arrêt propre sur SIGTERM.",
                "Foreground loop (containers): check and send, then again at each interval. Stops cleanly on SIGTERM."})
final class ServiceCommand implements Callable<Integer> {

    @Option(names = "--interval", paramLabel = "DURÉE", defaultValue = "6h",
            description = "Intervalle entre deux vérifications : 6h, 30m, 45s ou ISO-8601 (défaut : 6h). / Interval between checks.")
    String interval;

    @Option(names = "--state-dir", paramLabel = "DOSSIER", description = "Dossier d'état de l'agent. / Agent state folder.")
    Path stateDir;

    @Option(names = "--config", paramLabel = "FICHIER", description = "Réglages. / Settings file.")
    Path config;

    @Option(names = "--proxy", paramLabel = "HÔTE:PORT", description = "Proxy HTTPS (sinon HTTPS_PROXY). / HTTPS proxy.")
    String proxy;

    @Option(names = "--lang", paramLabel = "fr|en", defaultValue = "fr", description = "Langue des messages. / Language.")
    String lang;

    /** Tests: replay a recorded machine instead of this one. */
    @Option(names = "--replay", hidden = true)
    Path replay;

    private final CliEnv env;
    private final CountDownLatch stop = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile int rounds;

    ServiceCommand(CliEnv env) {
        this.env = env;
    }

    /** Asks the loop to end after the round in progress (what SIGTERM does). */
    void stop() {
        stop.countDown();
    }

    int rounds() {
        return rounds;
    }

    /** Waits until the loop has ended. */
    boolean awaitFinished(Duration d) throws InterruptedException {
        return finished.await(d.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public Integer call() {
        Messages msg;
        Duration every;
        try {
            msg = new Messages(Lang.parse(lang));
            every = parseDuration(interval);
        } catch (IllegalArgumentException e) {
            env.err().println(e.getMessage());
            return ExitCode.USAGE;
        }
        Thread hook = new Thread(() -> {
            stop();
            try {
                finished.await(60, TimeUnit.SECONDS); // let the round in progress finish
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "vigie-service-stop");
        boolean hooked = false;
        try {
            Runtime.getRuntime().addShutdownHook(hook);
            hooked = true;
        } catch (IllegalStateException shuttingDown) {
            return ExitCode.OK;
        }
        env.err().println(msg.get("service.start", every));
        try {
            while (stop.getCount() > 0) {
                int code = round();
                rounds++;
                env.err().println(msg.get("service.round", Instant.now().truncatedTo(ChronoUnit.SECONDS), code,
                        Instant.now().plus(every).truncatedTo(ChronoUnit.SECONDS)));
                if (stop.await(every.toMillis(), TimeUnit.MILLISECONDS)) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            env.err().println(msg.get("service.stop"));
            finished.countDown();
            if (hooked) {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // the hook is running: it waits for finished, already counted down
                }
            }
        }
        return ExitCode.OK;
    }

    /** One {@code vigie check --send}, its summary left out (the service's standard error says what matters). */
    private int round() {
        List<String> args = new ArrayList<>(List.of("check", "--send", "--lang", lang));
        if (stateDir != null) {
            args.addAll(List.of("--state-dir", stateDir.toString()));
        }
        if (config != null) {
            args.addAll(List.of("--config", config.toString()));
        }
        if (proxy != null) {
            args.addAll(List.of("--proxy", proxy));
        }
        if (replay != null) {
            args.addAll(List.of("--replay", replay.toString()));
        }
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        CliEnv roundEnv = new CliEnv(quiet, env.err(), env.env(), env.home(), env.clock(), false);
        try {
            return Main.commandLine(roundEnv).execute(args.toArray(String[]::new));
        } catch (RuntimeException e) {
            env.err().println("vigie service: " + e);
            return ExitCode.FAILURE;
        }
    }

    static Duration parseDuration(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        Duration d;
        try {
            if (t.startsWith("p")) {
                d = Duration.parse(t.toUpperCase(Locale.ROOT));
            } else if (t.endsWith("ms")) {
                d = Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            } else if (t.endsWith("d")) {
                d = Duration.ofDays(Long.parseLong(t.substring(0, t.length() - 1)));
            } else if (t.endsWith("h")) {
                d = Duration.ofHours(Long.parseLong(t.substring(0, t.length() - 1)));
            } else if (t.endsWith("m")) {
                d = Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
            } else if (t.endsWith("s")) {
                d = Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)));
            } else {
                throw new IllegalArgumentException();
            }
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("--interval: 6h, 30m, 45s or ISO-8601 (PT6H) expected, not '" + text + "'");
        }
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("--interval must be positive: " + text);
        }
        return d;
    }
}
