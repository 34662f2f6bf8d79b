package io.vigie.agent.cli;

import io.vigie.checks.text.Lang;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code vigie send}: sends the reports waiting in the spool (console unreachable at the time of the check). */
@Command(name = "send", sortOptions = false,
        description = {"Envoie à la console les rapports en attente (console injoignable lors de la vérification).",
                "Sends the reports waiting for the console."})
final class SendCommand implements Callable<Integer> {

    @Option(names = "--state-dir", paramLabel = "DOSSIER", description = "Dossier d'état de l'agent. / Agent state folder.")
    Path stateDir;

    @Option(names = "--config", paramLabel = "FICHIER", description = "Réglages (spool.maxReports, spool.maxBytes, send.maxAttempts). / Settings file.")
    Path config;

    @Option(names = "--proxy", paramLabel = "HÔTE:PORT", description = "Proxy HTTPS (sinon HTTPS_PROXY). / HTTPS proxy (else HTTPS_PROXY).")
    String proxy;

    @Option(names = "--lang", paramLabel = "fr|en", defaultValue = "fr", description = "Langue des messages. / Language.")
    String lang;

    private final CliEnv env;

    SendCommand(CliEnv env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        Messages msg;
        try {
            msg = new Messages(Lang.parse(lang));
        } catch (IllegalArgumentException e) {
            env.err().println(new Messages(Lang.DEFAULT).get("error.lang", lang));
            return ExitCode.USAGE;
        }
        Link.Settings settings;
        try {
            settings = ConfigFile.delivery(config);
        } catch (IOException | IllegalArgumentException e) {
            env.err().println(msg.get("error.config", config, e.getMessage()));
            return ExitCode.USAGE;
        }
        int code = Link.deliver(env, msg, Link.stateDir(env, stateDir).dir(), null, settings, proxy, env.clock());
        if (code == ExitCode.OK) {
            env.out().println(msg.get("send.empty"));
        }
        return code;
    }
}
