package io.vigie.agent.cli;

import io.vigie.agent.collect.AgentConfig;
import io.vigie.agent.collect.Collector;
import io.vigie.agent.discover.DiscoverCommand;
import io.vigie.agent.discover.DiscoveryOptions;
import io.vigie.agent.discover.DiscoveryRefused;
import io.vigie.agent.discover.LanDiscoverer;
import io.vigie.agent.link.Enrollment;
import io.vigie.checks.report.ReportFile;
import io.vigie.agent.platform.Platforms;
import io.vigie.agent.replay.Recording;
import io.vigie.agent.report.AgentVersion;
import io.vigie.agent.report.Checkup;
import io.vigie.agent.state.StateDir;
import io.vigie.checks.eol.EolCatalogue;
import io.vigie.checks.json.Json;
import io.vigie.checks.report.LanDiscovery;
import io.vigie.checks.report.Report;
import io.vigie.checks.report.Severity;
import io.vigie.checks.rule.Catalogue;
import io.vigie.checks.rule.Judge;
import io.vigie.checks.text.Lang;
import io.vigie.checks.text.Texts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.channels.FileChannel;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

/** {@code vigie check}: read this machine's security setup, judge it, and say what to do. */
@Command(name = "check", sortOptions = false,
        description = {"Vérifie la sécurité de cette machine (lecture seule) et explique quoi faire.",
                "Checks this machine's security (read-only) and explains what to do."})
final class CheckCommand implements Callable<Integer> {

    @Option(names = "--json", description = "Affiche le rapport complet en JSON (pour la console). / Print the full JSON report.")
    boolean json;

    @Option(names = "--out", paramLabel = "FICHIER", description = "Écrit le rapport JSON dans ce fichier. / Write the JSON report to this file.")
    Path out;

    @Option(names = "--lang", paramLabel = "fr|en", defaultValue = "fr", description = "Langue du résumé (défaut : fr). / Summary language.")
    String lang;

    @Option(names = "--config", paramLabel = "FICHIER", description = "Réglages (dossiers de sauvegarde, délais). / Settings file.")
    Path config;

    @Option(names = "--fail-on", paramLabel = "GRAVITÉ", description = "Code de sortie 1 si un problème au moins aussi grave est trouvé : critical, high, medium, low, info. / Exit 1 when a problem this severe or worse is found.")
    String failOn;

    @Option(names = "--discover", description = "Découvre aussi les appareils du réseau local (jamais par défaut ; voir vigie discover). / Also discover the local network (opt-in).")
    boolean discover;

    @Option(names = "--subnet", paramLabel = "CIDR", description = "Avec --discover : réseau à parcourir (sinon celui de l'interface principale). / With --discover: network to sweep.")
    String subnet;

    @Option(names = "--replay", paramLabel = "DOSSIER", description = "Rejoue une machine enregistrée par « vigie record » au lieu de cette machine. / Replay a recorded machine.")
    Path replay;

    @Option(names = "--state-dir", paramLabel = "DOSSIER", description = "Dossier d'état de l'agent (identifiant de la machine). / Agent state folder.")
    Path stateDir;

    @Option(names = "--send", description = "Envoie le rapport à la console (mis d'abord en file d'attente sur disque ; renvoyé plus tard si la console est injoignable). / Send the report to the console (spooled on disk first).")
    boolean send;

    @Option(names = "--proxy", paramLabel = "HÔTE:PORT", description = "Proxy HTTPS (sinon HTTPS_PROXY). / HTTPS proxy (else HTTPS_PROXY).")
    String proxy;

    private final CliEnv env;

