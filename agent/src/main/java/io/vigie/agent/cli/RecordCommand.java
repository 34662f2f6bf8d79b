package io.vigie.agent.cli;

import io.vigie.agent.collect.AgentConfig;
import io.vigie.agent.collect.CollectionRunner;
import io.vigie.agent.collect.Collector;
import io.vigie.agent.platform.Platforms;
import io.vigie.agent.replay.Recorder;
import io.vigie.agent.replay.Recording;
import io.vigie.agent.replay.Redactor;
import io.vigie.agent.report.AgentVersion;
import io.vigie.checks.text.Lang;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code vigie record DIR}: runs every probe of this OS and saves each raw answer (command line, stdout,
 * stderr, exit code; files read; socket table) with its metadata, so a provider can capture a real
 * machine and replay it anywhere with {@code vigie check --replay DIR}.
 */
@Command(name = "record",
        description = {"Enregistre les réponses brutes de cette machine pour les rejouer ailleurs (vigie check --replay).",
                "Records this machine's raw answers to replay them elsewhere (vigie check --replay)."})
final class RecordCommand implements Callable<Integer> {

    @Parameters(paramLabel = "DOSSIER", description = "Dossier neuf où enregistrer. / New folder to record into.")
    Path dir;

    @Option(names = "--lang", paramLabel = "fr|en", defaultValue = "fr")
    String lang;

    private final CliEnv env;

    RecordCommand(CliEnv env) {
        this.env = env;
    }

    @Override
    public Integer call() throws IOException {
        Messages msg = new Messages(Lang.parse(lang));
        if (Files.exists(dir)) {
            try (Stream<Path> s = Files.list(dir)) {
                if (s.findAny().isPresent()) {
                    env.err().println(msg.get("record.exists", dir));
                    return ExitCode.USAGE;
                }
            }
        }
        Recorder recorder = new Recorder();
        AgentConfig config = AgentConfig.defaults();
        Machine machine = Machine.recording(env, config, recorder);
        List<Collector> collectors = Platforms.collectors(machine.platform(), config, null);
        try (Progress progress = new Progress(env.err(), env.terminal(), msg.get("progress.collecting"), collectors.size())) {
            new CollectionRunner().run(collectors, machine.context(), progress::done);
        }
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("platform", machine.platform().id());
        meta.put("hostname", machine.hostname());
        meta.put("now", machine.context().now().toString());
        meta.put("privilege", machine.context().privilege().name());
        meta.put("provenance", "recorded");
        meta.put("agentVersion", AgentVersion.get());
        meta.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        meta.put("locale", String.valueOf(java.util.Locale.getDefault()));
        Redactor.Redaction redaction = recorder.redacted(meta);
        Recording rec = redaction.recording();
        rec.save(dir);
        env.out().println(msg.get("record.done", rec.answers().size(), dir.toAbsolutePath()));
        printAccount(msg, redaction);
        return ExitCode.OK;
    }

    /** What was masked (per file or command) and what was kept word for word, so the folder can be reviewed. */
    private void printAccount(Messages msg, Redactor.Redaction r) {
        if (r.masked().isEmpty()) {
            env.out().println(msg.get("record.maskedNone"));
        } else {
            env.out().println(msg.get("record.masked", r.masked().size()));
            for (Redactor.Masked m : r.masked()) {
                List<String> parts = new ArrayList<>();
                m.counts().forEach((kind, n) -> parts.add(msg.get("record.kind." + kind.name(), n)));
                env.out().println("  " + m.source() + " : " + String.join(", ", parts));
            }
        }
        env.out().println(msg.get("record.kept", r.keptFiles().size(), r.keptCommands()));
        for (String f : r.keptFiles()) {
            env.out().println("  " + f);
        }
    }
}
