package io.vigie.agent.link;

import io.vigie.checks.text.Lang;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.UUID;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@code vigie enroll --console URL --code CODE}: binds this machine's device id to an organisation and keeps the
 * device secret in {@code <stateDir>/enrollment.json}. The integrator registers it with the state folder and the
 * device id of {@code io.vigie.agent.state} (resolved when the command runs). With {@code --pin sha256/<base64>}
 * the enrollment itself already trusts only that key, and the pin is kept with the enrollment.
 *
 * <p>Exit codes: 0 enrolled, 1 refused or unreachable, 2 bad usage.
 */
@Command(name = "enroll", mixinStandardHelpOptions = true,
        description = {"Inscrit ce poste auprès d'une console Vigie avec un code d'inscription.",
                "Enrolls this machine with a Vigie console using an enrollment code."})
public final class EnrollCommand implements Callable<Integer> {

    @Option(names = "--console", required = true, paramLabel = "URL", description = "console address, e.g. https://console.example.fr")
    String console;

    @Option(names = "--code", required = true, paramLabel = "CODE", description = "one-time enrollment code")
    String code;

    @Option(names = "--lang", paramLabel = "fr|en", description = "language of messages (default: fr)")
    String lang;

    @Option(names = "--pin", paramLabel = "sha256/BASE64", description = {
            "Empreinte de la clé publique de la console (console auto-signée) : seule cette clé sera acceptée, à chaque connexion.",
            "Console public key pin (self-signed console): only this key is accepted, on every connection."})
    String pin;

    @Option(names = "--proxy", paramLabel = "HOST:PORT", description = "HTTPS proxy (else HTTPS_PROXY)")
    String proxy;

    @Option(names = "--state-dir", paramLabel = "DIR", description = "agent state folder")
    Path stateDirOption;

    @Spec
    CommandSpec spec;

    private final Supplier<Path> stateDir;
    private final Function<Path, UUID> deviceId;
    private final ConsoleClient client;
    private final Map<String, String> env;

    public EnrollCommand(Supplier<Path> stateDir, Supplier<UUID> deviceId) {
        this(stateDir, deviceId, null);
    }

    /**
     * @param stateDir the default state folder ({@code --state-dir} overrides it)
     * @param deviceId this machine's device id, kept in the state folder given
     * @param env      environment ({@code HTTPS_PROXY}, {@code NO_PROXY})
     */
    public EnrollCommand(Supplier<Path> stateDir, Function<Path, UUID> deviceId, Map<String, String> env) {
        this.stateDir = stateDir;
        this.deviceId = deviceId;
        this.client = null;
        this.env = env;
    }

    public EnrollCommand(Supplier<Path> stateDir, Supplier<UUID> deviceId, ConsoleClient client) {
        this.stateDir = stateDir;
        this.deviceId = dir -> deviceId.get();
        this.client = client;
        this.env = Map.of();
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Lang l;
        URI url;
        KeyPin keyPin;
        ConsoleClient c;
        try {
            l = Lang.parse(lang);
            url = ConsoleClient.consoleUrl(console);
            keyPin = pin == null ? null : KeyPin.parse(pin);
            c = client != null ? client : new ConsoleClient(ProxySetting.select(proxy, env == null ? Map.of() : env, url)
                    .map(ConsoleClient.Network.DIRECT::withProxy).orElse(ConsoleClient.Network.DIRECT), Clock.systemUTC());
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 2;
        }
        Path dir = stateDirOption != null ? stateDirOption : stateDir.get();
        try {
            Enrollment e = c.enroll(url, code, deviceId.apply(dir), hostname(), platform(), keyPin);
            e.save(dir);
            out.println(l == Lang.FR
                    ? "Poste inscrit auprès de " + url + " (appareil " + e.deviceId() + ")."
                    : "Machine enrolled with " + url + " (device " + e.deviceId() + ").");
            return 0;
        } catch (ConsoleException e) {
            err.println(e.message(l));
            return 1;
        } catch (IOException e) {
            err.println((l == Lang.FR ? "Impossible d'enregistrer l'inscription dans " : "Cannot save the enrollment in ")
                    + dir + ": " + e.getMessage());
            return 1;
        }
    }

    /** The machine's name from the environment (no DNS lookup). */
    static String hostname() {
        for (String v : new String[] {"COMPUTERNAME", "HOSTNAME"}) {
            String h = System.getenv(v);
            if (h != null && !h.isBlank()) {
                return h.trim();
            }
        }
        try {
            Path etc = Path.of("/etc/hostname");
            if (java.nio.file.Files.isReadable(etc)) {
                String h = java.nio.file.Files.readString(etc).trim();
                return h.isEmpty() ? null : h;
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return null;
    }

    static String platform() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("win")) {
            return "windows";
        }
        if (os.contains("mac")) {
            return "macos";
        }
        return os.contains("linux") ? "linux" : os;
    }
}