    CheckCommand(CliEnv env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        Lang language;
        try {
            language = Lang.parse(lang);
        } catch (IllegalArgumentException e) {
            env.err().println(new Messages(Lang.DEFAULT).get("error.lang", lang));
            return ExitCode.USAGE;
        }
        Messages msg = new Messages(language);
        Severity threshold = null;
        if (failOn != null) {
            try {
                threshold = Severity.parse(failOn);
            } catch (IllegalArgumentException e) {
                env.err().println("--fail-on: " + failOn + " ? (critical, high, medium, low, info)");
                return ExitCode.USAGE;
            }
        }
        AgentConfig agentConfig;
        Link.Settings delivery;
        try {
            agentConfig = config == null ? AgentConfig.defaults() : ConfigFile.read(config);
            delivery = ConfigFile.delivery(config);
        } catch (IOException | IllegalArgumentException e) {
            env.err().println(msg.get("error.config", config, e.getMessage()));
            return ExitCode.USAGE;
        }
        Machine machine;
        try {
            machine = replay == null ? Machine.live(env, agentConfig)
                    : Machine.replay(Recording.load(replay), env, agentConfig);
        } catch (IOException | IllegalArgumentException e) {
            env.err().println(msg.get("error.replay", replay, e.getMessage()));
            return ExitCode.USAGE;
        }
        UUID deviceId = machine.deviceId();
        StateDir state = null;
        if (deviceId == null || send || stateDir != null) {
            state = stateDir != null ? new StateDir(stateDir)
                    : StateDir.locate(env.env(), System.getProperty("os.name", ""), machine.context().admin(), env.home());
            try {
                // a replayed machine keeps its recorded id, except when it is sent: it then stands in for the
                // device enrolled in this state folder (the console accepts only that device's reports)
                deviceId = deviceId != null && !send ? deviceId : state.deviceId();
            } catch (IOException | RuntimeException e) {
                env.err().println(msg.get("error.state", state.dir(), describe(e, msg)));
                return ExitCode.FAILURE;
            }
        }

        Report report = check(machine, deviceId, state == null || machine.replayed() ? null : state.dir(), msg);
        LanDiscovery lan = null;
        double lanSeconds = 0;
        if (discover) {
            if (machine.replayed()) {
                env.err().println(msg.get("error.discoverReplay"));
                return ExitCode.USAGE;
            }
            long t0 = System.nanoTime();
            try {
                lan = LanDiscoverer.discover(DiscoveryOptions.builder().subnet(subnet).lang(language).build());
            } catch (DiscoveryRefused e) {
                env.err().println(e.message(language));
                return ExitCode.USAGE;
            } catch (IOException | IllegalArgumentException e) {
                env.err().println(msg.get("error.discover", e.getMessage()));
                return ExitCode.FAILURE;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return ExitCode.FAILURE;
            }
            lanSeconds = (System.nanoTime() - t0) / 1e9;
            report = new Report(report.schemaVersion(), report.reportId(), report.deviceId(), report.hostname(),
                    report.platform(), report.agentVersion(), report.catalogueVersion(), report.startedAt(),
                    report.finishedAt(), report.facts(), report.findings(), lan);
        }

        try {
            if (out != null) {
                writeAtomically(out, reportFile(report, state));
            }
            if (json) {
                env.out().println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(report));
            } else {
                Summary summary = new Summary(Texts.builtin(), msg, env.terminal(), ZoneId.systemDefault());
                env.out().print(summary.render(report));
                if (lan != null) {
                    new DiscoverCommand().streams(new java.io.PrintWriter(env.out(), true, StandardCharsets.UTF_8),
                            new java.io.PrintWriter(env.err(), true, StandardCharsets.UTF_8))
                            .printSummary(lan, lanSeconds, language);
                }
                if (out != null) {
                    env.out().println(msg.get("out.written", out.toAbsolutePath()));
                }
            }
            env.out().flush();
        } catch (IOException e) {
            env.err().println(msg.get("error.write", out, e.getMessage()));
            return ExitCode.FAILURE;
        }
        if (send) {
            int delivered = Link.deliver(env, msg, state.dir(), report, delivery, proxy, env.clock());
            if (delivered != ExitCode.OK) {
                return delivered;
            }
        }
        return threshold != null && Summary.hasFailAtLeast(report, threshold) ? ExitCode.FINDINGS : ExitCode.OK;
    }

    /** An I/O failure in words a person can act on (the JDK's message is often just a path). */
    static String describe(Exception e, Messages msg) {
        if (e instanceof java.nio.file.AccessDeniedException a) {
            return msg.get("io.denied", a.getFile());
        }
        if (e instanceof java.nio.file.NoSuchFileException n) {
            return msg.get("io.notFound", n.getFile());
        }
        if (e instanceof java.nio.file.FileSystemException f) {
            return f.getReason() == null ? f.getFile() : f.getFile() + " (" + f.getReason() + ")";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /**
     * The {@code --out} file: the report in a {@link ReportFile} envelope, signed with the device key when this
     * machine is enrolled (and the report is its own), else with a checksum only.
     */
    static String reportFile(Report report, StateDir state) throws IOException {
        String json = Json.mapper().writeValueAsString(report);
        Enrollment e = state == null ? null : Enrollment.load(state.dir()).orElse(null);
        if (e != null && e.deviceId().equals(report.deviceId())) {
            return ReportFile.signed(report.deviceId(), json, ReportFile.deviceKey(e.secret()));
        }
        return ReportFile.checksummed(report.deviceId(), json);
    }

    private Report check(Machine machine, UUID deviceId, Path cacheDir, Messages msg) {
        List<Collector> collectors = Platforms.collectors(machine.platform(), machine.context().config(), cacheDir);
        if (env.env().containsKey("VIGIE_TIMINGS")) {
            collectors = collectors.stream().map(c -> Timed.wrap(c, env.err())).toList();
        }
        Clock clock = machine.context().clock();
        // Parsing the rule catalogue, end-of-life data and texts takes a few hundred milliseconds on a cold
        // JVM: do it while the collectors wait on the OS.
        CompletableFuture<Judge> judge = CompletableFuture.supplyAsync(
                () -> new Judge(Catalogue.builtin(), EolCatalogue.load(), clock));
        if (!json) {
            CompletableFuture.runAsync(Texts::builtin);
        }
        Checkup checkup = new Checkup(machine.platform().id(), machine.hostname(), deviceId, AgentVersion.get());
        try (Progress progress = new Progress(env.err(), env.terminal() && !json, msg.get("progress.collecting"),
                collectors.size())) {
            return checkup.run(collectors, machine.context(), judge::join, progress::done);
        }
    }

    /** Temp file in the same folder, fsync, atomic rename: a reader never sees half a report. */
    static void writeAtomically(Path target, String content) throws IOException {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + abs.getFileName(), ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ch.write(java.nio.ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8)));
                ch.force(true);
            }
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
